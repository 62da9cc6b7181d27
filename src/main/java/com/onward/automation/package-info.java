/**
 * Automation: rules with editable parameters and the
 * sweep that evaluates the time-based ones with one set-based query per rule. Every action goes
 * through the messaging outbox with a key per (rule, account, occurrence), so a sweep can run any
 * number of times — and on several instances — and each message still exists once.
 */
// Reads, besides the APIs: account_v, contact_v, health_score_v, identity_user_v, messaging_key_v,
// onboarding_item_schedule_v, onboarding_project_v, project_assignment_v, stakeholder_contact_v, team_member_v,
// usage_catalogue_feature_v, usage_feature_v, usage_user_day_v, usage_user_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "graduation", "health", "identity", "messaging", "onboarding", "playbook", "shared",
		"stakeholder", "success", "survey", "team", "training", "usage" })
package com.onward.automation;
