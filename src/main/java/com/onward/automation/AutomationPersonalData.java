package com.onward.automation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * Tasks, sequence enrolments, missed cadences (which name the contact they were about) and the occasions the
 * time-based rules acted on.
 */
@Component
class AutomationPersonalData extends PersonalDataTables {

	AutomationPersonalData(JdbcClient jdbc) {
		super(jdbc, "automation");
		table("automation_task", "tasks", BY_ACCOUNT, "created_at, id");
		table("sequence_enrolment", "sequenceEnrolments", BY_ACCOUNT, "started_on, id");
		table("missed_cadence", "missedCadences", BY_ACCOUNT, "due_on, contact_id");
		table("automation_rule_acted", "ruleOccurrencesActedOn", BY_ACCOUNT, "acted_on, rule_code, occurrence");
		redacted("automation_task", "args", "done_by");
		redacted("missed_cadence", "name");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		String[] contacts = person.contactIds().stream().map(Object::toString).toArray(String[]::new);
		counts.put("missed_cadence", (long) jdbc.sql("delete from missed_cadence where contact_id = any(cast(:c as uuid[]))")
			.param("c", contacts).update());
		counts.put("automation_task.contact", (long) jdbc.sql(
				"update automation_task set contact_id = null where contact_id = any(cast(:c as uuid[]))")
			.param("c", contacts).update());
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}
}
