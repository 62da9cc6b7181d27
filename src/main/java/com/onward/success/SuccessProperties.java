package com.onward.success;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** VAL-6 defaults ({@code onward.success.outcome-defaults}): business outcome criteria offered on every plan. */
@ConfigurationProperties("onward.success")
record SuccessProperties(List<Outcome> outcomeDefaults) {

	SuccessProperties {
		if (outcomeDefaults == null) outcomeDefaults = List.of();
	}

	/** A default criterion: its KPI is titled per language by {@code outcome.<code>}. */
	record Outcome(String code, String unit, BigDecimal baseline, BigDecimal target, int days) {
	}
}
