package com.onward.graduation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.health.Health;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.Texts;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Scores a project's readiness to graduate (GRD-2) and keeps every scorecard. Blockers
 * (GRD-3) are the account's open red flags whose codes are configured as blocking.
 */
@Service
public class Graduation {

	/** A stored scorecard. */
	public record Card(UUID id, UUID projectId, Map<Dimension, BigDecimal> scores, BigDecimal total, Verdict verdict,
			List<Scorecard.Blocker> blockers, List<Dimension> belowFloor, String note, String createdBy,
			Instant createdAt) {
	}

	private static final TypeReference<List<Scorecard.Blocker>> BLOCKERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Health health;
	private final GraduationProperties props;
	private final ReadinessBlockers readiness;
	private final ReadinessProperties readinessProps;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;
	private final org.springframework.context.ApplicationEventPublisher events;

	/** A scorecard was given (inside the module: a READY one lists a tech-touch project waiting after its goal survey). */
	record Scored(Card card) {
	}

	Graduation(JdbcClient jdbc, Projects projects, Health health, GraduationProperties props,
			ReadinessBlockers readiness, ReadinessProperties readinessProps, AuditLog audit, ObjectMapper json,
			Clock clock, org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.readiness = readiness;
		this.readinessProps = readinessProps;
		this.jdbc = jdbc;
		this.projects = projects;
		this.health = health;
		this.props = props;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** What blocks graduation now: no value met or confirmed, open blocking problems, blocking red flags. */
	List<Scorecard.Blocker> blockers(Project project) {
		var list = new java.util.ArrayList<>(readiness.of(project));
		health.openFlagsOf(project.accountId()).stream()
			.filter(f -> props.blockingFlags().stream().anyMatch(code -> code.is(f.code())))
			.map(f -> new Scorecard.Blocker(f.code(), f.category().name()))
			.forEach(list::add);
		return list;
	}

	BigDecimal floor() {
		return readinessProps.dimensionFloor();
	}

	@Transactional
	Card score(UUID projectId, Map<Dimension, BigDecimal> scores, String note) {
		Project project = projects.get(projectId);
		Scorecard.Result result = Scorecard.evaluate(scores, props, blockers(project), floor());
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		String actor = AuditLog.currentActor();
		jdbc.sql("""
				insert into scorecard (id, project_id, technical, knowledge, adoption, value, stakeholder, total, verdict,
				  blockers, below_floor, note, created_by, created_at)
				values (:id, :p, :t, :k, :a, :v, :s, :total, :verdict, cast(:blockers as jsonb),
				  cast(:belowFloor as text[]), :note, :by, :at)""")
			.param("id", id).param("p", projectId).param("t", scores.get(Dimension.TECHNICAL))
			.param("k", scores.get(Dimension.KNOWLEDGE)).param("a", scores.get(Dimension.ADOPTION))
			.param("v", scores.get(Dimension.VALUE)).param("s", scores.get(Dimension.STAKEHOLDER))
			.param("total", result.total()).param("verdict", result.verdict().name())
			.param("blockers", json.writeValueAsString(result.blockers()))
			.param("belowFloor", result.belowFloor().stream().map(Dimension::name).toArray(String[]::new))
			.param("note", Texts.blankToNull(note)).param("by", actor)
			.param("at", Timestamp.from(now)).update();
		audit.record("scorecard.scored", "project", projectId,
				Scorecard.shown(result.total()) + " " + result.verdict() + (result.blockers().isEmpty() ? ""
						: " blocked by " + result.blockers().stream().map(Scorecard.Blocker::code).toList())
						+ (result.belowFloor().isEmpty() ? "" : " below the floor: " + result.belowFloor()));
		Card card = new Card(id, projectId, scores, result.total(), result.verdict(), result.blockers(),
				result.belowFloor(), note, actor, now);
		events.publishEvent(new Scored(card));
		return card;
	}

	List<Card> history(UUID projectId) {
		projects.get(projectId);
		return jdbc.sql("""
				select id, technical, knowledge, adoption, value, stakeholder, total, verdict, blockers, note, created_by,
				  created_at, below_floor from scorecard where project_id = :p order by created_at desc""")
			.param("p", projectId)
			.query((rs, n) -> new Card(rs.getObject(1, UUID.class), projectId,
					Scorecard.scores(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
							rs.getBigDecimal(6)),
					rs.getBigDecimal(7), Verdict.valueOf(rs.getString(8)), json.readValue(rs.getString(9), BLOCKERS),
					java.util.Arrays.stream((String[]) rs.getArray(13).getArray()).map(Dimension::valueOf).toList(),
					rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant()))
			.list();
	}
}
