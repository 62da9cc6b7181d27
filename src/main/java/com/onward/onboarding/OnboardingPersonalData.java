package com.onward.onboarding;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Projects with their phases, items and scope changes; notes naming a person are redacted. */
@Component
class OnboardingPersonalData extends PersonalDataTables {

	OnboardingPersonalData(JdbcClient jdbc) {
		super(jdbc, "onboarding");
		table("scope_change", "scopeChanges", BY_PROJECT, "requested_at, id");
		table("project_item", "items", BY_PROJECT, "project_id, position");
		table("project_phase", "phases", BY_PROJECT, "project_id, position");
		table("project", "projects", BY_ACCOUNT + " or id = any(cast(:p as uuid[]))", "created_at, id");
		redacted("project_item", "notes", "assignee");
		redacted("scope_change", "name", "requested_by", "decided_by", "reason");
	}
}
