package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.health.Health;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.ProjectStatus;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.stakeholder.Stakeholders;
import com.onward.success.Criterion;
import com.onward.success.SuccessPlans;
import com.onward.training.Session;
import com.onward.training.Training;
import com.onward.usage.Adoption;
import com.onward.usage.AdoptionMetrics;

import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Graduation and transition (GRD-7, PPL-6): only a READY project graduates; graduating writes
 * the celebration message with achievements computed from the data in the account's language,
 * requests a testimonial, opens the onboarding → ongoing CSM handoff with its context package,
 * sets the steady-state cadence, flags a too-early or too-late graduation and completes the project.
 */
@Service
public class Graduations {

	public enum Timing {
		TOO_EARLY, ON_TIME, TOO_LATE
	}

	/**
	 * A graduation: the ongoing CSM is required; more than the configured days before the planned
	 * date, a reason and a CS manager (named in {@code approvedBy}, or the manager graduating).
	 */
	public record Graduate(@Size(max = 200) String ongoingCsm, Boolean requestTestimonial,
			@Size(max = 200) String approvedBy, @Size(max = 2000) String earlyReason) {

		public Graduate(String ongoingCsm, Boolean requestTestimonial) {
			this(ongoingCsm, requestTestimonial, null, null);
		}
	}

	public record Graduated(UUID projectId, LocalDate graduatedOn, int onboardingDay, Timing timing,
			List<String> achievements, String celebrationSubject, String celebrationBody, boolean testimonialRequested,
			Map<String, Object> cadence, String ongoingCsm, String graduatedBy) {
	}

