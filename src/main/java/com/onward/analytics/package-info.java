/**
 * Analytics: first value and go-live per onboarding (derived from the success
 * plan and the go-live milestone, with a person's audited override), time to value and to go-live
 * by segment, CSM and cohort against the seeds' benchmarks, retention by onboarding speed with
 * Wilson intervals, onboarding metrics, the import of past customers' history, and the review
 * views. Reads other modules' data only through the {@code *_v} views they publish.
 */
// Reads, besides the APIs: account_renewal_v, account_v, contact_v, early_win_v, onboarding_project_v,
// project_homework_v, success_criterion_v, survey_answer_v, team_member_v, training_attendance_v, graduation_v (published views;
// DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "graduation", "identity", "onboarding", "shared", "stakeholder", "success", "survey", "team",
		"training", "usage" })
package com.onward.analytics;
