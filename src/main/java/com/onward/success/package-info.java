/**
 * Success plans: success criteria per project (use case, KPI, unit, baseline,
 * target, deadline, evidence method; quantitative or qualitative), measurements over time with
 * progress from baseline to target, the customer's value confirmation with a quote and evidence
 * (links and files), and quick wins at 30, 60 and 90 days. A criterion with no data is never
 * shown as met. Publishes {@link com.onward.success.SuccessCriterionMet} and
 * {@link com.onward.success.ValueConfirmed}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared" })
package com.onward.success;