	/** The steady-state cadence of the seeds after graduation. */
	static final Map<String, Object> CADENCE = Map.of("monthlyCheckInMinutes", 30, "quarterlyBusinessReviewMinutes", 60,
			"annualStrategicPlanning", true);

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};
	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final Graduation graduation;
	private final Handoffs handoffs;
	private final SuccessPlans success;
	private final Training training;
	private final Adoption adoption;
	private final Stakeholders stakeholders;
	private final Health health;
	private final GraduationProperties props;
	private final ReadinessProperties readiness;
	private final MessageSource messages;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	private final GraduationGuard guard;
	private final HandoffForms forms;
	private final Expansions expansions;

	Graduations(JdbcClient jdbc, Projects projects, Accounts accounts, Graduation graduation, Handoffs handoffs,
			SuccessPlans success, Training training, Adoption adoption, Stakeholders stakeholders, Health health,
			GraduationProperties props, ReadinessProperties readiness, MessageSource messages,
			ApplicationEventPublisher events, AuditLog audit, ObjectMapper json, Clock clock, GraduationGuard guard,
			HandoffForms forms, Expansions expansions) {
		this.forms = forms;
		this.expansions = expansions;
		this.readiness = readiness;
		this.guard = guard;
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.graduation = graduation;
		this.handoffs = handoffs;
		this.success = success;
		this.training = training;
		this.adoption = adoption;
		this.stakeholders = stakeholders;
		this.health = health;
		this.props = props;
		this.messages = messages;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Before or after the segment's on-time window (SMB day 14–30, mid-market 45–60, enterprise
	 * 90–120 by default), counted in days of onboarding, not as a share of the plan's last date.
	 */
	Timing timing(Project project, LocalDate on) {
		return timing(project, accounts.get(project.accountId()).segment(), on);
	}

	Timing timing(Project project, com.onward.shared.Segment segment, LocalDate on) {
		long day = ChronoUnit.DAYS.between(project.startDate(), on);
		ReadinessProperties.Window window = readiness.onTime().get(segment);
		if (window == null) {
			window = new ReadinessProperties.Window(90, 120);
		}
		if (day < window.from()) return Timing.TOO_EARLY;
		if (day > window.until()) return Timing.TOO_LATE;
		return Timing.ON_TIME;
	}

	@Transactional
	public Graduated graduate(UUID projectId, Graduate request) {
		Project project = projects.get(projectId);
		if (project.status() == ProjectStatus.COMPLETED || find(projectId).isPresent()) {
			throw new BusinessRuleException("projectId", "the project has already graduated", "error.graduation.already");
		}
		var latest = graduation.history(projectId).stream().findFirst();
		if (latest.isEmpty() || latest.get().verdict() != Verdict.READY) {
			throw new BusinessRuleException("scorecard", "graduate a project once its latest scorecard is READY",
					"error.graduation.notReady");
		}
		LocalDate today = LocalDate.now(clock);
		String approval = guard.check(project, request, today);
		Account account = accounts.get(project.accountId());
		Locale locale = Locale.forLanguageTag(account.language());
		int day = (int) ChronoUnit.DAYS.between(project.startDate(), today);
		Timing timing = timing(project, today);
		List<String> achievements = achievements(project, account, locale, today);
		String bullets = String.join("\n", achievements.stream().map(a -> "• " + a).toList());
		String subject = messages.getMessage("celebration.subject", new Object[] { account.name() }, locale);
		String body = messages.getMessage("celebration.body", new Object[] { account.name(), bullets,
				request.ongoingCsm() == null || request.ongoingCsm().isBlank() ? "—" : request.ongoingCsm().strip() }, locale);
		boolean testimonial = request.requestTestimonial() == null || request.requestTestimonial();
		if (testimonial) {
			body = body + "\n\n" + messages.getMessage("celebration.testimonial", null, locale);
		}
		String actor = AuditLog.currentActor();
		jdbc.sql("""
				insert into graduation (project_id, graduated_on, onboarding_day, timing, achievements, celebration_subject,
				  celebration_body, testimonial_requested, cadence, ongoing_csm, graduated_by, graduated_at)
				values (:p, :on, :day, :timing, cast(:achievements as jsonb), :subject, :body, :testimonial,
				  cast(:cadence as jsonb), :csm, :by, :at)""")
			.param("p", projectId).param("on", today).param("day", day).param("timing", timing.name())
			.param("achievements", json.writeValueAsString(achievements)).param("subject", subject).param("body", body)
			.param("testimonial", testimonial).param("cadence", json.writeValueAsString(CADENCE))
			.param("csm", request.ongoingCsm()).param("by", actor).param("at", Timestamp.from(clock.instant())).update();
		handoffs.open(projectId, project.accountId(), Handoffs.Kind.ONBOARDING_TO_ONGOING,
				today.plusDays(props.implementationHandoffDays()).atStartOfDay(clock.getZone()).toInstant(),
				request.ongoingCsm(), contextPackage(project, achievements));
		projects.complete(projectId);
		audit.record("project.graduated", "project", projectId, "day " + day + " " + timing + approval);
		events.publishEvent(new ProjectGraduated(projectId, project.accountId(), today, account.language(), subject, body,
				testimonial));
		return find(projectId).orElseThrow();
	}

	/** The celebration email graduating today would send (subject, body), in the account's language. */
	public List<String> preview(UUID projectId, String ongoingCsm, boolean testimonial) {
		Project project = projects.get(projectId);
		Account account = accounts.get(project.accountId());
		Locale locale = Locale.forLanguageTag(account.language());
		List<String> achievements = achievements(project, account, locale, LocalDate.now(clock));
		String bullets = String.join("\n", achievements.stream().map(a -> "• " + a).toList());
		String subject = messages.getMessage("celebration.subject", new Object[] { account.name() }, locale);
		String body = messages.getMessage("celebration.body", new Object[] { account.name(), bullets,
				ongoingCsm == null || ongoingCsm.isBlank() ? "—" : ongoingCsm.strip() }, locale);
		if (testimonial) body = body + "\n\n" + messages.getMessage("celebration.testimonial", null, locale);
		return List.of(subject, body);
	}

	/** Achievements from the data, in the account's language (GRD-7). */
	List<String> achievements(Project project, Account account, Locale locale, LocalDate today) {
		var list = new ArrayList<String>();
		for (Criterion c : success.criteria(project.id())) {
			if (c.kind() == Criterion.Kind.QUANTITATIVE && c.reached()) {
				boolean decrease = c.target().compareTo(c.baseline()) < 0;
				list.add(messages.getMessage(decrease ? "achievement.decreased" : "achievement.increased",
						new Object[] { c.kpi(), Math.abs(java.util.Objects.requireNonNullElse(c.achievedChangePercent(), 0)),
								Math.abs(java.util.Objects.requireNonNullElse(c.targetChangePercent(), 0)) }, locale));
			}
			else if (c.kind() == Criterion.Kind.QUALITATIVE && !c.confirmations().isEmpty()) {
				list.add(messages.getMessage("achievement.confirmed",
						new Object[] { c.kpi(), c.confirmations().getFirst().confirmedBy() }, locale));
			}
		}
		List<Session> held = training.sessions(project.id()).stream().filter(s -> s.status() == Session.Status.DONE).toList();
		long trained = held.stream().flatMap(s -> s.attendance().stream()).filter(Session.Attendance::completed)
			.map(Session.Attendance::attendee).distinct().count();
		if (trained > 0) {
			list.add(messages.getMessage("achievement.trained", new Object[] { trained, held.size() }, locale));
		}
		if (adoption.telemetryConnected()) {
			AdoptionMetrics m = adoption.metrics(account.id(), today);
			if (m.activatedUsers() > 0) {
				list.add(messages.getMessage("achievement.activated", new Object[] { m.activatedUsers(),
						m.activationRate() == null ? "—" : Math.round(m.activationRate() * 100) }, locale));
			}
			int wins = adoption.earlyWins(account.id()).size();
			if (wins > 0) {
				list.add(messages.getMessage("achievement.earlyWins", new Object[] { wins }, locale));
			}
		}
		return list;
	}

	/** What the ongoing CSM needs: achievements, people, open flags, the success plan. */
	private Map<String, Object> contextPackage(Project project, List<String> achievements) {
		var context = new LinkedHashMap<String, Object>();
		context.put("achievements", achievements);
		context.put("stakeholders", stakeholders.contacts(project.accountId()).stream()
			.map(c -> c.name() + " (" + c.role() + ", " + c.sentiment() + ")").toList());
		context.put("openRedFlags", health.openFlagsOf(project.accountId()).stream().map(Health.OpenFlag::code).toList());
		context.put("successCriteria", success.criteria(project.id()).stream()
			.map(c -> c.kpi() + ": " + c.status()).toList());
		context.put("cadence", CADENCE);
		context.put("salesHandoff", forms.packageOf(project.id()));
		context.put("expansionOpportunities", expansions.forProject(project.id()).stream().filter(Expansions.Opportunity::open)
			.map(o -> o.estimatedAcv() == null ? o.description() : o.description() + " (" + o.estimatedAcv().stripTrailingZeros().toPlainString() + ")")
			.toList());
		return context;
	}

	public Optional<Graduated> find(UUID projectId) {
		return jdbc.sql("""
				select project_id, graduated_on, onboarding_day, timing, achievements, celebration_subject, celebration_body,
				  testimonial_requested, cadence, ongoing_csm, graduated_by from graduation where project_id = :p""")
			.param("p", projectId)
			.query((rs, n) -> new Graduated(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getInt(3),
					Timing.valueOf(rs.getString(4)), json.readValue(rs.getString(5), STRINGS), rs.getString(6),
					rs.getString(7), rs.getBoolean(8), json.readValue(rs.getString(9), MAP), rs.getString(10),
					rs.getString(11)))
			.optional();
	}
}
