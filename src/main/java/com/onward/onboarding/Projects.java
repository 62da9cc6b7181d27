package com.onward.onboarding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.ContractSigned;
import com.onward.identity.AuditLog;
import com.onward.playbook.Playbook;
import com.onward.playbook.Playbooks;
import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;

/** Onboarding projects: creation from a playbook, loading, and every change to them. */
@Service
public class Projects {

	public record ProjectSummary(UUID id, UUID accountId, LocalizedText playbookName, ProjectStatus status,
			LocalDate startDate, LocalDate targetGraduationDate, LocalDate forecastGraduationDate, int progressPercent) {
	}

	private final JdbcClient jdbc;
	private final ProjectRepository repository;
	private final ProjectLifecycle lifecycle;
	private final ScopeChanges scope;
	private final Playbooks playbooks;
	private final FactorEffects factorEffects;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final Clock clock;
	private final org.springframework.beans.factory.ObjectProvider<MilestoneGate> gates;
	private final org.springframework.beans.factory.ObjectProvider<FirstValueSource> firstValues;

	Projects(JdbcClient jdbc, ProjectRepository repository, ProjectLifecycle lifecycle, ScopeChanges scope,
			Playbooks playbooks, FactorEffects factorEffects,
			ApplicationEventPublisher events, AuditLog audit, Clock clock,
			org.springframework.beans.factory.ObjectProvider<MilestoneGate> gates,
			org.springframework.beans.factory.ObjectProvider<FirstValueSource> firstValues) {
		this.gates = gates;
		this.firstValues = firstValues;
		this.jdbc = jdbc;
		this.repository = repository;
		this.lifecycle = lifecycle;
		this.scope = scope;
		this.playbooks = playbooks;
		this.factorEffects = factorEffects;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * ANL-1: the day the go-live milestone was done, and the first value date the analytics module
	 * keeps (the first success criterion met, or a person's override; {@link FirstValueSource}); days from signing.
	 */
	public record ValueDates(LocalDate goLiveDate, Integer timeToGoLiveDays, LocalDate firstValueDate,
			Integer timeToValueDays, boolean firstValueOverridden, String firstValueNote) {
	}

	public ValueDates valueDates(Project p) {
		LocalDate goLive = p.goLiveItem().filter(i -> i.status() == ItemStatus.DONE).map(PlanItem::completedOn).orElse(null);
		Integer goLiveDays = goLive == null ? null : (int) java.time.temporal.ChronoUnit.DAYS.between(p.startDate(), goLive);
		return Optional.ofNullable(firstValues.getIfAvailable()).flatMap(source -> source.firstValue(p.id()))
			.map(v -> new ValueDates(goLive, goLiveDays, v.date(), v.daysFromSigning(), v.overridden(), v.note()))
			.orElse(new ValueDates(goLive, goLiveDays, null, null, false, null));
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

	/**
	 * PLAN-3: the project for a signed contract, from the segment's current playbook version (the signing has made
	 * it the account's current project already).
	 */
	@Transactional
	public Project createFor(ContractSigned signed) {
		Playbook playbook = playbooks.forSegment(signed.segment());
		LocalDate start = signed.signedAt().atZone(clock.getZone()).toLocalDate();
		Project project = Project.plan(signed.projectId(), signed.accountId(), signed.contractId(), playbook, start,
				factorEffects.percentages(signed.factors()), clock.instant());
		repository.insert(project);
		audit.record("project.created", "project", project.id(), playbook.family() + " v" + playbook.version());
		events.publishEvent(created(project, signed.segment()));
		return project;
	}

	private ProjectCreated created(Project p, Segment segment) {
		return new ProjectCreated(p.id(), p.accountId(), segment, p.startDate(), p.targetGraduationDate(),
				p.phases().stream()
					.map(ph -> new ProjectCreated.PhaseRoles(ph.key(), ph.position(), ph.name(), p.ownerRoles(ph)))
					.toList(),
				p.goLiveItem().map(PlanItem::plannedDue).orElse(null));
	}

	public Project get(UUID id) {
		return repository.get(id);
	}

	public Optional<Project> find(UUID id) {
		return repository.load(id, false);
	}

	public List<ProjectSummary> forAccount(UUID accountId) {
		return repository.forAccount(accountId);
	}

	@Transactional
	public Project updateItem(UUID projectId, UUID itemId, ItemUpdate update) {
		Project project = repository.lock(projectId);
		PlanItem item = project.item(itemId);
		List<String> changes = new ArrayList<>();
		if (update.dueDate() != null && !update.dueDate().equals(item.due)) {
			changes.add("due " + item.due + " → " + update.dueDate());
			project.moveDue(itemId, update.dueDate());
		}
		if (update.status() != null && update.status() != item.status) {
			if (update.status() == ItemStatus.DONE && project.status().active()) {
				// Looked up per call: the gates' modules use this service themselves.
				gates.orderedStream().forEach(g -> g.checkCompletion(project, item));
			}
			changes.add("status " + item.status + " → " + update.status());
			project.changeStatus(itemId, update.status(), today());
		}
		if (update.assignee() != null) {
			project.assign(itemId, update.assignee());
			changes.add("assignee " + update.assignee());
		}
		if (update.notes() != null) {
			project.note(itemId, update.notes());
			changes.add("notes");
		}
		boolean planChanged = update.dueDate() != null || update.status() != null;
		repository.save(project);
		audit.record("project.item-updated", "project", projectId, item.key + ": " + String.join(", ", changes));
		if (planChanged && !changes.isEmpty()) events.publishEvent(new PlanItemsChanged(projectId, project.accountId()));
		return project;
	}

	/**
	 * A person's (or an automation rule's) status change, along {@link ProjectStatus#next()}: holding,
	 * cancelling and reopening need a CS manager or admin and a reason; COMPLETED is refused (422),
	 * projects complete through graduation. Audited with the reason; {@link ProjectClosed} when it closes.
	 */
	@Transactional
	public Project changeStatus(UUID projectId, ProjectStatus status, String reason) {
		return lifecycle.changeStatus(projectId, status, reason);
	}

	/** Starts a project that has not started (NOT_STARTED → IN_PROGRESS), e.g. after its kickoff. */
	@Transactional
	public Project start(UUID projectId, String reason) {
		return lifecycle.start(projectId, reason);
	}

	/** Puts a project on hold: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project hold(UUID projectId, String reason) {
		return lifecycle.hold(projectId, reason);
	}

	/** Resumes a project on hold. */
	@Transactional
	public Project resume(UUID projectId, String reason) {
		return lifecycle.resume(projectId, reason);
	}

	/** Cancels a project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project cancel(UUID projectId, String reason) {
		return lifecycle.cancel(projectId, reason);
	}

	/** Reopens a cancelled project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project reopen(UUID projectId, String reason) {
		return lifecycle.reopen(projectId, reason);
	}

	/** Graduation's completion of a project (the only way to COMPLETED). */
	@Transactional
	public Project complete(UUID projectId) {
		return lifecycle.complete(projectId);
	}

	/** The effect a scope change would have, computed on a copy: nothing is stored. */
	public ScopeChange.Impact previewScope(UUID projectId, ScopeChangeRequest request) {
		return scope.previewScope(projectId, request);
	}

	/** Records a proposed scope change with its impact; nothing changes in the plan yet. */
	@Transactional
	public ScopeChange proposeScope(UUID projectId, ScopeChangeRequest request) {
		return scope.proposeScope(projectId, request);
	}

	/** Accepts (adds the item, re-measuring the impact against today's plan) or rejects a proposal. */
	@Transactional
	public ScopeChange decideScope(UUID projectId, UUID changeId, boolean accept) {
		return scope.decideScope(projectId, changeId, accept);
	}

	public List<ScopeChange> scopeHistory(UUID projectId) {
		return scope.scopeHistory(projectId);
	}

	/**
	 * Records work already done before Onward tracked it: every open item due on or before
	 * {@code cutoff} is marked done on its due date (used when loading history and demo data).
	 */
	@Transactional
	public Project completeThrough(UUID projectId, LocalDate cutoff) {
		Project project = repository.lock(projectId);
		project.items().stream().filter(i -> !i.status().closed() && !i.due().isAfter(cutoff))
			.sorted(java.util.Comparator.comparing(PlanItem::due))
			.forEach(i -> project.completeOn(i.id(), project.item(i.id()).due()));
		repository.save(project);
		return project;
	}
}
