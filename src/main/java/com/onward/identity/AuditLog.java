package com.onward.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.PageResult;

/**
 * The audit log: every change to accounts, projects, playbooks, team and tokens is
 * recorded with the signed-in user (or token name) as actor, inside the changing
 * transaction so a rolled-back change leaves no entry.
 */
@Service
public class AuditLog {

	public record Entry(long id, Instant at, String actor, String action, String entityType, String entityId,
			String detail) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String action, String entityType, Object entityId, String detail) {
		recordAs(currentActor(), action, entityType, entityId, detail);
	}

	/** An entry whose actor is not the signed-in user (a sign-in attempt names the user it was for). */
	void recordAs(String actor, String action, String entityType, Object entityId, String detail) {
		jdbc.sql("""
				insert into audit_log (at, actor, action, entity_type, entity_id, detail)
				values (:at, :actor, :action, :type, :id, :detail)""")
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.param("actor", actor)
			.param("action", action)
			.param("type", entityType)
			.param("id", entityId == null ? null : entityId.toString())
			.param("detail", detail)
			.update();
	}

	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public PageResult<Entry> page(int page, int size, String entityType, String entityId) {
		String where = " where (:type::text is null or entity_type = :type) and (:eid::text is null or entity_id = :eid)";
		long total = jdbc.sql("select count(*) from audit_log" + where).param("type", entityType)
			.param("eid", entityId).query(Long.class).single();
		List<Entry> items = jdbc.sql("select id, at, actor, action, entity_type, entity_id, detail from audit_log"
				+ where + " order by at desc, id desc limit :size offset :offset")
			.param("type", entityType).param("eid", entityId)
			.param("size", size).param("offset", (long) page * size)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
		return new PageResult<>(items, page, size, total);
	}

	/** The name of whoever is acting now: a user name, a token's name, or "system". */
	public static String currentActor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? "system"
				: auth.getName();
	}
}
