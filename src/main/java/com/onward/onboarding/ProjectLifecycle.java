package com.onward.onboarding;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;

/**
 * A project's lifecycle: the named transitions along {@link ProjectStatus#next()}, who may take them and with
 * what reason, the audit record, and {@link ProjectClosed} once per closing. Reached through {@link Projects}.
 */
@Service
class ProjectLifecycle {

	private final ProjectRepository projects;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final Clock clock;

	ProjectLifecycle(ProjectRepository projects, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
		this.projects = projects;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A person's (or an automation rule's) status change, along {@link ProjectStatus#next()}: holding,
	 * cancelling and reopening need a CS manager or admin and a reason; COMPLETED is refused (422),
	 * projects complete through graduation. Audited with the reason; {@link ProjectClosed} when it closes.
	 */
	@Transactional
	Project changeStatus(UUID projectId, ProjectStatus status, String reason) {
		Project project = projects.lock(projectId);
		ProjectStatus from = project.status();
		String why = checkedReason(from, status, reason);
		project.moveTo(status);
		return stored(project, from, why);
	}

	/** Starts a project that has not started (NOT_STARTED → IN_PROGRESS), e.g. after its kickoff. */
	@Transactional
	Project start(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::start);
	}

	/** Puts a project on hold: a CS manager's or admin's decision, with a reason. */
	@Transactional
	Project hold(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.ON_HOLD, reason, Project::hold);
	}

	/** Resumes a project on hold. */
	@Transactional
	Project resume(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::resume);
	}

	/** Cancels a project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	Project cancel(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.CANCELLED, reason, Project::cancel);
	}

	/** Reopens a cancelled project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	Project reopen(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::reopen);
	}

	private Project transition(UUID projectId, ProjectStatus to, String reason, java.util.function.Consumer<Project> move) {
		Project project = projects.lock(projectId);
		ProjectStatus from = project.status();
		move.accept(project); // refuses a move off the lifecycle (422) before anything else is asked
		String why = checkedReason(from, to, reason);
		return stored(project, from, why);
	}

	/** Holding, cancelling and reopening need a manager and a reason (only for a move the lifecycle allows). */
	private static String checkedReason(ProjectStatus from, ProjectStatus to, String reason) {
		String why = com.onward.shared.Texts.blankToNull(reason);
		if (from.needsManager(to) && to != from && from.canTransitionTo(to)) {
			if (!actingAsManager()) {
				throw new org.springframework.security.access.AccessDeniedException(
						"only a CS manager or admin may put on hold, cancel or reopen a project");
			}
			if (why == null) {
				throw com.onward.shared.InvalidInputException.of("reason", "say why the project is "
						+ (to == ProjectStatus.ON_HOLD ? "put on hold" : to == ProjectStatus.CANCELLED ? "cancelled" : "reopened"));
			}
		}
		if (why != null && why.length() > 1000) throw com.onward.shared.InvalidInputException.of("reason", "size must be between 0 and 1000");
		return why;
	}

	/** Graduation's completion of a project (the only way to COMPLETED). */
	@Transactional
	Project complete(UUID projectId) {
		Project project = projects.lock(projectId);
		ProjectStatus from = project.status();
		project.complete();
		return stored(project, from, "graduated");
	}

	private Project stored(Project project, ProjectStatus from, String reason) {
		ProjectStatus status = project.status();
		projects.save(project);
		projects.completedAt(project.id(), status == ProjectStatus.COMPLETED ? clock.instant() : null);
		audit.record("project.status", "project", project.id(), from + " → " + status + (reason == null ? "" : ": " + reason));
		// Once per closing: a closed project only reopens (to IN_PROGRESS) before it can close again.
		if (from.active() && !status.active()) events.publishEvent(new ProjectClosed(project.id(), status));
		return project;
	}

	/** A signed-in manager or admin, or the system itself (automation rules a manager configured). */
	private static boolean actingAsManager() {
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return true;
		return auth.getAuthorities().stream().map(a -> a.getAuthority())
			.anyMatch(a -> a.equals("ROLE_ADMIN") || a.equals("ROLE_CS_MANAGER"));
	}
}
