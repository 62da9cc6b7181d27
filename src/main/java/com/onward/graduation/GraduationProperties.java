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
		List<String> blockingFlags) {
}
