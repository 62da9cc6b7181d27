package com.onward.onboarding;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.account.OnboardingFactors.Level;

/**
 * How much each customisation factor lengthens a plan, in percent of the day count
 * (PLAN-4; the numbers are ours, the seeds name only the factors).
 */
@ConfigurationProperties("onward.onboarding.factors")
public record OnboardingProperties(Map<Level, Integer> complexityPercent, int percentPerExtraIntegration,
		Map<Level, Integer> dataVolumePercent, int limitedCustomerResourcesPercent, int busySeasonPercent) {
}
