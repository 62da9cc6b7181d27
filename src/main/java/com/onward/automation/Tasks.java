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
import com.onward.identity.Users;
import com.onward.stakeholder.Stakeholders;
import com.onward.team.Team;

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
	private final Team team;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	Tasks(JdbcClient jdbc, Stakeholders stakeholders, Team team, AuditLog audit, ObjectMapper json, Clock clock) {
		this.team = team;
		this.jdbc = jdbc;
		this.stakeholders = stakeholders;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** The tasks of the team member(s) a staff user is: linked to the user, else with the user's email address. */
	public List<Task> mine(Users.StaffUser user, boolean openOnly, int limit) {
		List<UUID> members = membersOf(user);
		if (members.isEmpty()) return List.of();
		return jdbc.sql(SELECT + " where t.assignee_id = any(:members) and (not :open or t.status = 'OPEN')" + ORDER)
			.param("members", members.toArray(UUID[]::new)).param("open", openOnly).param("limit", limit).query(this::map)
			.list();
	}

	/** How many open tasks the user has (the top bar's badge). */
	public long openCount(Users.StaffUser user) {
		List<UUID> members = membersOf(user);
		if (members.isEmpty()) return 0;
		return jdbc.sql("select count(*) from automation_task where assignee_id = any(:members) and status = 'OPEN'")
			.param("members", members.toArray(UUID[]::new)).query(Long.class).single();
	}

	private List<UUID> membersOf(Users.StaffUser user) {
		return team.memberIdsOf(user.id(), user.email());
	}

	/** An account's open (or all) tasks. */
	public List<Task> forAccount(UUID accountId, boolean openOnly, int limit) {
		return jdbc.sql(SELECT + " where t.account_id = :account and (not :open or t.status = 'OPEN')" + ORDER)
			.param("account", accountId).param("open", openOnly).param("limit", limit).query(this::map).list();
	}

	private Task map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Task(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
				rs.getObject(5, UUID.class), rs.getString(6), json.readValue(rs.getString(7), ARGS),
				rs.getObject(8, LocalDate.class), rs.getString(9), rs.getTimestamp(10).toInstant(),
				rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12));
	}

	private static final String SELECT = """
			select t.id, t.rule_code, t.account_id, a.name, t.assignee_id, t.title_key, t.args, t.due_on, t.status,
			  t.created_at, t.done_at, t.done_by
			from automation_task t join account_v a on a.account_id = t.account_id""";
	private static final String ORDER = " order by t.status, t.due_on, t.created_at limit :limit";

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
		return jdbc.sql(SELECT + " where t.id = :id").param("id", taskId).query(this::map).single();
	}
}
