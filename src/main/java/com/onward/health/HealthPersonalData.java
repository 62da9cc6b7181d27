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
		table("health_missed_cadence", "missedCadences", BY_ACCOUNT, "due_on, contact_id");
		table("health_handoff", "handoffs", BY_ACCOUNT, "due_at, handoff_id");
		table("health_escalation", "escalations", BY_ACCOUNT, "occurred_on, id");
		redacted("red_flag", "evidence_args", "cleared_by");
		redacted("health_missed_cadence", "name");
		redacted("health_escalation", "raised_by", "escalated_to", "summary", "recorded_by", "resolution");
		redacted("corrective_action", "note", "owner");
		redacted("risk", "title", "mitigation", "owner");
		redacted("risk_review", "note", "owner", "mitigation");
	}

	@Override
	public java.util.Map<String, Long> erase(Person person) {
		var counts = new java.util.LinkedHashMap<String, Long>();
		counts.put("health_missed_cadence", (long) jdbc.sql(
				"delete from health_missed_cadence where contact_id = any(cast(:c as uuid[]))")
			.param("c", person.contactIds().stream().map(Object::toString).toArray(String[]::new)).update());
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}
}
