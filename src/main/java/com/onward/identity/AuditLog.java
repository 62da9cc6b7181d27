package com.onward.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

	private record Pending(Instant at, String actor, String action, String entityType, String entityId, String detail) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	/** Binds the current transaction's deferred entries (see {@link #deferToCommit}). */
	private final Object pendingKey = new Object();

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String action, String entityType, Object entityId, String detail) {
		recordAs(currentActor(), action, entityType, entityId, detail);
	}

	/** An entry whose actor is not the signed-in user (a sign-in attempt names the user it was for). */
	void recordAs(String actor, String action, String entityType, Object entityId, String detail) {
		@SuppressWarnings("unchecked")
		var pending = (List<Pending>) TransactionSynchronizationManager.getResource(pendingKey);
		if (pending != null) {
			pending.add(new Pending(clock.instant(), actor, action, entityType,
					entityId == null ? null : entityId.toString(), detail));
			return;
		}
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

	/**
	 * From now until the current transaction commits, its entries are kept and written together in one statement
	 * as its last step before commit: a signing records several (account, contract, project, team), an import
	 * thousands. They are still written inside the transaction, so a rolled-back change leaves none. An entry
	 * recorded after that step (by a later before-commit step) is written at once, as without a deferral, and a
	 * transaction started inside this one (REQUIRES_NEW) writes its own. Without a transaction this does nothing.
	 */
	public void deferToCommit() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.hasResource(pendingKey)) {
			return;
		}
		var pending = new ArrayList<Pending>();
		TransactionSynchronizationManager.bindResource(pendingKey, pending);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
				write(pending);
			}

			@Override
			public void suspend() {
				TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
			}

			@Override
			public void resume() {
				TransactionSynchronizationManager.bindResource(pendingKey, pending);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
			}

			@Override
			public int getOrder() {
				// After the other before-commit steps, so that what they record goes with the rest.
				return Ordered.LOWEST_PRECEDENCE;
			}
		});
	}

	private void write(List<Pending> pending) {
		if (pending.isEmpty()) {
			return;
		}
		// Inserted in the order recorded, so the ids follow it as they would entry by entry.
		jdbc.sql("""
				insert into audit_log (at, actor, action, entity_type, entity_id, detail)
				select e.at, e.actor, e.action, e.type, e.id, e.detail
				from unnest(cast(:at as timestamptz[]), cast(:actor as text[]), cast(:action as text[]),
				  cast(:type as text[]), cast(:id as text[]), cast(:detail as text[]))
				  with ordinality as e(at, actor, action, type, id, detail, n)
				order by e.n""")
			.param("at", pending.stream().map(p -> p.at().toString()).toArray(String[]::new))
			.param("actor", pending.stream().map(Pending::actor).toArray(String[]::new))
			.param("action", pending.stream().map(Pending::action).toArray(String[]::new))
			.param("type", pending.stream().map(Pending::entityType).toArray(String[]::new))
			.param("id", pending.stream().map(Pending::entityId).toArray(String[]::new))
			.param("detail", pending.stream().map(Pending::detail).toArray(String[]::new))
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
