package com.onward.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The timeline customisation factors of PLAN-4, given when a contract is signed. Each one
 * lengthens the plan by a configurable amount (see {@code onward.onboarding.factors}).
 */
public record OnboardingFactors(Level complexity, @Min(0) @Max(100) Integer integrations, Level dataVolume,
		Boolean limitedCustomerResources, Boolean busySeason) {

	public enum Level {
		LOW, MEDIUM, HIGH
	}

	public static final OnboardingFactors NONE = new OnboardingFactors(Level.LOW, 0, Level.LOW, false, false);

	public OnboardingFactors {
		if (complexity == null) complexity = Level.LOW;
		if (integrations == null) integrations = 0;
		if (dataVolume == null) dataVolume = Level.LOW;
		if (limitedCustomerResources == null) limitedCustomerResources = false;
		if (busySeason == null) busySeason = false;
	}
}
