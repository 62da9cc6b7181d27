package com.onward.onboarding;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.OwnerRole;

import jakarta.validation.Valid;

/**
 * The project page: plan with its timeline (drawn on the server, see {@link Timeline}), in-place status changes (htmx), slips,
 * scope changes with their impact preview, and deliverables. The team, RACI, handoff and portal activity panels come
 * from their own modules as htmx fragments, loaded when they scroll into view.
 */
@Controller
class ProjectController {

	private final Projects projects;
	private final com.onward.account.Accounts accounts;

	ProjectController(Projects projects, com.onward.account.Accounts accounts) {
		this.accounts = accounts;
		this.projects = projects;
	}

	@GetMapping("/projects/{id}")
	String project(@PathVariable UUID id, Model model) {
		fill(model, projects.get(id));
		model.addAttribute("scopeForm", new ScopeChangeRequest(null, ScopeTag.PHASE_1, null, 5, OwnerRole.IMPLEMENTATION_SPECIALIST, null, null));
		return "onboarding/project";
	}

	@GetMapping("/accounts/{accountId}/projects")
	String accountProjects(@PathVariable UUID accountId, Model model) {
		var list = projects.forAccount(accountId);
		model.addAttribute("projects", list);
		var values = new java.util.HashMap<UUID, Projects.ValueDates>();
		list.forEach(p -> projects.find(p.id()).ifPresent(full -> values.put(p.id(), projects.valueDates(full))));
		model.addAttribute("values", values);
		return "onboarding/account-projects :: list";
	}

	@PostMapping("/projects/{id}/items/{itemId}")
	String updateItem(@PathVariable UUID id, @PathVariable UUID itemId, @RequestParam(required = false) ItemStatus status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate,
			@RequestParam(required = false) String assignee, @RequestParam(required = false) String notes,
			@RequestHeader(value = "HX-Request", required = false) String hx, Model model, RedirectAttributes redirect) {
		try {
			if ((assignee != null && assignee.length() > 200) || (notes != null && notes.length() > 4000)) {
				throw BusinessRuleException.of("notes", "error.text.tooLong");
			}
			Project project = projects.updateItem(id, itemId, new ItemUpdate(status, dueDate, assignee, notes));
			if (hx != null) {
				fill(model, project);
				return "onboarding/project :: plan";
			}
		}
		catch (BusinessRuleException e) {
			if (hx != null) {
				fill(model, projects.get(id));
				model.addAttribute("planError", com.onward.shared.FormErrors.describe(e).message());
				return "onboarding/project :: plan";
			}
			redirect.addFlashAttribute("planError", com.onward.shared.FormErrors.describe(e).message());
		}
		return "redirect:/projects/" + id;
	}

	@PostMapping("/projects/{id}/status")
	String changeStatus(@PathVariable UUID id, @RequestParam ProjectStatus status,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return com.onward.shared.FormChanges.attempt(redirect, "planError", "/projects/" + id,
				() -> projects.changeStatus(id, status, reason));
	}

	@PostMapping("/projects/{id}/scope-changes")
	String proposeScope(@PathVariable UUID id, @Valid @ModelAttribute("scopeForm") ScopeChangeRequest form,
			BindingResult errors, Model model) {
		if (!errors.hasErrors()) {
			try {
				model.addAttribute("proposed", projects.proposeScope(id, form));
			}
			catch (BusinessRuleException e) {
				errors.reject("invalid", FormErrors.describe(e).message());
			}
		}
		fill(model, projects.get(id));
		return "onboarding/project :: scope";
	}

	@PostMapping("/projects/{id}/scope-changes/{changeId}/{decision:accept|reject}")
	String decideScope(@PathVariable UUID id, @PathVariable UUID changeId, @PathVariable String decision) {
		projects.decideScope(id, changeId, "accept".equals(decision));
		return "redirect:/projects/" + id + "#scope";
	}

	private void fill(Model model, Project project) {
		LocalDate today = projects.today();
		model.addAttribute("project", project);
		model.addAttribute("accountName", accounts.get(project.accountId()).name());
		model.addAttribute("value", projects.valueDates(project));
		model.addAttribute("today", today);
		model.addAttribute("statuses", ItemStatus.values());
		model.addAttribute("projectStatuses", project.status().next());
		model.addAttribute("ownerRoles", OwnerRole.values());
		model.addAttribute("overdue", project.overdueItems(today));
		model.addAttribute("slipped", project.slippedMilestones());
		model.addAttribute("scopeHistory", projects.scopeHistory(project.id()));
		model.addAttribute("timeline", Timeline.of(project, today, LocaleContextHolder.getLocale()));
	}
}
