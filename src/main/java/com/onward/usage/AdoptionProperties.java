package com.onward.usage;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import com.onward.account.ProductType;

/**
 * The adoption defaults of ADO-2..5 ({@code onward.adoption}). Target curves are points
 * (onboarding day → target) joined by straight lines from (0, 0) and flat after the last point.
 */
@ConfigurationProperties("onward.adoption")
@Validated
public record AdoptionProperties(@Positive int coreFeatures, @NotEmpty TreeMap<Integer, Double> activationTarget,
		@NotEmpty TreeMap<Integer, Double> weeklyActiveTarget, @NotEmpty TreeMap<Integer, Double> coreFeaturesTarget,
		@NotEmpty Map<ProductType, Map<String, Double>> thresholds, @PositiveOrZero int lowAdopterMaxEvents,
		@Positive int powerUserMinActiveDays, @Positive int powerUserMinEvents, @Positive int champions) {

	/** The value of a target curve on an onboarding day. */
	public static double onCurve(NavigableMap<Integer, Double> curve, long day) {
		if (curve == null || curve.isEmpty() || day <= 0) {
			return 0;
		}
		var ceiling = curve.ceilingEntry((int) Math.min(day, Integer.MAX_VALUE));
		if (ceiling == null) {
			return curve.lastEntry().getValue();
		}
		var floor = curve.floorEntry((int) day);
		int x0 = floor == null ? 0 : floor.getKey();
		double y0 = floor == null ? 0 : floor.getValue();
		if (ceiling.getKey() == x0) {
			return ceiling.getValue();
		}
		return y0 + (ceiling.getValue() - y0) * (day - x0) / (ceiling.getKey() - x0);
	}
}
