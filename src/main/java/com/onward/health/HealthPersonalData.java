package com.onward.health;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Health scores and history, red flags, corrective actions and the risk register. */
@Component
class HealthPersonalData extends PersonalDataTables {

	HealthPersonalData(JdbcClient jdbc) {
		super(jdbc, "health");
		table("risk_review", "riskReviews", "risk_id in (select id from risk where " + BY_PROJECT + ")", "risk_id, at");
		table("risk", "risks", BY_PROJECT, "project_id, position");
		table("corrective_action", "correctiveActions", BY_ACCOUNT, "created_at, id");
		table("red_flag", "redFlags", BY_ACCOUNT, "raised_at, id");
		table("health_history", "healthHistory", BY_ACCOUNT, "day");
		table("health_score", "healthScore", BY_ACCOUNT, "account_id");
		table("health_stale", "healthStale", BY_ACCOUNT, "account_id");
		redacted("red_flag", "evidence_args", "cleared_by");
		redacted("corrective_action", "note", "owner");
		redacted("risk", "title", "mitigation", "owner");
		redacted("risk_review", "note", "owner", "mitigation");
	}

}
