package com.onward.onboarding;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.playbook.ItemKind;
import com.onward.shared.OwnerRole;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects")
class ProjectApi {

	record ItemView(UUID id, String key, ItemKind kind, String name, LocalDate startDate, LocalDate dueDate,
			LocalDate plannedDueDate, ItemStatus status, OwnerRole ownerRole, boolean customerHomework, boolean goLive,
			ScopeTag scopeTag, String assignee, LocalDate completedOn, String notes, List<UUID> dependsOn,
			boolean overdue, boolean slipped, Map<Factor, Integer> factorShiftDays) {
	}

	record PhaseView(UUID id, String key, String name, LocalDate startDate, LocalDate endDate, List<ItemView> items) {
	}

	record ProjectView(UUID id, UUID accountId, UUID contractId, String playbook, UUID playbookId, ProjectStatus status,
			LocalDate startDate, LocalDate targetGraduationDate, LocalDate forecastGraduationDate, int slipDays,
			LocalDate forecastGoLiveDate, LocalDate goLiveDate, Integer timeToGoLiveDays, LocalDate firstValueDate,
			Integer timeToValueDays, boolean firstValueOverridden, String firstValueNote, int progressPercent, int overdueItems, Map<Factor, Integer> factorPercent,
			List<PhaseView> phases) {
	}

	/** {@code reason} is required to put on hold, cancel or reopen (a CS manager's or admin's decision). */
	record StatusChange(@NotNull ProjectStatus status, @jakarta.validation.constraints.Size(max = 1000) String reason) {
	}

	private final Projects projects;

	ProjectApi(Projects projects) {
		this.projects = projects;
	}

	@GetMapping
	List<Projects.ProjectSummary> forAccount(@RequestParam UUID accountId) {
		return projects.forAccount(accountId);
	}

	@GetMapping("/{id}")
	ProjectView get(@PathVariable UUID id) {
		return view(projects.get(id), projects.today());
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Start, hold, resume, cancel or reopen a project (COMPLETED only by graduating: 422)")
	ProjectView changeStatus(@PathVariable UUID id, @Valid @RequestBody StatusChange body) {
		return view(projects.changeStatus(id, body.status(), body.reason()), projects.today());
	}

	@PatchMapping("/{id}/items/{itemId}")
	@Operation(summary = "Change an item's status, due date (slip), assignee or notes; dependents are rescheduled")
	ProjectView updateItem(@PathVariable UUID id, @PathVariable UUID itemId, @Valid @RequestBody ItemUpdate body) {
		return view(projects.updateItem(id, itemId, body), projects.today());
	}

	@GetMapping("/{id}/deliverables")
	List<ItemView> deliverables(@PathVariable UUID id) {
		LocalDate today = projects.today();
		return projects.get(id).deliverables().stream().map(i -> item(i, today)).toList();
	}

	@PostMapping("/{id}/scope-changes/preview")
	@Operation(summary = "The effect of adding scope on go-live and graduation; stores nothing")
	ScopeChange.Impact preview(@PathVariable UUID id, @Valid @RequestBody ScopeChangeRequest body) {
		return projects.previewScope(id, body);
	}

	@PostMapping("/{id}/scope-changes")
	ScopeChange propose(@PathVariable UUID id, @Valid @RequestBody ScopeChangeRequest body) {
		return projects.proposeScope(id, body);
	}

	@GetMapping("/{id}/scope-changes")
	List<ScopeChange> scopeHistory(@PathVariable UUID id) {
		projects.get(id);
		return projects.scopeHistory(id);
	}

	@PostMapping("/{id}/scope-changes/{changeId}/accept")
	ScopeChange accept(@PathVariable UUID id, @PathVariable UUID changeId) {
		return projects.decideScope(id, changeId, true);
	}

	@PostMapping("/{id}/scope-changes/{changeId}/reject")
	ScopeChange reject(@PathVariable UUID id, @PathVariable UUID changeId) {
		return projects.decideScope(id, changeId, false);
	}

	ProjectView view(Project p, LocalDate today) {
		Projects.ValueDates v = projects.valueDates(p);
		return new ProjectView(p.id(), p.accountId(), p.contractId(), p.playbookName().in(Locale.ENGLISH), p.playbookId(),
				p.status(), p.startDate(), p.targetGraduationDate(), p.forecastGraduationDate(), p.slipDays(),
				p.goLiveDate(), v.goLiveDate(), v.timeToGoLiveDays(), v.firstValueDate(), v.timeToValueDays(),
				v.firstValueOverridden(), v.firstValueNote(), p.progressPercent(), p.overdueItems(today).size(),
				p.factorPercent(),
				p.phases().stream().map(ph -> new PhaseView(ph.id(), ph.key(), ph.name().in(Locale.ENGLISH),
						p.phaseStart(ph), p.phaseEnd(ph), p.itemsOf(ph).stream().map(i -> item(i, today)).toList()))
					.toList());
	}

	static ItemView item(PlanItem i, LocalDate today) {
		var deps = new java.util.ArrayList<>(i.dependsOn());
		deps.addAll(i.extraDependsOn());
		return new ItemView(i.id(), i.key(), i.kind(), i.name().in(Locale.ENGLISH), i.start(), i.due(), i.plannedDue(),
				i.status(), i.ownerRole(), i.customerHomework(), i.goLive(), i.scopeTag(), i.assignee(), i.completedOn(),
				i.notes(), deps, i.overdue(today), i.slipped(), i.factorShift());
	}
}
