package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.ContractSigned;
import com.onward.health.HandoffDue;
import com.onward.health.HealthFacts;
import com.onward.identity.AuditLog;
import com.onward.onboarding.ItemCompleted;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Handoffs (PPL-6) as records with due dates: sales → CS is due within 24 h of the signature,
 * implementation → CSM a week after go-live, onboarding CSM → ongoing CSM at graduation with its
 * context package. An overdue handoff raises a red flag through the health module.
 */
@Service
public class Handoffs {

	public enum Kind {
		SALES_TO_CS, IMPLEMENTATION_TO_CSM, ONBOARDING_TO_ONGOING
	}

	public record Handoff(UUID id, UUID projectId, Kind kind, Instant dueAt, String toOwner, Map<String, Object> context,
			String notes, Instant completedAt, String completedBy) {
		public boolean overdue(Instant now) {
			return completedAt == null && dueAt.isBefore(now);
		}
	}

	private static final TypeReference<Map<String, Object>> CONTEXT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final GraduationProperties props;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;
	private final HealthFacts health;

	Handoffs(JdbcClient jdbc, GraduationProperties props, AuditLog audit, ObjectMapper json, Clock clock,
			HealthFacts health) {
		this.jdbc = jdbc;
		this.health = health;
		this.props = props;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(ContractSigned signed) {
		open(signed.projectId(), signed.accountId(), Kind.SALES_TO_CS,
				signed.signedAt().plus(Duration.ofHours(props.salesHandoffHours())), null, Map.of());
	}

	@EventListener
	void on(ItemCompleted completed) {
		if (completed.goLive()) {
			open(completed.projectId(), completed.accountId(), Kind.IMPLEMENTATION_TO_CSM,
					completed.completedOn().plusDays(props.implementationHandoffDays()).atStartOfDay(clock.getZone()).toInstant(),
					null, Map.of());
		}
	}

	@Transactional
	void open(UUID projectId, UUID accountId, Kind kind, Instant dueAt, String toOwner, Map<String, Object> context) {
		UUID id = UUID.randomUUID();
		int opened = jdbc.sql("""
				insert into handoff (id, project_id, account_id, kind, due_at, to_owner, context, created_at)
				values (:id, :p, :a, :kind, :due, :to, cast(:context as jsonb), :at) on conflict (project_id, kind) do nothing""")
			.param("id", id).param("p", projectId).param("a", accountId).param("kind", kind.name())
			.param("due", Timestamp.from(dueAt)).param("to", toOwner).param("context", json.writeValueAsString(context))
			.param("at", Timestamp.from(clock.instant())).update();
		if (opened == 1) {
			health.handoffDue(new HandoffDue(id, accountId, dueAt));
		}
	}

	public List<Handoff> forProject(UUID projectId) {
		return jdbc.sql("""
				select id, project_id, kind, due_at, to_owner, context, notes, completed_at, completed_by from handoff
				where project_id = :p order by due_at""")
			.param("p", projectId).query(this::map).list();
	}

	@Transactional
	public Handoff complete(UUID projectId, Kind kind, String toOwner, String notes) {
		Instant at = clock.instant();
		int n = jdbc.sql("""
				update handoff set completed_at = :at, completed_by = :by, to_owner = coalesce(:to, to_owner), notes = :notes
				where project_id = :p and kind = :kind and completed_at is null""")
			.param("at", Timestamp.from(at)).param("by", AuditLog.currentActor())
			.param("to", Texts.blankToNull(toOwner))
			.param("notes", Texts.blankToNull(notes)).param("p", projectId)
			.param("kind", kind.name()).update();
		Handoff h = forProject(projectId).stream().filter(x -> x.kind() == kind).findFirst()
			.orElseThrow(() -> new NotFoundException("Handoff " + kind + " of project", projectId));
		if (n == 0) {
			throw BusinessRuleException.of("kind", "error.handoff.complete");
		}
		health.handoffCompleted(h.id(), at);
		audit.record("handoff.completed", "project", projectId, kind.name());
		return h;
	}

	private Handoff map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Handoff(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)),
				rs.getTimestamp(4).toInstant(), rs.getString(5), json.readValue(rs.getString(6), CONTEXT), rs.getString(7),
				rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getString(9));
	}
}
