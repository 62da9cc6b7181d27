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
		table("handoff_form", "handoffForms", BY_ACCOUNT, "project_id");
		table("expansion_opportunity", "expansionOpportunities", BY_ACCOUNT, "recorded_at, id");
		table("go_live_check", "goLiveReadiness", BY_PROJECT, "project_id, item");
		table("hypercare_window", "hypercare", BY_ACCOUNT, "project_id");
		// The kept review decks (PDFs naming who confirmed value) are deleted, not exported: they are
		// generated again from the data on request.
		erasedOnly("review_deck");
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
		redacted("handoff_form", "use_case", "business_problem", "success_criteria", "timeline_expectations",
				"stakeholders", "promises_made", "risks", "dependencies");
		redacted("expansion_opportunity", "description", "outcome");
		redacted("go_live_check", "note");
	}

	@Override
	public java.util.Map<String, Long> erase(Person person) {
		var counts = new java.util.LinkedHashMap<>(super.erase(person));
		if (person.accountId() != null) {
			counts.put("review_deck", (long) jdbc.sql("delete from review_deck where account_id = :a")
				.param("a", person.accountId()).update());
		}
		return counts;
	}

	@Override
	public java.util.Map<String, Long> deleteAccount(AccountScope account) {
		var counts = new java.util.LinkedHashMap<>(super.deleteAccount(account));
		counts.put("review_deck", (long) jdbc.sql("delete from review_deck where account_id = :a")
			.param("a", account.accountId()).update());
		return counts;
	}

}
