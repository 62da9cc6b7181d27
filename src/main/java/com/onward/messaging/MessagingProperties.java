package com.onward.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Delivery settings ({@code onward.messaging}): sender, batch size, retries and backoff. */
@ConfigurationProperties("onward.messaging")
record MessagingProperties(String from, int batchSize, int maxAttempts, Duration firstRetry, Duration maxRetry,
		String product, String publicUrl, String unsubscribeSecret) {

	MessagingProperties {
		if (from == null || from.isBlank()) from = "onboarding@onward.example";
		if (batchSize <= 0) batchSize = 20;
		if (maxAttempts <= 0) maxAttempts = 8;
		if (firstRetry == null) firstRetry = Duration.ofSeconds(30);
		if (maxRetry == null) maxRetry = Duration.ofHours(1);
		if (product == null || product.isBlank()) product = "Onward";
		if (publicUrl == null || publicUrl.isBlank()) publicUrl = "http://localhost:8080";
		if (unsubscribeSecret == null || unsubscribeSecret.isBlank()) unsubscribeSecret = "onward-unsubscribe";
	}
}
