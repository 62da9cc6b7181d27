package com.onward.onboarding;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
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

import com.onward.playbook.ItemKind;
import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.OwnerRole;

import jakarta.validation.Valid;
import tools.jackson.databind.ObjectMapper;

/**
 * The project page: plan with timeline chart, in-place status changes (htmx), slips,
 * scope changes with their impact preview, and deliverables. Team and RACI panels are
 * loaded from their own modules as htmx fragments.
 */
@Controller
class ProjectController {

	private final Projects projects;
	private final ObjectMapper json;
	private final MessageSource messages;
	private final com.onward.account.Accounts accounts;

	ProjectController(Projects projects, ObjectMapper json, MessageSource messages, com.onward.account.Accounts accounts) {
		this.accounts = accounts;
		this.projects = projects;
		this.json = json;
		this.messages = messages;
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
		model.addAttribute("timeline", json.writeValueAsString(timeline(project, today)));
	}

	/**
	 * ECharts option for the timeline: one row per phase and milestone; the thin grey bar is
	 * the plan, the coloured bar the forecast (red when it ends after the plan).
	 */
	private Map<String, Object> timeline(Project project, LocalDate today) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> rows = new ArrayList<>();
		List<Map<String, Object>> planned = new ArrayList<>();
		List<Map<String, Object>> forecast = new ArrayList<>();
		for (Project.Phase phase : project.phases()) {
			add(rows, planned, forecast, phase.name().in(locale), project.phasePlannedStart(phase),
					project.phasePlannedEnd(phase), project.phaseStart(phase), project.phaseEnd(phase), "#3552d6");
			for (PlanItem item : project.itemsOf(phase)) {
				if (item.kind() != ItemKind.MILESTONE) continue;
				add(rows, planned, forecast, "  ◆ " + item.name().in(locale), item.plannedStart(), item.plannedDue(),
						item.start(), item.end(), item.status() == ItemStatus.DONE ? "#1f9d6b" : "#7d8fe8");
			}
		}
		String plannedLabel = messages.getMessage("project.planned", null, locale);
		String forecastLabel = messages.getMessage("project.forecast", null, locale);
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 24, "top", 30, "bottom", 24, "containLabel", true));
		option.put("tooltip", Map.of("gantt", true));
		option.put("legend", Map.of("data", List.of(plannedLabel, forecastLabel), "top", 0));
		option.put("xAxis", Map.of("type", "time", "splitLine", Map.of("show", true)));
		option.put("yAxis", Map.of("type", "category", "data", rows, "inverse", true, "axisLabel", Map.of("fontSize", 11)));
		option.put("series", List.of(
				Map.of("name", plannedLabel, "type", "custom", "renderItem", "gantt", "encode", Map.of("x", List.of(1, 2), "y", 0),
						"itemStyle", Map.of("color", "#c4cad6"), "data", planned),
				Map.of("name", forecastLabel, "type", "custom", "renderItem", "gantt", "encode", Map.of("x", List.of(1, 2), "y", 0),
						"itemStyle", Map.of("color", "#3552d6"), "data", forecast,
						"markLine", Map.of("symbol", "none", "label", Map.of("formatter", messages.getMessage("project.today", null, locale)),
								"lineStyle", Map.of("color", "#d64545"), "data", List.of(Map.of("xAxis", millis(today)))))));
		return option;
	}

	private static void add(List<String> rows, List<Map<String, Object>> planned, List<Map<String, Object>> forecast,
			String label, LocalDate plannedStart, LocalDate plannedEnd, LocalDate start, LocalDate end, String color) {
		int row = rows.size();
		rows.add(label);
		planned.add(Map.of("value", List.of(row, millis(plannedStart), millis(plannedEnd.plusDays(1)), 1),
				"label", label.strip() + ": " + plannedStart + " → " + plannedEnd));
		forecast.add(Map.of("value", List.of(row, millis(start), millis(end.plusDays(1)), 0),
				"label", label.strip() + ": " + start + " → " + end,
				"itemStyle", Map.of("color", end.isAfter(plannedEnd) ? "#d64545" : color)));
	}

	private static long millis(LocalDate d) {
		return d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
	}
}
