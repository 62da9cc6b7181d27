package com.onward.onboarding;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.onward.account.OnboardingFactors;

/** Turns a contract's factors into a percentage stretch per factor. */
@Component
class FactorEffects {

	private final OnboardingProperties props;

	FactorEffects(OnboardingProperties props) {
		this.props = props;
	}

	Map<Factor, Integer> percentages(OnboardingFactors f) {
		var map = new EnumMap<Factor, Integer>(Factor.class);
		put(map, Factor.COMPLEXITY, props.complexityPercent().getOrDefault(f.complexity(), 0));
		// The first integration is part of every plan; each extra one adds time.
		put(map, Factor.INTEGRATIONS, Math.max(0, f.integrations() - 1) * props.percentPerExtraIntegration());
		put(map, Factor.DATA_VOLUME, props.dataVolumePercent().getOrDefault(f.dataVolume(), 0));
		put(map, Factor.LIMITED_CUSTOMER_RESOURCES, f.limitedCustomerResources() ? props.limitedCustomerResourcesPercent() : 0);
		put(map, Factor.BUSY_SEASON, f.busySeason() ? props.busySeasonPercent() : 0);
		return map;
	}

	private static void put(Map<Factor, Integer> map, Factor factor, int percent) {
		if (percent > 0) map.put(factor, percent);
	}
}
