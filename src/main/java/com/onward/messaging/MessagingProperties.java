package com.onward.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery settings ({@code onward.messaging}): sender, retries and backoff, and the Slack and Teams
 * incoming webhooks that staff notices go to (none by default).
 */
@ConfigurationProperties("onward.messaging")
record MessagingProperties(String from, int maxAttempts, Duration firstRetry, Duration maxRetry,
		String product, String publicUrl, String unsubscribeSecret, String slackWebhookUrl, String teamsWebhookUrl,
		Duration httpTimeout, String staffLanguage) {

	MessagingProperties {
		if (from == null || from.isBlank()) from = "onboarding@onward.example";
		if (maxAttempts <= 0) maxAttempts = 8;
		if (firstRetry == null) firstRetry = Duration.ofSeconds(30);
		if (maxRetry == null) maxRetry = Duration.ofHours(1);
		if (product == null || product.isBlank()) product = "Onward";
		if (publicUrl == null || publicUrl.isBlank()) publicUrl = "http://localhost:8080";
		// No default: unset means the key generated on first start and kept in the database.
		if (unsubscribeSecret == null || unsubscribeSecret.isBlank()) unsubscribeSecret = null;
		else com.onward.shared.Secrets.requireStrong("onward.messaging.unsubscribe-secret", unsubscribeSecret);
		if (slackWebhookUrl != null && slackWebhookUrl.isBlank()) slackWebhookUrl = null;
		if (teamsWebhookUrl != null && teamsWebhookUrl.isBlank()) teamsWebhookUrl = null;
		if (httpTimeout == null) httpTimeout = Duration.ofSeconds(10);
		if (staffLanguage == null || staffLanguage.isBlank()) staffLanguage = "en";
	}
}
