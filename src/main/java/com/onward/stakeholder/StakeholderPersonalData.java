package com.onward.stakeholder;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataHandler;
import com.onward.shared.PersonalDataTables;

/** The customer's contacts (deleted when erased) and the RACI of the account's projects. */
@Component
class StakeholderPersonalData extends PersonalDataTables {

	StakeholderPersonalData(JdbcClient jdbc) {
		super(jdbc, "stakeholder");
		table("raci_cell", "raci", BY_PROJECT, "project_id, phase_pos, role");
		table("contact", "contacts", BY_ACCOUNT, "created_at, id");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		counts.put("contact", (long) jdbc.sql("""
				delete from contact where (lower(email) = any(:emails) or id = any(cast(:ids as uuid[])))
				  and (cast(:a as uuid) is null or account_id = :a)""")
			.param("emails", person.lowerEmails())
			.param("ids", person.contactIds().stream().map(Object::toString).toArray(String[]::new))
			.param("a", person.accountId()).update());
		counts.put("contact.notes", PersonalDataHandler.redact(jdbc, person.needles(), "contact", "title"));
		return counts;
	}
}
