/**
 * Health: an explainable 0–100 score per account from weighted components
 * (adoption, engagement, milestone timeliness, value progress, support load, sentiment), where
 * a component without data is shown as such and its weight shared out; red flags in the seeds'
 * five categories and early warnings from the leading indicators, raised and cleared by rules
 * with their evidence; the risk register per project; corrective actions with the
 * course-correction playbooks; escalate-or-extend guidance. Scores are recomputed daily (once
 * across instances), for changed accounts every minute, and on demand. Publishes
 * {@link com.onward.health.RedFlagRaised} and {@link com.onward.health.HealthBandChanged}.
 */
// Reads, besides the APIs: account_v, contact_v, onboarding_item_progress_v, onboarding_project_v,
// onboarding_scope_change_v, success_criterion_v, success_measurement_v, success_value_confirmation_v,
// support_ticket_v, team_member_v (the escalations page's owner), training_attendance_v (published views;
// DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared", "stakeholder", "success", "support", "team",
		"training", "usage" })
package com.onward.health;
