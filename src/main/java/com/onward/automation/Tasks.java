package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.NotFoundException;
import com.onward.stakeholder.Stakeholders;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Tasks for humans (AUTO-6): what the engine hands over instead of acting — follow up a silent
 * account, verify a success, intervene at risk, hold a cadence check-in. Completing a check-in
 * records the contact as met, which keeps the cadence.
 */
@Service
public class Tasks {

	public record Task(UUID id, String ruleCode, UUID accountId, String accountName, UUID assigneeId, String titleKey,
			List<Object> args, LocalDate dueOn, String status, Instant createdAt, Instant doneAt, String doneBy) {
	}

	private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Stakeholders stakeholders;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	Tasks(JdbcClient jdbc, Stakeholders stakeholders, AuditLog audit, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.stakeholders = stakeholders;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** Open (or all) tasks of an assignee, or of an account; unassigned ones with a null assignee filter. */
	public List<Task> list(UUID assigneeId, UUID accountId, boolean openOnly, int limit) {
		return jdbc.sql("""
				select t.id, t.rule_code, t.account_id, a.name, t.assignee_id, t.title_key, t.args, t.due_on, t.status,
				  t.created_at, t.done_at, t.done_by
				from automation_task t join account a on a.id = t.account_id
				where (cast(:assignee as uuid) is null or t.assignee_id = :assignee)
				  and (cast(:account as uuid) is null or t.account_id = :account)
				  and (not :open or t.status = 'OPEN')
				order by t.status, t.due_on, t.created_at limit :limit""")
			.param("assignee", assigneeId).param("account", accountId).param("open", openOnly).param("limit", limit)
			.query((rs, n) -> new Task(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), json.readValue(rs.getString(7), ARGS),
					rs.getObject(8, LocalDate.class), rs.getString(9), rs.getTimestamp(10).toInstant(),
					rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12)))
			.list();
	}

	@Transactional
	public Task complete(UUID taskId) {
		var row = jdbc.sql("select account_id, contact_id, status from automation_task where id = :id for update")
			.param("id", taskId)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3) })
			.optional().orElseThrow(() -> new NotFoundException("Task", taskId));
		if ("OPEN".equals(row[2])) {
			jdbc.sql("update automation_task set status = 'DONE', done_at = :at, done_by = :by where id = :id")
				.param("at", Timestamp.from(clock.instant())).param("by", AuditLog.currentActor()).param("id", taskId).update();
			if (row[1] != null) {
				stakeholders.recordContact((UUID) row[0], (UUID) row[1], LocalDate.now(clock));
			}
			audit.record("task.done", "account", (UUID) row[0], taskId.toString());
		}
		return list(null, (UUID) row[0], false, 1000).stream().filter(t -> t.id().equals(taskId)).findFirst().orElseThrow();
	}
}
