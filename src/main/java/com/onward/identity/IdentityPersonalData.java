package com.onward.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * The audit log's entries about an account (by the account's or its projects' id) and entries
 * naming a person. Staff users and tokens are the vendor's own people, not the customer's.
 * Retention deletes entries older than {@code audit-entries}.
 */
@Component
class IdentityPersonalData extends PersonalDataTables {

	IdentityPersonalData(JdbcClient jdbc) {
		super(jdbc, "identity");
		table("audit_log", "audit", "entity_id = cast(:a as text) or entity_id = any(cast(:p as text[]))"
				+ " or detail like '%' || cast(:a as text) || '%'", "at, id");
		redacted("audit_log", "entity_id", "detail");
	}

	@Override
	public Map<String, Long> applyRetention(Retention retention) {
		Instant cutoff = retention.cutoff("audit-entries");
		if (cutoff == null) return Map.of();
		return Map.of("audit_log", (long) jdbc.sql("delete from audit_log where at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff)).update());
	}
}
