package com.onward.health;

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
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Corrective actions (HLT-4): opened from a red flag with an owner and a due date; the
 * problem type follows from the flag's category and brings its course-correction playbook.
 */
@Service
class CorrectiveActions {

	enum Status {
		OPEN, DONE, CANCELLED
	}

	record Action(UUID id, UUID accountId, UUID projectId, UUID flagId, String flagCode, CorrectiveProblem problem,
			String owner, LocalDate dueDate, Status status, String note, String createdBy, Instant createdAt,
			Instant closedAt) {
		public boolean overdue(LocalDate today) {
			return status == Status.OPEN && dueDate.isBefore(today);
		}
	}

	record NewAction(@NotNull UUID flagId, @NotBlank @Size(max = 200) String owner, @NotNull LocalDate dueDate,
			@Size(max = 2000) String note) {
	}

	private final JdbcClient jdbc;
	private final Health health;
	private final AuditLog audit;
	private final Clock clock;

	CorrectiveActions(JdbcClient jdbc, Health health, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.health = health;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	Action open(UUID accountId, NewAction a) {
		Health.Flag flag = health.flag(a.flagId()).filter(f -> f.accountId().equals(accountId))
			.orElseThrow(() -> new NotFoundException("Red flag", a.flagId()));
		if (a.dueDate().isBefore(LocalDate.now(clock))) {
			throw BusinessRuleException.of("dueDate", "error.date.past");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into corrective_action (id, account_id, project_id, flag_id, problem, owner, due_date, status, note,
				  created_by, created_at)
				values (:id, :a, :p, :f, :problem, :owner, :due, 'OPEN', :note, :by, :at)""")
			.param("id", id).param("a", accountId).param("p", flag.projectId()).param("f", flag.id())
			.param("problem", flag.category().problem().name()).param("owner", a.owner().strip())
			.param("due", a.dueDate()).param("note", Texts.blankToNull(a.note()))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("corrective-action.opened", "corrective_action", id, flag.code() + " → " + a.owner());
		return get(id);
	}

	@Transactional
	Action close(UUID accountId, UUID actionId, Status status) {
		if (status == Status.OPEN) {
			throw BusinessRuleException.of("status", "error.action.closeStatus");
		}
		int n = jdbc.sql("""
				update corrective_action set status = :s, closed_at = :at
				where id = :id and account_id = :a and status = 'OPEN'""")
			.param("s", status.name()).param("at", Timestamp.from(clock.instant())).param("id", actionId)
			.param("a", accountId).update();
		if (n == 0) {
			Action existing = get(actionId);
			if (!existing.accountId().equals(accountId)) {
				throw new NotFoundException("Corrective action", actionId);
			}
			throw BusinessRuleException.of("status", "error.action.already",
					BusinessRuleException.label("actionStatus.", existing.status()));
		}
		audit.record("corrective-action." + status.name().toLowerCase(), "corrective_action", actionId, null);
		return get(actionId);
	}

	List<Action> forAccount(UUID accountId) {
		return jdbc.sql(SELECT + " where c.account_id = :a order by c.status, c.due_date").param("a", accountId)
			.query(CorrectiveActions::map).list();
	}

	Action get(UUID id) {
		return jdbc.sql(SELECT + " where c.id = :id").param("id", id).query(CorrectiveActions::map).optional()
			.orElseThrow(() -> new NotFoundException("Corrective action", id));
	}

	private static final String SELECT = """
			select c.id, c.account_id, c.project_id, c.flag_id, f.code, c.problem, c.owner, c.due_date, c.status, c.note,
			  c.created_by, c.created_at, c.closed_at
			from corrective_action c left join red_flag f on f.id = c.flag_id""";

	private static Action map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Action(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
				rs.getObject(4, UUID.class), rs.getString(5), CorrectiveProblem.valueOf(rs.getString(6)), rs.getString(7),
				rs.getObject(8, LocalDate.class), Status.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11),
				rs.getTimestamp(12).toInstant(), rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant());
	}
}
