package com.onward.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Small statistics the analytics need: percentiles from sorted values, Wilson intervals, rounding. */
public final class Stats {

	private Stats() {
	}

	/**
	 * The p-th percentile (0..1) of sorted values by linear interpolation between closest ranks
	 * (PostgreSQL's percentile_cont): the median of 10, 20 is 15. Null for no values.
	 */
	public static Double percentile(List<Integer> sorted, double p) {
		if (sorted.isEmpty()) return null;
		double pos = p * (sorted.size() - 1);
		int lo = (int) Math.floor(pos);
		int hi = (int) Math.ceil(pos);
		double v = sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
		return round(v, 1);
	}

	/** The Wilson score interval (95 %) of {@code successes} out of {@code n}; null when n = 0. */
	public static double[] wilson(long successes, long n) {
		if (n == 0) return null;
		double z = 1.959963984540054;
		double p = (double) successes / n;
		double z2 = z * z;
		double denom = 1 + z2 / n;
		double centre = p + z2 / (2 * n);
		double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
		return new double[] { Math.max(0, (centre - margin) / denom), Math.min(1, (centre + margin) / denom) };
	}

	public static Double ratio(long numerator, long denominator, int places) {
		return denominator == 0 ? null : round((double) numerator / denominator, places);
	}

	public static double round(double v, int places) {
		return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
	}
}
