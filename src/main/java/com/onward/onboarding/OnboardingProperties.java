package com.onward.onboarding;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import com.onward.account.OnboardingFactors.Level;

/**
 * How much each customisation factor lengthens a plan, in percent of the day count
 * (PLAN-4; the numbers are ours, the seeds name only the factors).
 */
@ConfigurationProperties("onward.onboarding.factors")
@Validated
public record OnboardingProperties(@NotNull Map<Level, @NotNull @PositiveOrZero Integer> complexityPercent,
		@PositiveOrZero int percentPerExtraIntegration, @NotNull Map<Level, @NotNull @PositiveOrZero Integer> dataVolumePercent,
		@PositiveOrZero int limitedCustomerResourcesPercent, @PositiveOrZero int busySeasonPercent) {
}
