package com.onward.health;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Support-load defaults ({@code onward.health.support-load}): the seeds' target of under 5 tickets
 * a week by day 60 (and the allowance before), the technical share that starts to cost points, the
 * open-ticket age that is still fine, and the two ticket red flags' thresholds (HLT-1, HLT-2).
 */
@ConfigurationProperties("onward.health.support-load")
record SupportLoadProperties(int weeklyTarget, int targetByDay, int earlyWeeklyTarget, double technicalShareOk,
		int openAgeDays, int growingTechnicalMin, int itUnresponsiveDays) {

	static final SupportLoadProperties DEFAULTS = new SupportLoadProperties(5, 60, 10, 0.5, 7, 2, 5);

	SupportLoadProperties {
		if (weeklyTarget <= 0) weeklyTarget = 5;
		if (targetByDay <= 0) targetByDay = 60;
		if (earlyWeeklyTarget <= 0) earlyWeeklyTarget = 10;
		if (technicalShareOk <= 0 || technicalShareOk >= 1) technicalShareOk = 0.5;
		if (openAgeDays <= 0) openAgeDays = 7;
		if (growingTechnicalMin <= 0) growingTechnicalMin = 2;
		if (itUnresponsiveDays <= 0) itUnresponsiveDays = 5;
	}
}
