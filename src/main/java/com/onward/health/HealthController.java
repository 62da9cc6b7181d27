package com.onward.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.account.Accounts;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Segment;

/**
 * Staff pages: an account's health ("why is this 72?") with its trend (drawn on the server, see {@link HealthTrend}), flags, corrective
 * actions, indicators and guidance; the red flags across the portfolio; a project's risk
 * register with its probability × impact grid.
 */
@Controller
class HealthController {

	private final Health health;
	private final HealthView view;
	private final Risks risks;
	private final CorrectiveActions actions;
	private final Escalations escalations;
	private final Accounts accounts;
	private final Projects projects;
	private final MessageSource messages;
	private final HealthProperties props;

	HealthController(Health health, HealthView view, Risks risks, CorrectiveActions actions, Escalations escalations,
			Accounts accounts, Projects projects, MessageSource messages, HealthProperties props) {
		this.escalations = escalations;
		this.health = health;
		this.view = view;
		this.risks = risks;
		this.actions = actions;
		this.accounts = accounts;
		this.projects = projects;
		this.messages = messages;
		this.props = props;
	}

	@GetMapping("/accounts/{id}/health")
	String health(@PathVariable UUID id, Model model) {
		model.addAttribute("account", accounts.get(id));
		Health.Stored stored = health.current(id);
		HealthView.View v = view.of(stored, health.weekBefore(id, stored.asOf()).orElse(null), health.openFlags(id),
				stored.indicators());
		model.addAttribute("health", v);
		model.addAttribute("updatingSince", health.staleSince(id).orElse(null));
		model.addAttribute("trend", HealthTrend.of(health.history(id, 90), props.greenFrom(), props.yellowFrom()));
		model.addAttribute("actions", actions.forAccount(id));
		model.addAttribute("escalations", escalations.forAccount(id));
		model.addAttribute("today", projects.today());
		model.addAttribute("defaultDue", projects.today().plusDays(7));
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("clearedFlags", health.flagHistory(id).stream().filter(f -> f.clearedAt() != null).limit(10)
			.map(f -> view.flag(f, locale)).toList());
		return "health/health";
	}

	/** The small health card on the account page. */
	@GetMapping("/accounts/{id}/health/summary")
	String summary(@PathVariable UUID id, Model model) {
		Health.Stored stored = health.current(id);
		model.addAttribute("accountId", id);
		model.addAttribute("updatingSince", health.staleSince(id).orElse(null));
		model.addAttribute("health", view.of(stored, health.weekBefore(id, stored.asOf()).orElse(null),
				health.openFlags(id), List.of()));
		return "health/summary :: card";
	}

	@PostMapping("/accounts/{id}/health/recompute")
	String recompute(@PathVariable UUID id) {
		health.recompute(List.of(id));
		return "redirect:/accounts/" + id + "/health";
	}

	@PostMapping("/accounts/{id}/flags/{flagId}/resolve")
	String resolveFlag(@PathVariable UUID id, @PathVariable UUID flagId, RedirectAttributes redirect) {
		return com.onward.shared.FormChanges.attempt(redirect, "actionError", "/accounts/" + id + "/health",
				() -> health.resolve(id, flagId));
	}

	@PostMapping("/accounts/{id}/corrective-actions")
	String openAction(@PathVariable UUID id, @RequestParam UUID flagId, @RequestParam String owner,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		if (owner == null || owner.isBlank()) {
			redirect.addFlashAttribute("actionError", messages.getMessage("health.action.ownerRequired", null,
					LocaleContextHolder.getLocale()));
			return "redirect:/accounts/" + id + "/health";
		}
		try {
			actions.open(id, new CorrectiveActions.NewAction(flagId, owner, dueDate, note));
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("actionError", messages.getMessage("health.action.dueInPast", null,
					LocaleContextHolder.getLocale()));
		}
		return "redirect:/accounts/" + id + "/health";
	}

	@PostMapping("/accounts/{id}/corrective-actions/{actionId}")
	String closeAction(@PathVariable UUID id, @PathVariable UUID actionId, @RequestParam CorrectiveActions.Status status) {
		actions.close(id, actionId, status);
		return "redirect:/accounts/" + id + "/health";
	}

	@GetMapping("/red-flags")
	String redFlags(@RequestParam(required = false) FlagCategory category, @RequestParam(required = false) Segment segment,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		Health.FlagSort order = Health.FlagSort.of(sort, dir);
		model.addAttribute("sort", order);
		model.addAttribute("flags", health.openFlags(category, segment == null ? null : segment.name(), order, Math.max(0, page), 50)
			.map(p -> Map.of("flag", view.flag(p.flag(), locale), "account", p)));
		model.addAttribute("counts", health.openFlagCounts());
		model.addAttribute("categories", FlagCategory.values());
		model.addAttribute("segments", Segment.values());
		model.addAttribute("category", category);
		model.addAttribute("segment", segment);
		return "health/red-flags";
	}

	@GetMapping("/projects/{id}/risks")
	String risks(@PathVariable UUID id, Model model) {
		var project = projects.get(id);
		model.addAttribute("project", project);
		model.addAttribute("account", accounts.get(project.accountId()));
		List<Risk> list = risks.forProject(id);
		model.addAttribute("risks", list);
		model.addAttribute("reviews", risks.reviewsOf(id));
		// grid[impact 5..1][probability 1..5] = the risks in that cell (numbered by position).
		var grid = new ArrayList<List<List<Integer>>>();
		for (int impact = 5; impact >= 1; impact--) {
			var row = new ArrayList<List<Integer>>();
			for (int probability = 1; probability <= 5; probability++) {
				int i = impact;
				int p = probability;
				row.add(list.stream().filter(r -> r.impact() == i && r.probability() == p && r.status() != Risk.RiskStatus.CLOSED)
					.map(r -> r.position() + 1).toList());
			}
			grid.add(row);
		}
		model.addAttribute("grid", grid);
		model.addAttribute("statuses", Risk.RiskStatus.values());
		return "health/risks";
	}

	@PostMapping("/projects/{id}/risks/{riskId}")
	String reviewRisk(@PathVariable UUID id, @PathVariable UUID riskId, @RequestParam int probability,
			@RequestParam int impact, @RequestParam(required = false) String mitigation,
			@RequestParam(required = false) String owner, @RequestParam Risk.RiskStatus status,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		if (probability < 1 || probability > 5 || impact < 1 || impact > 5) {
			redirect.addFlashAttribute("riskError", messages.getMessage("risk.scoreRange", null,
					LocaleContextHolder.getLocale()));
			return "redirect:/projects/" + id + "/risks";
		}
		risks.update(id, riskId, new Risks.RiskUpdate(probability, impact, mitigation, owner, status, note));
		return "redirect:/projects/" + id + "/risks";
	}

	@PostMapping("/projects/{id}/risks")
	String addRisk(@PathVariable UUID id, @RequestParam String title, @RequestParam int probability,
			@RequestParam int impact, @RequestParam(required = false) String mitigation,
			@RequestParam(required = false) String owner, RedirectAttributes redirect) {
		if (title == null || title.isBlank() || probability < 1 || probability > 5 || impact < 1 || impact > 5) {
			redirect.addFlashAttribute("riskError", messages.getMessage("risk.invalid", null,
					LocaleContextHolder.getLocale()));
			return "redirect:/projects/" + id + "/risks";
		}
		risks.add(id, new Risks.NewRisk(title, probability, impact, mitigation, owner));
		return "redirect:/projects/" + id + "/risks";
	}
}
