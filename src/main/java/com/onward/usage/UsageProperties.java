package com.onward.usage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Ingestion limits and retention ({@code onward.usage}); documented in README's configuration reference. */
@ConfigurationProperties("onward.usage")
record UsageProperties(int maxBatch, Duration maxFuture, Duration rawRetention, Duration dedupRetention,
		int partitionsAhead) {

	UsageProperties {
		if (maxBatch <= 0) maxBatch = 10_000;
		if (maxFuture == null) maxFuture = Duration.ofHours(24);
		if (rawRetention == null) rawRetention = Duration.ofDays(400);
		if (dedupRetention == null) dedupRetention = Duration.ofDays(8);
		if (partitionsAhead <= 0) partitionsAhead = 2;
	}
}
