/**
 * Portfolio: the dashboard's read model. It reads the views the account, onboarding, team,
 * health and analytics modules publish in a single SQL query, so the portfolio pages through 10,000
 * accounts with filters in milliseconds instead of stitching module APIs together row by row. It
 * writes nothing.
 */
// Reads, besides the APIs: account_v, analytics_first_value_v, health_score_v, onboarding_project_v,
// project_assignment_v, red_flag_v, team_member_v, graduation_hypercare_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "analytics", "graduation", "health", "onboarding", "shared", "team" })
package com.onward.portfolio;
