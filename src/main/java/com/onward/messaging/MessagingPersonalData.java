package com.onward.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * The outbox, staff notices and the unsubscribe list. A person's messages keep their metadata
 * (template, status, dates: the counts stay right) but lose recipient, subject, body, calendar
 * invite and values; a message not yet sent to them is not sent. Retention empties the content of
 * messages older than {@code outbox-bodies}, keeping the same metadata.
 */
@Component
class MessagingPersonalData extends PersonalDataTables {

	static final String ERASED = "erased";

	MessagingPersonalData(JdbcClient jdbc) {
		super(jdbc, "messaging");
		table("outbox_message", "messages", "account_id = :a", "created_at, id");
		table("notification", "notifications", "account_id = :a", "created_at, id");
		redacted("outbox_message", "recipient", "subject", "body", "calendar", "params", "last_error", "uniqueness_key");
		redacted("notification", "email", "args");
		erasedOnly("unsubscribe");
		erasedOnly("email_preference");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		if (!person.emails().isEmpty()) {
			counts.put("outbox_message.recipient", (long) jdbc.sql("""
					update outbox_message set recipient = :erased, subject = '', body = '', calendar = null, params = '{}',
					  last_error = case when status = 'PENDING' then :erased else last_error end,
					  status = case when status = 'PENDING' then 'FAILED' else status end
					where lower(recipient) = any(:emails) and (cast(:a as uuid) is null or account_id = :a)""")
				.param("erased", ERASED).param("emails", person.lowerEmails()).param("a", person.accountId()).update());
			counts.put("unsubscribe", (long) jdbc.sql("delete from unsubscribe where lower(email) = any(:emails)")
				.param("emails", person.lowerEmails()).update());
			counts.put("email_preference", (long) jdbc.sql("delete from email_preference where lower(email) = any(:emails)")
				.param("emails", person.lowerEmails()).update());
		}
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}

	@Override
	public Map<String, Long> applyRetention(Retention retention) {
		Instant cutoff = retention.cutoff("outbox-bodies");
		if (cutoff == null) return Map.of();
		long emptied = jdbc.sql("""
				update outbox_message set subject = '', body = '', calendar = null, params = '{}'
				where created_at < :cutoff and status <> 'PENDING'
				  and (coalesce(subject, 'x') <> '' or coalesce(body, 'x') <> '' or calendar is not null or params <> '{}')""")
			.param("cutoff", Timestamp.from(cutoff)).update();
		return Map.of("outbox_message.content", emptied);
	}
}
