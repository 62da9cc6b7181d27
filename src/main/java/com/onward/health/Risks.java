package com.onward.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The risk register per project (HLT-6): the five common risks of the seeds pre-filled when
 * the project is created (scores from {@code onward.health.default-risks}, mitigations from the
 * seeds), risks added by hand, and every change kept as a review.
 */
@Service
class Risks {

	/** The five common risks of the seeds, in their order. */
	static final List<String> DEFAULTS = List.of("CUSTOMER_RESOURCES", "TECHNICAL_COMPLEXITY", "USER_RESISTANCE",
			"COMPETING_PRIORITIES", "SCOPE_CREEP");

	record RiskUpdate(@NotNull @Min(1) @Max(5) Integer probability, @NotNull @Min(1) @Max(5) Integer impact,
			@Size(max = 2000) String mitigation, @Size(max = 200) String owner, @NotNull Risk.RiskStatus status,
			@Size(max = 2000) String note) {
	}

	record NewRisk(@NotNull @Size(min = 1, max = 300) String title, @NotNull @Min(1) @Max(5) Integer probability,
			@NotNull @Min(1) @Max(5) Integer impact, @Size(max = 2000) String mitigation, @Size(max = 200) String owner) {
	}

	private final JdbcClient jdbc;
	private final HealthProperties props;
	private final AuditLog audit;
	private final Clock clock;

	Risks(JdbcClient jdbc, HealthProperties props, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.props = props;
		this.audit = audit;
		this.clock = clock;
	}

	/** Pre-fills the register of a new project; the defaults' mitigation text comes from the bundles. */
	@Transactional
	void createDefaults(UUID projectId) {
		var scores = DEFAULTS.stream()
			.map(code -> props.defaultRisks().getOrDefault(code, new HealthProperties.RiskScore(3, 3))).toList();
		// One statement for the whole register (a driver-rewritten batch of five is still two statements).
		jdbc.sql("""
				insert into risk (id, project_id, position, code, probability, impact, status, created_at)
				select gen_random_uuid(), :p, r.n - 1, r.code, r.prob, r.impact, 'OPEN', :at
				from unnest(cast(:codes as text[]), cast(:probs as int[]), cast(:impacts as int[]))
				  with ordinality as r(code, prob, impact, n)
				on conflict do nothing""")
			.param("p", projectId).param("at", Timestamp.from(clock.instant()))
			.param("codes", DEFAULTS.toArray(String[]::new))
			.param("probs", scores.stream().map(HealthProperties.RiskScore::probability).toArray(Integer[]::new))
			.param("impacts", scores.stream().map(HealthProperties.RiskScore::impact).toArray(Integer[]::new))
			.update();
	}

	List<Risk> forProject(UUID projectId) {
		return jdbc.sql("select " + COLUMNS + " from risk where project_id = :p order by position")
			.param("p", projectId).query(Risks::map).list();
	}

	Risk get(UUID projectId, UUID riskId) {
		return jdbc.sql("select " + COLUMNS + " from risk where id = :id and project_id = :p")
			.param("id", riskId).param("p", projectId).query(Risks::map).optional()
			.orElseThrow(() -> new NotFoundException("Risk", riskId));
	}

	@Transactional
	Risk add(UUID projectId, NewRisk r) {
		int exists = jdbc.sql("select count(*) from onboarding_project_v where project_id = :p").param("p", projectId).query(Integer.class).single();
		if (exists == 0) {
			throw new NotFoundException("Project", projectId);
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into risk (id, project_id, position, title, probability, impact, mitigation, owner, status, created_at)
				values (:id, :p, (select coalesce(max(position), -1) + 1 from risk where project_id = :p), :title, :prob,
				  :impact, :mitigation, :owner, 'OPEN', :at)""")
			.param("id", id).param("p", projectId).param("title", r.title().strip()).param("prob", r.probability())
			.param("impact", r.impact()).param("mitigation", Texts.blankToNull(r.mitigation())).param("owner", Texts.blankToNull(r.owner()))
			.param("at", Timestamp.from(clock.instant())).update();
		review(id, r.probability(), r.impact(), Risk.RiskStatus.OPEN, r.mitigation(), r.owner(), null);
		audit.record("risk.added", "risk", id, r.title());
		return get(projectId, id);
	}

	@Transactional
	Risk update(UUID projectId, UUID riskId, RiskUpdate u) {
		get(projectId, riskId);
		jdbc.sql("""
				update risk set probability = :prob, impact = :impact, mitigation = :mitigation, owner = :owner,
				  status = :status where id = :id""")
			.param("prob", u.probability()).param("impact", u.impact()).param("mitigation", Texts.blankToNull(u.mitigation()))
			.param("owner", Texts.blankToNull(u.owner())).param("status", u.status().name()).param("id", riskId).update();
		review(riskId, u.probability(), u.impact(), u.status(), u.mitigation(), u.owner(), u.note());
		audit.record("risk.reviewed", "risk", riskId, u.probability() + "x" + u.impact() + " " + u.status());
		return get(projectId, riskId);
	}

	List<Risk.Review> reviews(UUID riskId) {
		return reviews("r.risk_id = :id", riskId).getOrDefault(riskId, List.of());
	}

	/** All reviews of a project's risks, keyed by risk, in one query. */
	Map<UUID, List<Risk.Review>> reviewsOf(UUID projectId) {
		return reviews("k.project_id = :id", projectId);
	}

	private Map<UUID, List<Risk.Review>> reviews(String where, UUID id) {
		var map = new java.util.LinkedHashMap<UUID, List<Risk.Review>>();
		jdbc.sql("""
				select r.risk_id, r.at, r.actor, r.probability, r.impact, r.status, r.mitigation, r.owner, r.note
				from risk_review r join risk k on k.id = r.risk_id""" + " where " + where + " order by r.at desc, r.id desc")
			.param("id", id)
			.query(rs -> { map.computeIfAbsent(rs.getObject(1, UUID.class), x -> new java.util.ArrayList<>())
				.add(new Risk.Review(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4), rs.getInt(5),
						Risk.RiskStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9))); });
		return map;
	}

	private void review(UUID riskId, int probability, int impact, Risk.RiskStatus status, String mitigation, String owner,
			String note) {
		jdbc.sql("""
				insert into risk_review (risk_id, at, actor, probability, impact, status, mitigation, owner, note)
				values (:r, :at, :actor, :prob, :impact, :status, :mitigation, :owner, :note)""")
			.param("r", riskId).param("at", Timestamp.from(clock.instant())).param("actor", AuditLog.currentActor())
			.param("prob", probability).param("impact", impact).param("status", status.name())
			.param("mitigation", Texts.blankToNull(mitigation)).param("owner", Texts.blankToNull(owner)).param("note", Texts.blankToNull(note))
			.update();
	}

	private static final String COLUMNS = "id, project_id, position, code, title, probability, impact, mitigation, owner, status, created_at";

	private static Risk map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Risk(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
				rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
				Risk.RiskStatus.valueOf(rs.getString(10)), rs.getTimestamp(11).toInstant());
	}

}
