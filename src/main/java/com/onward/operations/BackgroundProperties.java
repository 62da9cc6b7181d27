package com.onward.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Background work ({@code onward.background}): how many asynchronous listeners run at once (and how many of
 * them on the bulk lane, see {@link com.onward.shared.BulkListener}) and how many connections stay free for web
 * requests; the retry of failed event publications.
 */
@ConfigurationProperties("onward.background")
@Validated
record BackgroundProperties(@Positive int listenerThreads, @Positive int bulkListenerThreads, @NotNull Duration bulkHoldMax,
		@Positive int queueCapacity, @NotNull Duration submitWait,
		@PositiveOrZero int webReservedConnections, @Positive int schedulerThreads, @NotNull @Valid Retry retry) {
	// Defaults live in application.yml only.

	/**
	 * Failed publications are resubmitted after {@code firstDelay}, doubling up to {@code maxDelay};
	 * a warning is logged when at least {@code warnCount} stay incomplete from one round to the next without
	 * shrinking, or the oldest is older than {@code warnAge}.
	 */
	record Retry(@NotNull Duration firstDelay, @NotNull Duration maxDelay, @NotNull Duration warnAge,
			@Positive int warnCount, @Positive int batchSize, @NotNull Duration interval) {

		@AssertTrue(message = "first-delay must be positive and not above max-delay")
		boolean isDelaysOrdered() {
			return firstDelay == null || maxDelay == null || firstDelay.isPositive() && firstDelay.compareTo(maxDelay) <= 0;
		}

		@AssertTrue(message = "interval must be positive")
		boolean isIntervalPositive() {
			return interval == null || interval.isPositive();
		}
	}
}
