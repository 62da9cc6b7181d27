package com.onward.graduation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.account.Accounts;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;

/**
 * The graduation page: each dimension's suggested score with its evidence, adjustable with a
 * required note, the verdict and blockers, the scorecard history and the GRD-1 checklist.
 */
@Controller
class GraduationController {

	private final Graduation graduation;
	private final Suggestions suggestions;
	private final Checklist checklist;
	private final Projects projects;
	private final Accounts accounts;
	private final MessageSource messages;

	GraduationController(Graduation graduation, Suggestions suggestions, Checklist checklist, Projects projects,
			Accounts accounts, MessageSource messages) {
		this.graduation = graduation;
		this.suggestions = suggestions;
		this.checklist = checklist;
		this.projects = projects;
		this.accounts = accounts;
		this.messages = messages;
	}

	@GetMapping("/projects/{id}/graduation")
	String page(@PathVariable UUID id, Model model) {
		Project project = projects.get(id);
		Locale locale = LocaleContextHolder.getLocale();
		var suggested = suggestions.suggest(project, LocalDate.now());
		var evidence = new EnumMap<Dimension, String>(Dimension.class);
		suggested.forEach((d, s) -> evidence.put(d, messages.getMessage(s.evidenceKey(), s.evidence().toArray(),
				s.evidenceKey(), locale)));
		var history = graduation.history(id);
		model.addAttribute("project", project);
		model.addAttribute("account", accounts.get(project.accountId()));
		model.addAttribute("dimensions", Dimension.values());
		model.addAttribute("suggested", suggested);
		model.addAttribute("evidence", evidence);
		model.addAttribute("latest", history.isEmpty() ? null : history.getFirst());
		model.addAttribute("history", history);
		model.addAttribute("blockers", graduation.blockers(project));
		model.addAttribute("checklist", checklist.of(id));
		return "graduation/graduation";
	}

	/** Scores as entered; a score that differs from its suggestion needs a note saying why. */
	@PostMapping("/projects/{id}/scorecard")
	String score(@PathVariable UUID id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Project project = projects.get(id);
		var suggested = suggestions.suggest(project, LocalDate.now());
		var scores = new EnumMap<Dimension, BigDecimal>(Dimension.class);
		boolean adjusted = false;
		for (Dimension d : Dimension.values()) {
			String raw = form.get(d.name().toLowerCase());
			BigDecimal value;
			try {
				value = new BigDecimal(raw == null ? "" : raw.strip());
			}
			catch (NumberFormatException e) {
				return error(id, redirect, "graduation.error.score", d);
			}
			if (value.signum() < 0 || value.compareTo(BigDecimal.TEN) > 0) {
				return error(id, redirect, "graduation.error.score", d);
			}
			BigDecimal suggestion = suggested.get(d).score();
			adjusted |= suggestion != null && suggestion.compareTo(value) != 0;
			scores.put(d, value);
		}
		String note = form.getOrDefault("note", "").strip();
		if (adjusted && note.isEmpty()) {
			return error(id, redirect, "graduation.error.note", null);
		}
		graduation.score(id, scores, note);
		return "redirect:/projects/" + id + "/graduation";
	}

	@PostMapping("/projects/{id}/checklist")
	String check(@PathVariable UUID id, @RequestParam String item, @RequestParam(defaultValue = "false") boolean done,
			@RequestParam(required = false) String evidenceUrl) {
		projects.get(id);
		checklist.set(id, item, done, evidenceUrl);
		return "redirect:/projects/" + id + "/graduation#checklist";
	}

	private String error(UUID id, RedirectAttributes redirect, String key, Dimension d) {
		Locale locale = LocaleContextHolder.getLocale();
		String dimension = d == null ? "" : messages.getMessage("dimension." + d.name(), null, d.name(), locale);
		redirect.addFlashAttribute("scoreError", messages.getMessage(key, new Object[] { dimension }, locale));
		return "redirect:/projects/" + id + "/graduation";
	}
}
