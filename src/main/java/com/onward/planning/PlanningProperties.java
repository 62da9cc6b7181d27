package com.onward.planning;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Capacity planning defaults (ANL-6): the buffer added to the load for seasonality, turnover and
 * complex deals (percent each), the weeks of history behind arrival rates, and the cap on a
 * lifetime derived from retention (1 / (1 − r) grows without bound as r nears 1).
 */
@ConfigurationProperties("onward.planning")
public record PlanningProperties(int seasonalityBufferPercent, int turnoverBufferPercent, int complexDealsBufferPercent,
		int historyWeeks, int maxLifetimeYears, String specialistRole) {

	public PlanningProperties {
		if (historyWeeks <= 0) historyWeeks = 13;
		if (maxLifetimeYears <= 0) maxLifetimeYears = 10;
		if (specialistRole == null || specialistRole.isBlank()) specialistRole = "IMPLEMENTATION_SPECIALIST";
	}

	public int bufferPercent() {
		return seasonalityBufferPercent + turnoverBufferPercent + complexDealsBufferPercent;
	}
}
