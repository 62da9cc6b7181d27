package com.onward.analytics;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.Segment;

/**
 * The seeds' benchmarks the analytics compare against: first-value ratings per segment (days on
 * the median), and the renewal and expansion rates the seeds quote per time-to-value bucket; and
 * how long a computed answer may be served from memory.
 */
@ConfigurationProperties("onward.analytics")
public record AnalyticsProperties(Map<Segment, Rating> ttvRating, Map<Segment, Rating> goLiveRating,
		Map<String, String> retentionBenchmark, Map<String, String> expansionBenchmark, int neverAfterDays,
		Cache cache) {

	public record Rating(int worldClassUpTo, int goodUpTo) {
	}

	/** {@code maxAge}: the longest an answer is served without recomputing (0 = no cache). */
	public record Cache(Duration maxAge, int maxEntries) {

		public Cache {
			if (maxAge == null || maxAge.isNegative()) maxAge = Duration.ofMinutes(5);
			if (maxEntries <= 0) maxEntries = 500;
		}
	}

	public AnalyticsProperties {
		if (ttvRating == null) ttvRating = Map.of(Segment.SMB, new Rating(21, 45), Segment.MID_MARKET, new Rating(45, 90),
				Segment.ENTERPRISE, new Rating(60, 120));
		if (goLiveRating == null) goLiveRating = ttvRating;
		if (retentionBenchmark == null) retentionBenchmark = Map.of();
		if (expansionBenchmark == null) expansionBenchmark = Map.of();
		if (neverAfterDays <= 0) neverAfterDays = 90;
		if (cache == null) cache = new Cache(null, 0);
	}
}
