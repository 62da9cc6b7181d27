package com.onward.success;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** VAL-6 defaults ({@code onward.success.outcome-defaults}): business outcome criteria offered on every plan. */
@ConfigurationProperties("onward.success")
@Validated
record SuccessProperties(List<@Valid Outcome> outcomeDefaults) {

	SuccessProperties {
		if (outcomeDefaults == null) outcomeDefaults = List.of();
	}

	/** A default criterion: its KPI is titled per language by {@code outcome.<code>}. */
	record Outcome(@NotBlank String code, @NotBlank String unit, @NotNull BigDecimal baseline, @NotNull BigDecimal target,
			@Positive int days) {
	}
}
