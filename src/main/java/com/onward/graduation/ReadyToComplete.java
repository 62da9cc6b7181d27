package com.onward.graduation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.success.Criterion;
import com.onward.success.SuccessPlans;

import jakarta.validation.constraints.Size;

/**
 * The tech-touch path's completion (seeds: the day-30 "Have you achieved your goal?" survey and automatic
 * completion): a yes to the goal survey is the customer's confirmation of value on the project's met and
 * qualitative criteria; for a project of a configured segment it then waits for a READY scorecard and is
 * listed "ready to complete" for a person, who approves (the project graduates) or dismisses it.
 */
@Service
public class ReadyToComplete {

	public enum Status {
		AWAITING_READY, LISTED, APPROVED, DISMISSED
	}

	public record Candidate(UUID projectId, UUID accountId, String accountName, String segment, int onboardingDay,
			LocalDate answeredOn, String comment, Status status, BigDecimal total, Instant listedAt, String decidedBy,
			Instant decidedAt, String note, LocalDate targetGraduationDate) {
	}

	public record Approval(@Size(max = 200) String ongoingCsm, @Size(max = 200) String approvedBy,
			@Size(max = 2000) String earlyReason) {
	}

	public record Dismissal(@Size(max = 2000) String note) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final SuccessPlans success;
	private final Graduation graduation;
	private final Graduations graduations;
	private final TechTouchCompletionProperties props;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;

	ReadyToComplete(JdbcClient jdbc, Projects projects, Accounts accounts, SuccessPlans success,
			Graduation graduation, Graduations graduations, TechTouchCompletionProperties props, MessageSource messages,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.success = success;
		this.graduation = graduation;
		this.graduations = graduations;
		this.props = props;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A yes to the goal survey (from {@code confirmedBy}): value confirmed, and a project of a configured segment
	 * waits for (or, with a READY scorecard, is listed at) its completion review.
	 */
	@Transactional
	public void goalAchieved(UUID accountId, UUID surveyId, String confirmedBy, String comment) {
		Project project = projects.forAccount(accountId).stream().filter(p -> p.status().active()).findFirst()
			.map(p -> projects.get(p.id())).orElse(null);
		if (project == null) return;
		Account account = accounts.get(accountId);
		String who = confirmedBy == null || confirmedBy.isBlank() ? "customer" : confirmedBy;
		String quote = comment != null ? comment
				: messages.getMessage("goalSurvey.confirmation", null, Locale.forLanguageTag(account.language()));
		LocalDate today = LocalDate.now(clock);
		for (Criterion c : success.criteria(project.id())) {
			// A yes confirms what is met (or qualitative); it cannot move an unmet number.
			if (c.confirmations().isEmpty() && (c.kind() == Criterion.Kind.QUALITATIVE || c.reached())) {
				success.confirm(c.id(), new SuccessPlans.NewConfirmation(who, quote, today, List.of()));
			}
		}
		audit.record("goal-survey.yes", "project", project.id(), who);
		if (!props.segments().contains(account.segment())) return;
		jdbc.sql("""
				insert into graduation_ready_review (project_id, account_id, survey_id, answered_on, comment, status, created_at)
				values (:p, :a, :s, :on, :c, 'AWAITING_READY', :at) on conflict (project_id) do nothing""")
			.param("p", project.id()).param("a", accountId).param("s", surveyId).param("on", today).param("c", comment)
			.param("at", Timestamp.from(clock.instant())).update();
		graduation.history(project.id()).stream().findFirst().ifPresent(this::scored);
	}

	@org.springframework.context.event.EventListener
	void on(Graduation.Scored e) {
		scored(e.card());
	}

	/** A scorecard was given: a READY one lists a project waiting after its goal survey. */
	void scored(Graduation.Card card) {
		if (card.verdict() != Verdict.READY) return;
		int listed = jdbc.sql("""
				update graduation_ready_review set status = 'LISTED', scorecard_id = :card, total = :total, listed_at = :at
				where project_id = :p and status = 'AWAITING_READY'""")
			.param("card", card.id()).param("total", card.total()).param("at", Timestamp.from(clock.instant()))
			.param("p", card.projectId()).update();
		if (listed > 0) audit.record("ready-to-complete.listed", "project", card.projectId(), card.total().toPlainString());
	}

	/** The review list: projects of the given status (LISTED: ready to complete), oldest first. */
	public List<Candidate> list(Status status) {
		return jdbc.sql("""
				select r.project_id, r.account_id, a.name, a.segment, p.start_date, r.answered_on, r.comment, r.status,
				  r.total, r.listed_at, r.decided_by, r.decided_at, r.note, p.target_graduation_date
				from graduation_ready_review r
				join account_v a on a.account_id = r.account_id
				join onboarding_project_v p on p.project_id = r.project_id
				where r.status = :s order by coalesce(r.listed_at, r.created_at), r.project_id""")
			.param("s", status.name())
			.query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), (int) ChronoUnit.DAYS.between(rs.getObject(5, LocalDate.class), LocalDate.now(clock)),
					rs.getObject(6, LocalDate.class), rs.getString(7), Status.valueOf(rs.getString(8)),
					rs.getBigDecimal(9), instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)),
					rs.getString(13), rs.getObject(14, LocalDate.class)))
			.list();
	}

	/** A person approves: the project graduates (the usual rules: READY, the early-graduation guard). */
	@Transactional
	public Graduations.Graduated approve(UUID projectId, Approval a) {
		requireListed(projectId);
		Graduations.Graduated graduated = graduations.graduate(projectId, new Graduations.Graduate(a.ongoingCsm(), true,
				a.approvedBy(), a.earlyReason()));
		decide(projectId, Status.APPROVED, null);
		return graduated;
	}

	/** A person dismisses: the project stays in onboarding and leaves the list. */
	@Transactional
	public void dismiss(UUID projectId, Dismissal d) {
		requireListed(projectId);
		decide(projectId, Status.DISMISSED, d == null ? null : d.note());
	}

	private void requireListed(UUID projectId) {
		projects.get(projectId);
		String status = jdbc.sql("select status from graduation_ready_review where project_id = :p").param("p", projectId)
			.query(String.class).optional().orElseThrow(() -> new NotFoundException("Ready-to-complete review", projectId));
		if (!Status.LISTED.name().equals(status)) {
			throw BusinessRuleException.of("status", "error.readyToComplete.notListed");
		}
	}

	private void decide(UUID projectId, Status status, String note) {
		jdbc.sql("""
				update graduation_ready_review set status = :s, decided_by = :by, decided_at = :at, note = :note
				where project_id = :p""")
			.param("s", status.name()).param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant()))
			.param("note", note == null || note.isBlank() ? null : note.strip()).param("p", projectId).update();
		audit.record("ready-to-complete." + status.name().toLowerCase(), "project", projectId, note);
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
