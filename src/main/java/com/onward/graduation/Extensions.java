package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import com.onward.shared.Texts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Extension and recovery (GRD-5, GRD-6) and the completion review (GRD-4). Extensions add up:
 * within {@code extension-cap-days} in all they are ACTIVE; beyond, ESCALATED until a CS manager
 * approves or rejects. A recovery plan is due once a project is {@code recovery-after-days} past
 * its (extended) target.
 */
@Service
public class Extensions {

	public enum CheckIn {
		DAILY, TWICE_WEEKLY, WEEKLY
	}

	public enum Status {
		ACTIVE, ESCALATED, APPROVED, REJECTED
	}

	public enum RootCause {
		CUSTOMER, VENDOR, EXTERNAL
	}

	public record Extension(UUID id, UUID projectId, String reason, String mustHappen, LocalDate previousTarget,
			LocalDate newTarget, int days, CheckIn checkIn, String informed, Status status, String message,
			String decidedBy, String decisionNote, Instant createdAt) {
	}

	public record NewExtension(@NotBlank @Size(max = 2000) String reason, @NotBlank @Size(max = 2000) String mustHappen,
			@NotNull LocalDate newTarget, @NotNull CheckIn checkIn, @NotBlank @Size(max = 1000) String informed) {
	}

	public record Decision(boolean approve, @Size(max = 2000) String note) {
	}

	public record Recovery(UUID id, UUID projectId, RootCause rootCause, String rootCauseDetail, LocalDate revisedTarget,
			String reducedScope, String intensity, String minimumViableSuccess, String createdBy, Instant createdAt) {
	}

	public record NewRecovery(@NotNull RootCause rootCause, @NotBlank @Size(max = 2000) String rootCauseDetail,
			@NotNull LocalDate revisedTarget, @Size(max = 2000) String reducedScope,
			@NotBlank @Size(max = 2000) String intensity, @NotBlank @Size(max = 2000) String minimumViableSuccess) {
	}

	public record Review(UUID projectId, LocalDate proposedFrom, LocalDate proposedTo, LocalDate scheduledOn,
			boolean customerSignOff, String signedOffBy, String transitionPlan, String documentationUrl) {
	}

	public record ReviewRecord(@NotNull LocalDate scheduledOn, boolean customerSignOff, @Size(max = 200) String signedOffBy,
			@Size(max = 4000) String transitionPlan, @Size(max = 2000) @com.onward.shared.WebLinks.WebLink String documentationUrl) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final GraduationProperties props;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;

	private final org.springframework.beans.factory.ObjectProvider<ReviewDecks> decks;

