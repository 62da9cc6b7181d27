package com.onward.automation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.Positive;

/**
 * After graduation ({@code onward.automation.steady-state}): how many days after the graduation the
 * three-way transition call and the first monthly check-in, quarterly review and annual planning are due.
 */
@ConfigurationProperties("onward.automation.steady-state")
@Validated
record SteadyStateProperties(@Positive int transitionCallDays, @Positive int monthlyCheckInDays,
		@Positive int quarterlyReviewDays, @Positive int annualPlanningDays) {
}
