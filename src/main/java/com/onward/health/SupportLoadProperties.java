package com.onward.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/**
 * Support-load defaults ({@code onward.health.support-load}): the seeds' target of under 5 tickets
 * a week by day 60 (and the allowance before), the technical share that starts to cost points, the
 * open-ticket age that is still fine, and the two ticket red flags' thresholds (HLT-1, HLT-2).
 */
@ConfigurationProperties("onward.health.support-load")
@Validated
record SupportLoadProperties(@Positive int weeklyTarget, @Positive int targetByDay, @Positive int earlyWeeklyTarget,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double technicalShareOk,
		@Positive int openAgeDays, @Positive int growingTechnicalMin, @Positive int itUnresponsiveDays) {

	/** The shipped values, for rules built without Spring (unit tests); application.yml is the reference. */
	static final SupportLoadProperties DEFAULTS = new SupportLoadProperties(5, 60, 10, 0.5, 7, 2, 5);
}