	Extensions(JdbcClient jdbc, Projects projects, Accounts accounts, GraduationProperties props, MessageSource messages,
			AuditLog audit, Clock clock, org.springframework.beans.factory.ObjectProvider<ReviewDecks> decks) {
		this.decks = decks;
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.props = props;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/** A project's extensions, target, lateness and recovery plan, read once (the graduation page). */
	record Overview(List<Extension> extensions, LocalDate currentTarget, long daysPastTarget, Recovery recovery,
			boolean recoveryRequired) {
	}

	Overview overview(Project project) {
		List<Extension> list = extensions(project.id());
		LocalDate target = currentTarget(project, list);
		long past = daysPast(project, target);
		Recovery recovery = recovery(project.id()).orElse(null);
		return new Overview(list, target, past, recovery, past >= props.recoveryAfterDays() && recovery == null);
	}

	/** The target graduation date now: the plan's, moved by extensions that are active or approved. */
	public LocalDate currentTarget(Project project) {
		return currentTarget(project, extensions(project.id()));
	}

	private static LocalDate currentTarget(Project project, List<Extension> extensions) {
		return extensions.stream().filter(e -> e.status() == Status.ACTIVE || e.status() == Status.APPROVED)
			.map(Extension::newTarget).max(LocalDate::compareTo).orElse(project.targetGraduationDate());
	}

	@Transactional
	public Extension extend(UUID projectId, NewExtension e) {
		Project project = projects.get(projectId);
		List<Extension> existing = extensions(projectId);
		LocalDate previous = currentTarget(project, existing);
		int days = (int) ChronoUnit.DAYS.between(previous, e.newTarget());
		if (days <= 0) {
			throw new BusinessRuleException("newTarget", "must be after the current target " + previous,
					"error.extension.targetNotAfter", previous);
		}
		int alreadyExtended = existing.stream()
			.filter(x -> x.status() == Status.ACTIVE || x.status() == Status.APPROVED).mapToInt(Extension::days).sum();
		// Beyond the cap the extension waits for leadership (GRD-5).
		Status status = alreadyExtended + days > props.extensionCapDays() ? Status.ESCALATED : Status.ACTIVE;
		Account account = accounts.get(project.accountId());
		Locale locale = Locale.forLanguageTag(account.language());
		// The customer reads the new target the way their language writes dates, not as 2026-12-05.
		String message = messages.getMessage("extension.message", new Object[] { account.name(),
				com.onward.shared.Phrases.date(e.newTarget(), locale),
				e.reason(), e.mustHappen(), messages.getMessage("checkIn." + e.checkIn(), null, locale) }, locale);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into extension (id, project_id, reason, must_happen, previous_target, new_target, days, check_in,
				  informed, status, message, created_by, created_at)
				values (:id, :p, :reason, :must, :previous, :target, :days, :checkIn, :informed, :status, :message, :by, :at)""")
			.param("id", id).param("p", projectId).param("reason", e.reason().strip()).param("must", e.mustHappen().strip())
			.param("previous", previous).param("target", e.newTarget()).param("days", days)
			.param("checkIn", e.checkIn().name()).param("informed", e.informed().strip()).param("status", status.name())
			.param("message", message).param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant()))
			.update();
		audit.record("extension." + status.name().toLowerCase(), "project", projectId, days + " days to " + e.newTarget());
		return extension(id);
	}

	@Transactional
	public Extension decide(UUID projectId, UUID extensionId, Decision d) {
		Extension e = extension(extensionId);
		if (!e.projectId().equals(projectId)) {
			throw new NotFoundException("Extension", extensionId);
		}
		if (e.status() != Status.ESCALATED) {
			throw BusinessRuleException.of("status", "error.extension.notEscalated");
		}
		jdbc.sql("""
				update extension set status = :status, decided_by = :by, decided_at = :at, decision_note = :note
				where id = :id""")
			.param("status", (d.approve() ? Status.APPROVED : Status.REJECTED).name()).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).param("note", d.note()).param("id", extensionId).update();
		audit.record("extension." + (d.approve() ? "approved" : "rejected"), "project", projectId, d.note());
		return extension(extensionId);
	}

	/** An escalated extension waiting for a CS manager's decision, with the customer it is for. */
	public record AwaitingDecision(Extension extension, UUID accountId, String accountName) {
	}

	/** Escalated extensions across the portfolio, oldest first: what a CS manager has to decide. */
	public List<AwaitingDecision> awaitingDecision(int limit) {
		return jdbc.sql("""
				select e.id, e.project_id, e.reason, e.must_happen, e.previous_target, e.new_target, e.days, e.check_in,
				  e.informed, e.status, e.message, e.decided_by, e.decision_note, e.created_at, a.account_id, a.name
				from extension e join onboarding_project_v p on p.project_id = e.project_id
				join account_v a on a.account_id = p.account_id
				where e.status = 'ESCALATED' order by e.created_at limit :limit""")
			.param("limit", limit)
			.query((rs, n) -> new AwaitingDecision(extension(rs, n), rs.getObject(15, UUID.class), rs.getString(16)))
			.list();
	}

	/** How many escalated extensions wait for a decision. */
	public long awaitingDecisionCount() {
		return jdbc.sql("select count(*) from extension where status = 'ESCALATED'").query(Long.class).single();
	}

	public List<Extension> extensions(UUID projectId) {
		return jdbc.sql(EXTENSION + " where project_id = :p order by created_at").param("p", projectId)
			.query(Extensions::extension).list();
	}

	private Extension extension(UUID id) {
		return jdbc.sql(EXTENSION + " where id = :id").param("id", id).query(Extensions::extension).optional()
			.orElseThrow(() -> new NotFoundException("Extension", id));
	}

	/** Days past the current target (0 when not past it or already graduated). */
	public long daysPastTarget(Project project) {
		return daysPast(project, currentTarget(project));
	}

	private long daysPast(Project project, LocalDate target) {
		if (project.status().name().equals("COMPLETED") || project.status().name().equals("CANCELLED")) return 0;
		return Math.max(0, ChronoUnit.DAYS.between(target, LocalDate.now(clock)));
	}

	@Transactional
	public Recovery recover(UUID projectId, NewRecovery r) {
		Project project = projects.get(projectId);
		long past = daysPastTarget(project);
		if (past < props.recoveryAfterDays()) {
			throw BusinessRuleException.of("projectId", "error.recovery.tooEarly", props.recoveryAfterDays(), past);
		}
		if (!r.revisedTarget().isAfter(LocalDate.now(clock))) {
			throw BusinessRuleException.of("revisedTarget", "error.date.notFuture");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into recovery_plan (id, project_id, root_cause, root_cause_detail, revised_target, reduced_scope,
				  intensity, minimum_viable_success, created_by, created_at)
				values (:id, :p, :cause, :detail, :target, :scope, :intensity, :mvs, :by, :at)""")
			.param("id", id).param("p", projectId).param("cause", r.rootCause().name())
			.param("detail", r.rootCauseDetail().strip()).param("target", r.revisedTarget())
			.param("scope", Texts.blankToNull(r.reducedScope()))
			.param("intensity", r.intensity().strip()).param("mvs", r.minimumViableSuccess().strip())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("recovery.planned", "project", projectId, r.rootCause() + ", " + past + " days past target");
		return recovery(projectId).orElseThrow();
	}

