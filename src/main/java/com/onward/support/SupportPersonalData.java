package com.onward.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Help-desk tickets and receiver deliveries: an erased requester's address leaves the tickets, which stay counted. */
@Component
class SupportPersonalData extends PersonalDataTables {

	SupportPersonalData(JdbcClient jdbc) {
		super(jdbc, "support");
		table("support_ticket", "tickets", BY_ACCOUNT, "created_at, id");
		redacted("support_ticket", "subject");
		redacted("support_delivery", "summary", "problem");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		if (!person.emails().isEmpty()) {
			counts.put("support_ticket.requester_email", (long) jdbc.sql("""
					update support_ticket set requester_email = null
					where lower(requester_email) = any(:emails) and (cast(:a as uuid) is null or account_id = :a)""")
				.param("emails", person.lowerEmails()).param("a", person.accountId()).update());
		}
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}
}
