package com.onward.planning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Capacity planning defaults (ANL-6): the buffer added to the load for seasonality, turnover and
 * complex deals (percent each), the weeks of history behind arrival rates, and the cap on a
 * lifetime derived from retention (1 / (1 − r) grows without bound as r nears 1).
 */
@ConfigurationProperties("onward.planning")
@Validated
public record PlanningProperties(@Min(0) @Max(100) int seasonalityBufferPercent, @Min(0) @Max(100) int turnoverBufferPercent,
		@Min(0) @Max(100) int complexDealsBufferPercent,
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