	public Optional<Recovery> recovery(UUID projectId) {
		return jdbc.sql("""
				select id, project_id, root_cause, root_cause_detail, revised_target, reduced_scope, intensity,
				  minimum_viable_success, created_by, created_at from recovery_plan where project_id = :p
				order by created_at desc limit 1""")
			.param("p", projectId)
			.query((rs, n) -> new Recovery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					RootCause.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6),
					rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()))
			.optional();
	}

	/** GRD-4: proposed 14 to 7 days before the (extended) target; what was recorded, if anything. */
	public Review review(Project project) {
		LocalDate target = currentTarget(project);
		return jdbc.sql("""
				select scheduled_on, customer_signoff, signed_off_by, transition_plan, documentation_url
				from completion_review where project_id = :p""")
			.param("p", project.id())
			.query((rs, n) -> new Review(project.id(), target.minusDays(14), target.minusDays(7),
					rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.optional().orElse(new Review(project.id(), target.minusDays(14), target.minusDays(7), null, false, null, null,
					null));
	}

	@Transactional
	public Review recordReview(UUID projectId, ReviewRecord r) {
		Project project = projects.get(projectId);
		if (r.customerSignOff() && (r.signedOffBy() == null || r.signedOffBy().isBlank())) {
			throw BusinessRuleException.of("signedOffBy", "error.recovery.signedOffBy");
		}
		com.onward.shared.WebLinks.require("documentationUrl", r.documentationUrl());
		jdbc.sql("""
				insert into completion_review (project_id, scheduled_on, customer_signoff, signed_off_by, transition_plan,
				  documentation_url, recorded_by, recorded_at)
				values (:p, :on, :signoff, :by, :plan, :doc, :recorder, :at)
				on conflict (project_id) do update set scheduled_on = excluded.scheduled_on,
				  customer_signoff = excluded.customer_signoff, signed_off_by = excluded.signed_off_by,
				  transition_plan = excluded.transition_plan, documentation_url = excluded.documentation_url,
				  recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
			.param("p", projectId).param("on", r.scheduledOn()).param("signoff", r.customerSignOff())
			.param("by", r.signedOffBy()).param("plan", r.transitionPlan()).param("doc", r.documentationUrl())
			.param("recorder", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("completion-review", "project", projectId, r.customerSignOff() ? "signed off" : "scheduled");
		// The review deck goes with the review, as it stood when the review was recorded.
		decks.getObject().attach(projectId, ReviewDecks.Kind.COMPLETION_REVIEW);
		return review(project);
	}

	private static final String EXTENSION = """
			select id, project_id, reason, must_happen, previous_target, new_target, days, check_in, informed, status, message,
			  decided_by, decision_note, created_at from extension""";

	private static Extension extension(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Extension(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7),
				CheckIn.valueOf(rs.getString(8)), rs.getString(9), Status.valueOf(rs.getString(10)), rs.getString(11),
				rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant());
	}
}
