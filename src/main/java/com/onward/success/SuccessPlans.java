package com.onward.success;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
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

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Success criteria, measurements, value confirmations and quick wins of a project. */
@Service
public class SuccessPlans {

	public record NewCriterion(@NotBlank @Size(max = 300) String useCase, @NotBlank @Size(max = 300) String kpi,
			@Size(max = 50) String unit, @NotNull Criterion.Kind kind, BigDecimal baseline, BigDecimal target,
			LocalDate deadline, @Size(max = 2000) String evidenceMethod, Criterion.Source source) {
	}

	public record NewMeasurement(@NotNull LocalDate measuredOn, @NotNull BigDecimal value, @Positive Integer sampleSize,
			@Size(max = 2000) String note) {
	}

	public record NewConfirmation(@NotBlank @Size(max = 200) String confirmedBy, @NotBlank @Size(max = 4000) String quote,
			LocalDate confirmedOn, List<@Valid EvidenceLink> evidence) {
	}

	public record EvidenceLink(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2000) @com.onward.shared.WebLinks.WebLink String url) {
	}

	public record QuickWinUpdate(@Size(max = 300) String title, @Size(max = 200) String owner, LocalDate targetDate,
			@Size(max = 2000) String measuredImpact, @NotNull QuickWin.Status status, boolean communicated) {
	}

	public record File(String filename, String contentType, byte[] data) {
	}

	private static final TypeReference<List<Criterion.Evidence>> EVIDENCE = new TypeReference<>() {
	};
	static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

	private final JdbcClient jdbc;
	private final Projects projects;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;
	private final SuccessProperties outcomes;

	SuccessPlans(JdbcClient jdbc, Projects projects, ApplicationEventPublisher events, AuditLog audit, ObjectMapper json,
			Clock clock, SuccessProperties outcomes) {
		this.outcomes = outcomes;
		this.jdbc = jdbc;
		this.projects = projects;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	public Criterion define(UUID projectId, NewCriterion c) {
		Project project = projects.get(projectId);
		var errors = new ArrayList<InvalidInputException.FieldError>();
		if (c.kind() == Criterion.Kind.QUANTITATIVE) {
			if (c.baseline() == null) errors.add(new InvalidInputException.FieldError("baseline", "is required for a quantitative criterion"));
			if (c.target() == null) errors.add(new InvalidInputException.FieldError("target", "is required for a quantitative criterion"));
			if (c.baseline() != null && c.target() != null && c.baseline().compareTo(c.target()) == 0) {
				errors.add(new InvalidInputException.FieldError("target", "must differ from the baseline"));
			}
		}
		if (!errors.isEmpty()) {
			boolean missing = c.kind() == Criterion.Kind.QUANTITATIVE && (c.baseline() == null || c.target() == null);
			throw new InvalidInputException(errors, missing ? "error.criterion.baselineAndTarget" : "error.criterion.targetEqualsBaseline");
		}
		UUID id = UUID.randomUUID();
		boolean quantitative = c.kind() == Criterion.Kind.QUANTITATIVE;
		jdbc.sql("""
				insert into success_criterion (id, project_id, account_id, use_case, kpi, unit, kind, baseline, target,
				  deadline, evidence_method, source, created_by, created_at)
				values (:id, :p, :a, :useCase, :kpi, :unit, :kind, :baseline, :target, :deadline, :evidence, :source, :by, :at)""")
			.param("id", id).param("p", projectId).param("a", project.accountId()).param("useCase", c.useCase().strip())
			.param("kpi", c.kpi().strip()).param("unit", Texts.blankToNull(c.unit())).param("kind", c.kind().name())
			.param("baseline", quantitative ? c.baseline() : null).param("target", quantitative ? c.target() : null)
			.param("deadline", c.deadline()).param("evidence", Texts.blankToNull(c.evidenceMethod()))
			.param("source", (c.source() == null ? Criterion.Source.KICKOFF : c.source()).name())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("criterion.defined", "project", projectId, c.kpi());
		events.publishEvent(new SuccessPlanChanged(projectId, project.accountId()));
		return criterion(id);
	}

	@Transactional
	public Criterion measure(UUID criterionId, NewMeasurement m) {
		Criterion c = criterion(criterionId);
		if (c.kind() == Criterion.Kind.QUALITATIVE) {
			throw BusinessRuleException.of("value", "error.criterion.qualitativeNotMeasured");
		}
		if (m.measuredOn().isAfter(LocalDate.now(clock))) {
			throw BusinessRuleException.of("measuredOn", "error.date.future");
		}
		jdbc.sql("""
				insert into measurement (id, criterion_id, measured_on, value, sample_size, note, recorded_by, created_at)
				values (:id, :c, :on, :value, :n, :note, :by, :at)""")
			.param("id", UUID.randomUUID()).param("c", criterionId).param("on", m.measuredOn()).param("value", m.value())
			.param("n", m.sampleSize()).param("note", Texts.blankToNull(m.note())).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("criterion.measured", "project", c.projectId(), c.kpi() + " = " + m.value());
		events.publishEvent(new SuccessPlanChanged(c.projectId(), c.accountId()));
		Criterion after = criterion(criterionId);
		if (after.reached() && after.metOn() == null) {
			markMet(after, m.measuredOn());
		}
		return criterion(criterionId);
	}

	@Transactional
	public Criterion confirm(UUID criterionId, NewConfirmation v) {
		Criterion c = criterion(criterionId);
		if (v.evidence() != null) v.evidence().forEach(e -> com.onward.shared.WebLinks.require("evidence.url", e.url()));
		if (c.kind() == Criterion.Kind.QUANTITATIVE && c.latest() == null) {
			// VAL-3: a criterion with no data is never achieved, even when someone says so.
			throw BusinessRuleException.of("criterionId", "error.criterion.measureFirst");
		}
		UUID id = UUID.randomUUID();
		LocalDate on = v.confirmedOn() == null ? LocalDate.now(clock) : v.confirmedOn();
		jdbc.sql("""
				insert into value_confirmation (id, criterion_id, confirmed_by, quote, evidence, confirmed_on, recorded_by,
				  created_at)
				values (:id, :c, :by, :quote, cast(:evidence as jsonb), :on, :recorder, :at)""")
			.param("id", id).param("c", criterionId).param("by", v.confirmedBy().strip()).param("quote", v.quote().strip())
			.param("evidence", json.writeValueAsString(v.evidence() == null ? List.of() : v.evidence()))
			.param("on", on).param("recorder", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant()))
			.update();
		audit.record("value.confirmed", "project", c.projectId(), c.kpi() + " by " + v.confirmedBy());
		Criterion after = criterion(criterionId);
		if (after.metOn() == null && after.reached()) {
			markMet(after, on);
		}
		events.publishEvent(new ValueConfirmed(id, criterionId, c.projectId(), c.accountId(), v.confirmedBy()));
		return criterion(criterionId);
	}

	@Transactional
	public Criterion.Attachment attach(UUID confirmationId, File file) {
		int exists = jdbc.sql("select count(*) from value_confirmation where id = :id").param("id", confirmationId)
			.query(Integer.class).single();
		if (exists == 0) {
			throw new NotFoundException("Value confirmation", confirmationId);
		}
		if (file.data().length == 0) {
			throw InvalidInputException.of("file", "is empty");
		}
		if (file.data().length > MAX_FILE_BYTES) {
			throw InvalidInputException.of("file", "must be at most 10 MB");
		}
		UUID id = UUID.randomUUID();
		String name = file.filename() == null || file.filename().isBlank() ? "evidence" : file.filename().strip();
		String type = "application/octet-stream";
		try {
			if (file.contentType() != null) type = org.springframework.http.MediaType.parseMediaType(file.contentType()).toString();
		}
		catch (org.springframework.http.InvalidMediaTypeException e) {
			// Keep octet-stream: the file is evidence, its declared type is only a hint.
		}
		jdbc.sql("""
				insert into evidence_file (id, confirmation_id, filename, content_type, size, data, created_at)
				values (:id, :c, :name, :type, :size, :data, :at)""")
			.param("id", id).param("c", confirmationId).param("name", name).param("type", type)
			.param("size", file.data().length).param("data", file.data()).param("at", Timestamp.from(clock.instant()))
			.update();
		return new Criterion.Attachment(id, name, type, file.data().length);
	}

	public File attachment(UUID id) {
		return jdbc.sql("select filename, content_type, data from evidence_file where id = :id").param("id", id)
			.query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
			.orElseThrow(() -> new NotFoundException("Attachment", id));
	}

	private void markMet(Criterion c, LocalDate on) {
		jdbc.sql("update success_criterion set met_on = :on where id = :id and met_on is null").param("on", on)
			.param("id", c.id()).update();
		events.publishEvent(new SuccessCriterionMet(c.id(), c.projectId(), c.accountId(), c.kpi(), on));
	}

	public Criterion criterion(UUID id) {
		return load("where c.id = :id", Map.of("id", id)).stream().findFirst()
			.orElseThrow(() -> new NotFoundException("Success criterion", id));
	}

	public List<Criterion> criteria(UUID projectId) {
		projects.get(projectId);
		return load("where c.project_id = :p", Map.of("p", projectId));
	}

	private List<Criterion> load(String where, Map<String, Object> params) {
		record Row(UUID id, UUID projectId, UUID accountId, String useCase, String kpi, String unit, Criterion.Kind kind,
				BigDecimal baseline, BigDecimal target, LocalDate deadline, String evidence, Criterion.Source source,
				LocalDate metOn, String createdBy, java.time.Instant createdAt) {
		}
		List<Row> rows = jdbc.sql("""
				select c.id, c.project_id, c.account_id, c.use_case, c.kpi, c.unit, c.kind, c.baseline, c.target, c.deadline,
				  c.evidence_method, c.source, c.met_on, c.created_by, c.created_at
				from success_criterion c""" + " " + where + " order by c.created_at, c.id")
			.params(params)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), Criterion.Kind.valueOf(rs.getString(7)),
					rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getObject(10, LocalDate.class), rs.getString(11),
					Criterion.Source.valueOf(rs.getString(12)), rs.getObject(13, LocalDate.class), rs.getString(14),
					rs.getTimestamp(15).toInstant()))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.stream().map(Row::id).toList();
		var measurements = new HashMap<UUID, List<Criterion.Measurement>>();
		jdbc.sql("""
				select criterion_id, id, measured_on, value, sample_size, note, recorded_by from measurement
				where criterion_id in (:ids) order by measured_on, created_at""")
			.param("ids", ids)
			.query(rs -> { measurements.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new Criterion.Measurement(rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class),
						rs.getBigDecimal(4), (Integer) rs.getObject(5), rs.getString(6), rs.getString(7))); });
		var files = new HashMap<UUID, List<Criterion.Attachment>>();
		jdbc.sql("""
				select f.confirmation_id, f.id, f.filename, f.content_type, f.size from evidence_file f
				join value_confirmation v on v.id = f.confirmation_id where v.criterion_id in (:ids) order by f.created_at""")
			.param("ids", ids)
			.query(rs -> { files.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new Criterion.Attachment(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
						rs.getInt(5))); });
		var confirmations = new HashMap<UUID, List<Criterion.Confirmation>>();
		jdbc.sql("""
				select criterion_id, id, confirmed_by, quote, evidence, confirmed_on, recorded_by from value_confirmation
				where criterion_id in (:ids) order by confirmed_on, created_at""")
			.param("ids", ids)
			.query(rs -> {
				UUID id = rs.getObject(2, UUID.class);
				confirmations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Criterion.Confirmation(id, rs.getString(3), rs.getString(4),
							json.readValue(rs.getString(5), EVIDENCE), files.getOrDefault(id, List.of()),
							rs.getObject(6, LocalDate.class), rs.getString(7)));
			});
		return rows.stream().map(r -> new Criterion(r.id(), r.projectId(), r.accountId(), r.useCase(), r.kpi(), r.unit(),
				r.kind(), r.baseline(), r.target(), r.deadline(), r.evidence(), r.source(), r.metOn(), r.createdBy(),
				r.createdAt(), measurements.getOrDefault(r.id(), List.of()), confirmations.getOrDefault(r.id(), List.of())))
			.toList();
	}

	/**
	 * VAL-6: adds the seeds' business outcome criteria (cycle time −15 % by day 90 and −30 % by day 180,
	 * positive ROI by day 120), titled in the account's language; ones already present are skipped.
	 */
	@Transactional
	public List<Criterion> addOutcomeDefaults(UUID projectId, java.util.function.Function<String, String> title) {
		Project project = projects.get(projectId);
		var existing = criteria(projectId).stream().map(Criterion::kpi).collect(java.util.stream.Collectors.toSet());
		for (SuccessProperties.Outcome o : outcomes.outcomeDefaults()) {
			String kpi = title.apply(o.code());
			if (existing.contains(kpi)) {
				continue;
			}
			define(projectId, new NewCriterion(title.apply("useCase"), kpi, o.unit(), Criterion.Kind.QUANTITATIVE,
					o.baseline(), o.target(), project.startDate().plusDays(o.days()), title.apply(o.code() + ".evidence"),
					Criterion.Source.KICKOFF));
		}
		return criteria(projectId);
	}

	// --- quick wins (VAL-4) --------------------------------------------------------------------

	/** The three quick wins of the seeds, planned on every new project at day 30, 60 and 90. */
	@Transactional
	void planQuickWins(UUID projectId, LocalDate start) {
		// The three horizons in one statement rather than a round trip each.
		jdbc.sql("""
				insert into quick_win (id, project_id, horizon_days, target_date, status, created_at)
				select gen_random_uuid(), :p, h, cast(:start as date) + h, 'PLANNED', :at from unnest(array[30, 60, 90]) h""")
			.param("p", projectId).param("start", start).param("at", Timestamp.from(clock.instant())).update();
	}

	/**
	 * A quick win named {@code title} at {@code horizon} days: it names the first planned, still untitled win at
	 * that horizon (the three planned on every project), or is planned beside them when those are named.
	 */
	@Transactional
	QuickWin planQuickWin(UUID projectId, int horizon, String title) {
		Project project = projects.get(projectId);
		UUID id = jdbc.sql("""
				select id from quick_win where project_id = :p and horizon_days = :h and status = 'PLANNED'
				  and (title is null or title = '') order by created_at, id limit 1""")
			.param("p", projectId).param("h", horizon).query(UUID.class).optional().orElse(null);
		if (id != null) {
			jdbc.sql("update quick_win set title = :t where id = :id").param("t", title).param("id", id).update();
		}
		else {
			id = UUID.randomUUID();
			jdbc.sql("""
					insert into quick_win (id, project_id, horizon_days, title, target_date, status, created_at)
					values (:id, :p, :h, :t, :date, 'PLANNED', :at)""")
				.param("id", id).param("p", projectId).param("h", horizon).param("t", title)
				.param("date", project.startDate().plusDays(horizon)).param("at", Timestamp.from(clock.instant())).update();
		}
		audit.record("quick-win.planned", "project", projectId, horizon + " days: " + title);
		return jdbc.sql("""
				select id, project_id, horizon_days, title, owner, target_date, measured_impact, status, communicated
				from quick_win where id = :id""").param("id", id).query(SuccessPlans::quickWin).single();
	}

	public List<QuickWin> quickWins(UUID projectId) {
		projects.get(projectId);
		return jdbc.sql("""
				select id, project_id, horizon_days, title, owner, target_date, measured_impact, status, communicated
				from quick_win where project_id = :p order by horizon_days, created_at""")
			.param("p", projectId).query(SuccessPlans::quickWin).list();
	}

	@Transactional
	public QuickWin updateQuickWin(UUID id, QuickWinUpdate u) {
		int n = jdbc.sql("""
				update quick_win set title = coalesce(:title, title), owner = :owner,
				  target_date = coalesce(:date, target_date), measured_impact = :impact, status = :status,
				  communicated = :communicated where id = :id""")
			.param("title", Texts.blankToNull(u.title())).param("owner", Texts.blankToNull(u.owner())).param("date", u.targetDate())
			.param("impact", Texts.blankToNull(u.measuredImpact())).param("status", u.status().name())
			.param("communicated", u.communicated()).param("id", id).update();
		if (n == 0) {
			throw new NotFoundException("Quick win", id);
		}
		QuickWin win = jdbc.sql("""
				select id, project_id, horizon_days, title, owner, target_date, measured_impact, status, communicated
				from quick_win where id = :id""").param("id", id).query(SuccessPlans::quickWin).single();
		audit.record("quick-win.updated", "project", win.projectId(), win.horizonDays() + " days: " + win.status());
		return win;
	}

	private static QuickWin quickWin(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new QuickWin(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
				rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), QuickWin.Status.valueOf(rs.getString(8)),
				rs.getBoolean(9));
	}

}
