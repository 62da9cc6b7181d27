package com.onward.automation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * After graduation ({@code onward.automation.steady-state}): how many days after the graduation the
 * three-way transition call and the first monthly check-in, quarterly review and annual planning are due.
 */
@ConfigurationProperties("onward.automation.steady-state")
record SteadyStateProperties(int transitionCallDays, int monthlyCheckInDays, int quarterlyReviewDays,
		int annualPlanningDays) {

	SteadyStateProperties {
		if (transitionCallDays <= 0 || monthlyCheckInDays <= 0 || quarterlyReviewDays <= 0 || annualPlanningDays <= 0) {
			throw new IllegalArgumentException("onward.automation.steady-state: every number of days must be positive");
		}
	}
}
