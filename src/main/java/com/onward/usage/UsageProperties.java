package com.onward.usage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Ingestion limits and retention ({@code onward.usage}); documented in README's configuration reference. */
@ConfigurationProperties("onward.usage")
@Validated
record UsageProperties(@Positive int maxBatch, @NotNull Duration maxFuture, @NotNull Duration rawRetention,
		@NotNull Duration dedupRetention, @Positive int partitionsAhead, @Positive int countingBatches,
		@NotNull Duration countingInterval) {
	// Defaults live in application.yml only.

	/** Raw events and their de-duplication keys are kept for a while: zero would drop them as they arrive. */
	@AssertTrue(message = "counting-interval must be positive")
	boolean isCountingIntervalPositive() {
		return countingInterval == null || countingInterval.isPositive();
	}

	@AssertTrue(message = "raw-retention and dedup-retention must be positive")
	boolean isRetentionPositive() {
		return rawRetention == null || dedupRetention == null || rawRetention.isPositive() && dedupRetention.isPositive();
	}
}
