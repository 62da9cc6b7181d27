package com.onward.analytics;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.onward.shared.Segment;

/**
 * The seeds' benchmarks the analytics compare against: first-value ratings per segment (days on
 * the median), and the renewal and expansion rates the seeds quote per time-to-value bucket; and
 * how long a computed answer may be served from memory.
 */
@ConfigurationProperties("onward.analytics")
@Validated
public record AnalyticsProperties(@NotEmpty Map<Segment, @Valid Rating> ttvRating, Map<Segment, @Valid Rating> goLiveRating,
		Map<String, String> retentionBenchmark, Map<String, String> expansionBenchmark, @Positive int neverAfterDays,
		@NotNull @Valid Cache cache) {

	public record Rating(@Positive int worldClassUpTo, @Positive int goodUpTo) {

		@AssertTrue(message = "world-class-up-to must not be above good-up-to")
		boolean isOrdered() {
			return worldClassUpTo <= goodUpTo;
		}
	}

	/** {@code maxAge}: the longest an answer is served without recomputing (0 = no cache). */
	public record Cache(@NotNull Duration maxAge, @Positive int maxEntries) {

		@AssertTrue(message = "max-age must not be negative")
		boolean isMaxAgeValid() {
			return maxAge == null || !maxAge.isNegative();
		}
	}

	public AnalyticsProperties {
		// Go-live is rated like first value unless configured on its own; other defaults live in application.yml.
		if (goLiveRating == null) goLiveRating = ttvRating;
		if (retentionBenchmark == null) retentionBenchmark = Map.of();
		if (expansionBenchmark == null) expansionBenchmark = Map.of();
	}
}
