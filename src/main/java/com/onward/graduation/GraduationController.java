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
	private final Extensions extensions;
	private final Handoffs handoffs;
	private final Graduations graduations;
	private final java.time.Clock clock;
	private final ReadinessView readiness;
	private final com.onward.team.Team team;
	private final GraduationGuard guard;
	private final ReviewDecks decks;

	GraduationController(Graduation graduation, Suggestions suggestions, Checklist checklist, Projects projects,
			Accounts accounts, MessageSource messages, Extensions extensions, Handoffs handoffs, Graduations graduations,
			ReadinessView readiness, com.onward.team.Team team, GraduationGuard guard, java.time.Clock clock,
			ReviewDecks decks) {
		this.decks = decks;
		this.clock = clock;
		this.readiness = readiness;
		this.team = team;
		this.guard = guard;
		this.extensions = extensions;
		this.handoffs = handoffs;
		this.graduations = graduations;
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
		var suggested = suggestions.suggest(project, projects.today());
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
		Extensions.Overview overview = extensions.overview(project);
		model.addAttribute("currentTarget", overview.currentTarget());
		model.addAttribute("daysPastTarget", overview.daysPastTarget());
		model.addAttribute("extensions", overview.extensions());
		model.addAttribute("recovery", overview.recovery());
		model.addAttribute("recoveryRequired", overview.recoveryRequired());
		model.addAttribute("review", extensions.review(project));
		model.addAttribute("reviewDeck", decks.latest(id, ReviewDecks.Kind.COMPLETION_REVIEW).orElse(null));
		model.addAttribute("handoffs", handoffs.forProject(id));
		model.addAttribute("now", clock.instant());
		model.addAttribute("graduated", graduations.find(id).orElse(null));
		readiness.addTo(model, project, history.isEmpty() ? null : history.getFirst(), locale);
		// Graduating cannot be undone: the form is prefilled with the account's CSM, says how early it
		// would be and shows the email the customer will get.
		var account = accounts.get(project.accountId());
		String ongoingCsm = null;
		if (account.ownerCsmId() != null) {
			try {
				ongoingCsm = team.member(account.ownerCsmId()).name();
			}
			catch (RuntimeException e) {
				// a CSM no longer on the team: nobody to prefill
			}
		}
		model.addAttribute("defaultOngoingCsm", ongoingCsm);
		model.addAttribute("early", guard.early(project, LocalDate.now(clock)).orElse(null));
		model.addAttribute("managers", guard.managers());
		model.addAttribute("celebrationPreview", graduations.preview(id, ongoingCsm, true));
		model.addAttribute("checkIns", Extensions.CheckIn.values());
		model.addAttribute("rootCauses", Extensions.RootCause.values());
		return "graduation/graduation";
	}

	/** Scores as entered; a score that differs from its suggestion needs a note saying why. */
	@PostMapping("/projects/{id}/scorecard")
	String score(@PathVariable UUID id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Project project = projects.get(id);
		var suggested = suggestions.suggest(project, projects.today());
		var scores = new EnumMap<Dimension, BigDecimal>(Dimension.class);
		boolean adjusted = false;
		for (Dimension d : Dimension.values()) {
			String raw = form.get(d.name().toLowerCase());
			BigDecimal value;
			try {
				// Read as the person writes numbers: 8,5 in Bahasa Indonesia, 8.5 in English.
				value = com.onward.shared.LocalizedNumbers.parse(raw,
						org.springframework.context.i18n.LocaleContextHolder.getLocale());
				if (value == null) throw new NumberFormatException("blank");
			}
			catch (IllegalArgumentException e) {
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
			@RequestParam(required = false) String evidenceUrl, RedirectAttributes redirect) {
		projects.get(id);
		return com.onward.shared.FormChanges.attempt(redirect, "scoreError", "/projects/" + id + "/graduation#checklist",
				() -> checklist.set(id, item, done, evidenceUrl));
	}

	@PostMapping("/projects/{id}/extensions")
	String extend(@PathVariable UUID id, @RequestParam String reason, @RequestParam String mustHappen,
			@RequestParam @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate newTarget,
			@RequestParam Extensions.CheckIn checkIn, @RequestParam String informed, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> {
			if (reason.isBlank() || mustHappen.isBlank() || informed.isBlank()) {
				throw com.onward.shared.InvalidInputException.of("reason", "reason, what must happen and who was informed are required");
			}
			extensions.extend(id, new Extensions.NewExtension(reason, mustHappen, newTarget, checkIn, informed));
		});
	}

	@PostMapping("/projects/{id}/extensions/{extensionId}/decision")
	String decide(@PathVariable UUID id, @PathVariable UUID extensionId, @RequestParam boolean approve,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> extensions.decide(id, extensionId, new Extensions.Decision(approve, note)));
	}

	@PostMapping("/projects/{id}/recovery-plan")
	String recover(@PathVariable UUID id, @RequestParam Extensions.RootCause rootCause, @RequestParam String rootCauseDetail,
			@RequestParam @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate revisedTarget,
			@RequestParam(required = false) String reducedScope, @RequestParam String intensity,
			@RequestParam String minimumViableSuccess, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> {
			if (rootCauseDetail.isBlank() || intensity.isBlank() || minimumViableSuccess.isBlank()) {
				throw com.onward.shared.InvalidInputException.of("rootCauseDetail", "all fields but reduced scope are required");
			}
			extensions.recover(id, new Extensions.NewRecovery(rootCause, rootCauseDetail, revisedTarget, reducedScope,
					intensity, minimumViableSuccess));
		});
	}

	@PostMapping("/projects/{id}/completion-review")
	String review(@PathVariable UUID id,
			@RequestParam @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate scheduledOn,
			@RequestParam(defaultValue = "false") boolean customerSignOff, @RequestParam(required = false) String signedOffBy,
			@RequestParam(required = false) String transitionPlan, @RequestParam(required = false) String documentationUrl,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> extensions.recordReview(id, new Extensions.ReviewRecord(scheduledOn,
				customerSignOff, signedOffBy, transitionPlan, documentationUrl)));
	}

	@PostMapping("/projects/{id}/handoffs/{kind}")
	String completeHandoff(@PathVariable UUID id, @PathVariable Handoffs.Kind kind,
			@RequestParam(required = false) String toOwner, @RequestParam(required = false) String notes,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> handoffs.complete(id, kind, toOwner, notes));
	}

	@PostMapping("/projects/{id}/graduate")
	String graduate(@PathVariable UUID id, @RequestParam(required = false) String ongoingCsm,
			@RequestParam(defaultValue = "false") boolean requestTestimonial,
			@RequestParam(required = false) String approvedBy, @RequestParam(required = false) String earlyReason,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> graduations.graduate(id,
				new Graduations.Graduate(ongoingCsm, requestTestimonial, approvedBy, earlyReason)));
	}

	private String attempt(UUID id, RedirectAttributes redirect, Runnable change) {
		return com.onward.shared.FormChanges.attempt(redirect, "scoreError", "/projects/" + id + "/graduation", change);
	}

	private String error(UUID id, RedirectAttributes redirect, String key, Dimension d) {
		Locale locale = LocaleContextHolder.getLocale();
		String dimension = d == null ? "" : messages.getMessage("dimension." + d.name(), null, d.name(), locale);
		redirect.addFlashAttribute("scoreError", messages.getMessage(key, new Object[] { dimension }, locale));
		return "redirect:/projects/" + id + "/graduation";
	}
}
