/**
 * Planning: the LTV impact, onboarding-investment ROI and capacity (Little's law)
 * calculators with their derivations, capacity per segment from the vendor's own data, and a
 * week-by-week what-if simulation of active onboardings, backlog and utilisation. Reads other
 * modules' data only through their published {@code *_v} views and the analytics module's API.
 */
// Reads, besides the APIs: account_v, onboarding_project_v, team_member_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "analytics", "onboarding", "shared", "team" })
package com.onward.planning;
