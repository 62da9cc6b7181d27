package com.onward.graduation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Expansion opportunities noticed during onboarding (more seats, another department, a further product):
 * recorded on the project, closed as won or lost, and the open ones carried in the graduation handoff
 * package to the ongoing CSM.
 */
@Service
public class Expansions {

	public enum Status {
		OPEN, WON, LOST
	}

	public record NewOpportunity(@NotBlank @Size(max = 1000) String description, @PositiveOrZero BigDecimal estimatedAcv) {
	}

	/** Closing an opportunity: WON or LOST, with what happened. */
	public record Closing(@NotNull Status status, @Size(max = 2000) String outcome) {
	}

	public record Opportunity(UUID id, UUID projectId, String description, BigDecimal estimatedAcv, Status status,
			String recordedBy, Instant recordedAt, String closedBy, Instant closedAt, String outcome) {
		public boolean open() {
			return status == Status.OPEN;
		}
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final AuditLog audit;
	private final Clock clock;

	Expansions(JdbcClient jdbc, Projects projects, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Opportunity add(UUID projectId, NewOpportunity in) {
		Project project = projects.get(projectId);
		if (in.description() == null || in.description().isBlank() || in.description().length() > 1000) {
			throw InvalidInputException.of("description", "describe the opportunity in at most 1000 characters");
		}
		if (in.estimatedAcv() != null && (in.estimatedAcv().signum() < 0 || in.estimatedAcv().precision() - in.estimatedAcv().scale() > 12)) {
			throw InvalidInputException.of("estimatedAcv", "must be zero or more (at most 12 digits)");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into expansion_opportunity (id, project_id, account_id, description, estimated_acv, recorded_by, recorded_at)
				values (:id, :p, :a, :d, :acv, :by, :at)""")
			.param("id", id).param("p", projectId).param("a", project.accountId()).param("d", in.description().strip())
			.param("acv", in.estimatedAcv()).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("expansion.recorded", "project", projectId, id.toString());
		return get(projectId, id);
	}

	@Transactional
	public Opportunity close(UUID projectId, UUID opportunityId, Closing in) {
		Opportunity o = get(projectId, opportunityId);
		if (in.status() == null || in.status() == Status.OPEN) {
			throw InvalidInputException.of("status", "close an opportunity as WON or LOST");
		}
		if (!o.open()) {
			throw new BusinessRuleException("status", "the opportunity is already closed", "error.expansion.closed");
		}
		jdbc.sql("""
				update expansion_opportunity set status = :s, outcome = :o, closed_by = :by, closed_at = :at where id = :id""")
			.param("s", in.status().name()).param("o", Texts.blankToNull(in.outcome())).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).param("id", opportunityId).update();
		audit.record("expansion.closed", "project", projectId, opportunityId + " " + in.status());
		return get(projectId, opportunityId);
	}

	public List<Opportunity> forProject(UUID projectId) {
		return jdbc.sql(SELECT + " where project_id = :p order by status = 'OPEN' desc, recorded_at desc")
			.param("p", projectId).query(Expansions::map).list();
	}

	Opportunity get(UUID projectId, UUID id) {
		return jdbc.sql(SELECT + " where id = :id and project_id = :p").param("id", id).param("p", projectId)
			.query(Expansions::map).optional().orElseThrow(() -> new NotFoundException("Expansion opportunity", id));
	}

	private static final String SELECT = """
			select id, project_id, description, estimated_acv, status, recorded_by, recorded_at, closed_by, closed_at, outcome
			from expansion_opportunity""";

	private static Opportunity map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp closed = rs.getTimestamp(9);
		return new Opportunity(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				rs.getBigDecimal(4), Status.valueOf(rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(),
				rs.getString(8), closed == null ? null : closed.toInstant(), rs.getString(10));
	}
}
