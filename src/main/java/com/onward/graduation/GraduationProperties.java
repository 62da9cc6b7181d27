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
record GraduationProperties(Map<Dimension, BigDecimal> weights, BigDecimal readyFrom, BigDecimal closeFrom,
		List<String> blockingFlags, int extensionCapDays, int recoveryAfterDays, int onTimeFromPercent,
		int onTimeUntilPercent, int salesHandoffHours, int implementationHandoffDays) {

	GraduationProperties {
		// The seeds' defaults when a setting is missing, rather than a silent zero.
		if (extensionCapDays <= 0) extensionCapDays = 30;
		if (recoveryAfterDays <= 0) recoveryAfterDays = 30;
		if (onTimeFromPercent <= 0) onTimeFromPercent = 100;
		if (onTimeUntilPercent <= 0) onTimeUntilPercent = 133;
		if (salesHandoffHours <= 0) salesHandoffHours = 24;
		if (implementationHandoffDays <= 0) implementationHandoffDays = 7;
	}
}
