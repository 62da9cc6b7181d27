package com.onward.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import java.net.URI;
import java.net.URISyntaxException;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Delivery settings ({@code onward.messaging}): sender, retries and backoff, and the Slack and Teams
 * incoming webhooks that staff notices go to (none by default).
 */
@ConfigurationProperties("onward.messaging")
@Validated
record MessagingProperties(String from, @Positive int maxAttempts, @NotNull Duration firstRetry, @NotNull Duration maxRetry,
		String product, String publicUrl, String unsubscribeSecret, String slackWebhookUrl, String teamsWebhookUrl,
		Duration httpTimeout, @Pattern(regexp = "en|id|ms", message = "must be en, id or ms") String staffLanguage) {

	MessagingProperties {
		if (from == null || from.isBlank()) from = "onboarding@onward.example";
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

	/** The backoff doubles from the first retry up to the longest one. */
	@AssertTrue(message = "first-retry must not be negative or above max-retry")
	boolean isRetriesOrdered() {
		return firstRetry == null || maxRetry == null || !firstRetry.isNegative() && firstRetry.compareTo(maxRetry) <= 0;
	}

	/** Every link in an email starts with it: a relative or misspelt address would send dead links. */
	@AssertTrue(message = "public-url must be an absolute http(s) address")
	boolean isPublicUrlAbsolute() {
		try {
			URI uri = new URI(publicUrl);
			return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (URISyntaxException e) {
			return false;
		}
	}
}
