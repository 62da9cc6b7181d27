package com.onward.graduation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GRD-2 and GRD-3 defaults ({@code onward.graduation}): dimension weights, verdict thresholds
 * and the red-flag codes that block graduation whatever the score.
 */
@ConfigurationProperties("onward.graduation")
@org.springframework.validation.annotation.Validated
record GraduationProperties(@jakarta.validation.constraints.NotEmpty Map<Dimension, BigDecimal> weights,
		@jakarta.validation.constraints.NotNull BigDecimal readyFrom, @jakarta.validation.constraints.NotNull BigDecimal closeFrom,
		List<com.onward.health.FlagCode> blockingFlags, int extensionCapDays, int recoveryAfterDays,
		int salesHandoffHours, int implementationHandoffDays) {

	// Defaults live in application.yml only.

	/** The dimension weights share out the whole score. */
	@jakarta.validation.constraints.AssertTrue(message = "the weights must sum to 1")
	boolean isWeightsSumToOne() {
		return weights == null
				|| weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(BigDecimal.ONE) == 0;
	}

	/** Verdict thresholds are ordered: READY from above CLOSE from. */
	@jakarta.validation.constraints.AssertTrue(message = "ready-from must be above close-from")
	boolean isThresholdsOrdered() {
		return readyFrom == null || closeFrom == null || readyFrom.compareTo(closeFrom) > 0;
	}
}
