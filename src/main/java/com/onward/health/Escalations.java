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
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Escalations to executives (HLT-2 "escalation to executives"): the CSM records that the customer took an
 * issue over the team's head (who, to whom, what, when); the account's red flag stays open until the
 * escalation is resolved. Recording or resolving one rescores the account at once.
 */
@Service
class Escalations {

	record Escalation(UUID id, UUID accountId, String raisedBy, String escalatedTo, String summary, LocalDate occurredOn,
			Instant recordedAt, String recordedBy, LocalDate resolvedOn, String resolution) {
	}

	record NewEscalation(@NotBlank @Size(max = 200) String raisedBy, @NotBlank @Size(max = 200) String escalatedTo,
			@NotBlank @Size(max = 2000) String summary, @NotNull LocalDate occurredOn) {
	}

	record Resolution(@NotBlank @Size(max = 2000) String resolution) {
	}

	/** An open escalation across the portfolio, with the account's name and its owning CSM (null: none). */
	record OpenEscalation(UUID id, UUID accountId, String accountName, String segment, String owner, String raisedBy,
			String escalatedTo, String summary, LocalDate occurredOn, String recordedBy) {
	}

	private final JdbcClient jdbc;
	private final Health health;
	private final AuditLog audit;
	private final Clock clock;

	Escalations(JdbcClient jdbc, Health health, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.health = health;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	Escalation record(UUID accountId, NewEscalation e) {
		requireAccount(accountId);
		if (e.occurredOn().isAfter(LocalDate.now(clock))) {
			throw InvalidInputException.of("occurredOn", "must not be in the future");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into health_escalation (id, account_id, raised_by, escalated_to, summary, occurred_on, recorded_at, recorded_by)
				values (:id, :a, :by, :to, :summary, :on, :at, :actor)""")
			.param("id", id).param("a", accountId).param("by", e.raisedBy().strip()).param("to", e.escalatedTo().strip())
			.param("summary", e.summary().strip()).param("on", e.occurredOn()).param("at", Timestamp.from(clock.instant()))
			.param("actor", AuditLog.currentActor()).update();
		audit.record("health.escalation", "account", accountId, e.escalatedTo().strip());
		health.recompute(List.of(accountId));
		return get(accountId, id);
	}

	@Transactional
	Escalation resolve(UUID accountId, UUID id, Resolution r) {
		Escalation e = get(accountId, id);
		if (e.resolvedOn() != null) {
			throw BusinessRuleException.of(null, "error.escalation.resolved");
		}
		jdbc.sql("update health_escalation set resolved_on = :on, resolution = :r where id = :id")
			.param("on", LocalDate.now(clock)).param("r", r.resolution().strip()).param("id", id).update();
		audit.record("health.escalation.resolved", "account", accountId, id.toString());
		health.recompute(List.of(accountId));
		return get(accountId, id);
	}

	/** Every open escalation, oldest first: the longest-waiting customer heads the list. */
	List<OpenEscalation> open() {
		return jdbc.sql("""
				select e.id, e.account_id, a.name, a.segment, m.name as owner, e.raised_by, e.escalated_to, e.summary,
				  e.occurred_on, e.recorded_by
				from health_escalation e
				join account_v a on a.account_id = e.account_id
				left join team_member_v m on m.member_id = a.owner_csm_id
				where e.resolved_on is null
				order by e.occurred_on, e.recorded_at, e.id""")
			.query((rs, n) -> new OpenEscalation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, LocalDate.class), rs.getString(10)))
			.list();
	}

	List<Escalation> forAccount(UUID accountId) {
		requireAccount(accountId);
		return jdbc.sql("select * from health_escalation where account_id = :a order by occurred_on desc, recorded_at desc")
			.param("a", accountId).query(Escalations::map).list();
	}

	private Escalation get(UUID accountId, UUID id) {
		return jdbc.sql("select * from health_escalation where id = :id and account_id = :a").param("id", id)
			.param("a", accountId).query(Escalations::map).optional()
			.orElseThrow(() -> new NotFoundException("Escalation", id));
	}

	private void requireAccount(UUID accountId) {
		if (!jdbc.sql("select exists (select 1 from account_v where account_id = :a)").param("a", accountId)
			.query(Boolean.class).single()) {
			throw new NotFoundException("Account", accountId);
		}
	}

	private static Escalation map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Escalation(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("raised_by"), rs.getString("escalated_to"), rs.getString("summary"),
				rs.getObject("occurred_on", LocalDate.class), rs.getTimestamp("recorded_at").toInstant(),
				rs.getString("recorded_by"), rs.getObject("resolved_on", LocalDate.class), rs.getString("resolution"));
	}
}
