package com.onward.graduation;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Scorecards, the graduation checklist, extensions, recovery plans, handoffs and the graduation itself. */
@Component
class GraduationPersonalData extends PersonalDataTables {

	GraduationPersonalData(JdbcClient jdbc) {
		super(jdbc, "graduation");
		table("scorecard", "scorecards", BY_PROJECT, "created_at, id");
		table("graduation_check", "checklist", BY_PROJECT, "1");
		table("extension", "extensions", BY_PROJECT, "1");
		table("recovery_plan", "recoveryPlans", BY_PROJECT, "1");
		table("completion_review", "completionReviews", BY_PROJECT, "1");
		table("graduation", "graduation", BY_PROJECT, "project_id");
		table("handoff", "handoffs", BY_ACCOUNT, "1");
		table("project_issue", "issues", BY_ACCOUNT, "logged_at, id");
		table("graduation_ready_review", "readyToComplete", BY_ACCOUNT, "created_at, project_id");
		redacted("graduation_ready_review", "comment", "decided_by", "note");
		redacted("scorecard", "note");
		redacted("graduation_check", "evidence_url");
		redacted("extension", "reason", "must_happen", "informed", "message", "decision_note");
		redacted("recovery_plan", "root_cause_detail", "reduced_scope", "minimum_viable_success");
		redacted("completion_review", "signed_off_by", "transition_plan", "documentation_url");
		redacted("graduation", "achievements", "celebration_subject", "celebration_body", "ongoing_csm");
		redacted("handoff", "to_owner", "context", "notes");
		redacted("project_issue", "title", "resolution");
	}

}
