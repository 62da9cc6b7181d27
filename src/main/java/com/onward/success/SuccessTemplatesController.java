package com.onward.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.account.ProductType;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.FormChanges;

/**
 * The success-criteria templates and the quick-win idea library in the staff UI: browsed by product type, and,
 * opened from a project's success plan, applied to it the way the API does (a criterion from a template, a
 * planned quick win from an idea), in the account's language.
 */
@Controller
class SuccessTemplatesController {

	private final SuccessTemplates templates;
	private final Projects projects;
	private final Accounts accounts;

	SuccessTemplatesController(SuccessTemplates templates, Projects projects, Accounts accounts) {
		this.templates = templates;
		this.projects = projects;
		this.accounts = accounts;
	}

	@GetMapping("/success-templates")
	String page(@RequestParam(required = false) ProductType productType, @RequestParam(required = false) UUID projectId,
			Model model) {
		ProductType type = productType;
		if (projectId != null) {
			Project project = projects.get(projectId);
			Account account = accounts.get(project.accountId());
			model.addAttribute("project", project);
			model.addAttribute("account", account);
			// The project's language is the one its criteria and quick wins will be written in.
			model.addAttribute("projectLocale", Locale.forLanguageTag(account.language()));
			if (type == null) type = account.productType();
		}
		model.addAttribute("productType", type);
		model.addAttribute("productTypes", ProductType.values());
		model.addAttribute("templates", templates.templates(type, null));
		model.addAttribute("ideas", templates.ideas(null));
		model.addAttribute("horizons", java.util.List.of(30, 60, 90));
		return "success/templates";
	}

	@PostMapping("/projects/{id}/success-criteria/from-template")
	String fromTemplate(@PathVariable UUID id, @RequestParam UUID templateId,
			@RequestParam(required = false) BigDecimal baseline, @RequestParam(required = false) BigDecimal target,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadline,
			RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "templateError", "/success-templates?projectId=" + id + "#template-" + templateId,
				() -> {
					Criterion c = templates.apply(id, new SuccessTemplates.FromTemplate(templateId, baseline, target, deadline));
					redirect.addFlashAttribute("templateApplied", c.kpi());
				});
	}

	@PostMapping("/projects/{id}/quick-wins/from-idea")
	String fromIdea(@PathVariable UUID id, @RequestParam UUID ideaId, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "templateError", "/success-templates?projectId=" + id + "#quick-win-ideas",
				() -> redirect.addFlashAttribute("ideaApplied", templates.applyIdea(id, ideaId).title()));
	}
}
