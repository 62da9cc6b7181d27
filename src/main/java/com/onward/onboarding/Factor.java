package com.onward.onboarding;

/** The timeline customisation factors of PLAN-4. */
public enum Factor {
	COMPLEXITY, INTEGRATIONS, DATA_VOLUME, LIMITED_CUSTOMER_RESOURCES, BUSY_SEASON
}
