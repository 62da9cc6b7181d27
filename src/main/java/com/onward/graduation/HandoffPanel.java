package com.onward.graduation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.FormChanges;
import com.onward.shared.InvalidInputException;

/**
 * The project page's handoff panel (loaded with htmx): the sales → CS handoff form, expansion
 * opportunities, the go-live readiness checklist and the hypercare window with its issues. Errors go
 * back to the project page in the user's language.
 */
@Controller
class HandoffPanel {

	/** Where hypercare stands: its window (null before go-live), whether today is inside it, its issues. */
	public record HypercareStatus(Hypercare.Window window, boolean active, List<ProjectIssues.Issue> issues) {
	}

	private final HandoffForms forms;
	private final Expansions expansions;
	private final GoLiveReadiness readiness;
	private final Hypercare hypercare;
	private final ProjectIssues issues;
	private final ReviewDecks decks;
	private final Projects projects;
	private final Clock clock;

	HandoffPanel(HandoffForms forms, Expansions expansions, GoLiveReadiness readiness, Hypercare hypercare,
			ProjectIssues issues, ReviewDecks decks, Projects projects, Clock clock) {
		this.forms = forms;
		this.expansions = expansions;
		this.readiness = readiness;
		this.hypercare = hypercare;
		this.issues = issues;
		this.decks = decks;
		this.projects = projects;
		this.clock = clock;
	}

	HypercareStatus hypercare(Project project) {
		LocalDate today = LocalDate.now(clock);
		Hypercare.Window window = hypercare.window(project).orElse(null);
		return new HypercareStatus(window, window != null && window.contains(today),
				issues.forProject(project.id()).stream().filter(ProjectIssues.Issue::hypercare).toList());
	}

	@GetMapping("/projects/{id}/handoff")
	String panel(@PathVariable UUID id, Model model) {
		Project project = projects.get(id);
		model.addAttribute("project", project);
		HandoffForms.Form form = forms.form(id);
		model.addAttribute("form", form);
		model.addAttribute("missingLabels",
				forms.labels(form.missing(), org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		model.addAttribute("fields", HandoffForms.FIELDS);
		model.addAttribute("opportunities", expansions.forProject(id));
		model.addAttribute("readiness", readiness.of(id));
		model.addAttribute("hypercare", hypercare(project));
		model.addAttribute("issueKinds", ProjectIssues.Kind.values());
		model.addAttribute("decks", decks.forProject(id));
		model.addAttribute("today", LocalDate.now(clock));
		return "graduation/handoff-panel :: panel";
	}

	@PostMapping("/projects/{id}/handoff-form")
	String saveForm(@PathVariable UUID id, @RequestParam(required = false) String useCase,
			@RequestParam(required = false) String businessProblem, @RequestParam(required = false) String successCriteria,
			@RequestParam(required = false) String timelineExpectations, @RequestParam(required = false) String stakeholders,
			@RequestParam(required = false) String promisesMade, @RequestParam(required = false) String risks,
			@RequestParam(required = false) String dependencies, RedirectAttributes redirect) {
		var in = new HandoffForms.FormInput(useCase, businessProblem, successCriteria, timelineExpectations, stakeholders,
				promisesMade, risks, dependencies);
		return FormChanges.attempt(redirect, "planError", "/projects/" + id + "#project-handoff", () -> {
			in.values().forEach((field, value) -> {
				if (value != null && value.length() > 4000) throw InvalidInputException.of(field, "size must be between 0 and 4000");
			});
			forms.save(id, in);
		});
	}

	@PostMapping("/projects/{id}/expansion-opportunities")
	String addOpportunity(@PathVariable UUID id, @RequestParam(required = false) String description,
			@RequestParam(required = false) String estimatedAcv, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "planError", "/projects/" + id + "#expansions", () -> {
			BigDecimal acv = null;
			if (estimatedAcv != null && !estimatedAcv.isBlank()) {
				acv = com.onward.shared.LocalizedNumbers.parse(estimatedAcv,
						org.springframework.context.i18n.LocaleContextHolder.getLocale());
			}
			expansions.add(id, new Expansions.NewOpportunity(description == null ? "" : description, acv));
		});
	}

	@PostMapping("/projects/{id}/expansion-opportunities/{opportunityId}/close")
	String closeOpportunity(@PathVariable UUID id, @PathVariable UUID opportunityId, @RequestParam Expansions.Status status,
			@RequestParam(required = false) String outcome, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "planError", "/projects/" + id + "#expansions", () -> {
			if (outcome != null && outcome.length() > 2000) throw InvalidInputException.of("outcome", "size must be between 0 and 2000");
			expansions.close(id, opportunityId, new Expansions.Closing(status, outcome));
		});
	}

	@PostMapping("/projects/{id}/go-live-readiness")
	String setReadiness(@PathVariable UUID id, @RequestParam String item, @RequestParam(defaultValue = "false") boolean done,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "planError", "/projects/" + id + "#go-live-readiness",
				() -> readiness.set(id, item, done, note));
	}

	@PostMapping("/projects/{id}/review-decks")
	String attachDeck(@PathVariable UUID id, @RequestParam(defaultValue = "QBR") ReviewDecks.Kind kind) {
		decks.attach(id, kind);
		return "redirect:/projects/" + id + "#review-decks";
	}

	@GetMapping("/projects/{id}/review-decks/{deckId}.pdf")
	ResponseEntity<byte[]> deck(@PathVariable UUID id, @PathVariable UUID deckId) {
		return pdf(decks.pdf(id, deckId), "review-deck.pdf");
	}

	@GetMapping("/projects/{id}/review-deck.pdf")
	ResponseEntity<byte[]> freshDeck(@PathVariable UUID id,
			@RequestParam(defaultValue = "COMPLETION_REVIEW") ReviewDecks.Kind kind) {
		return pdf(decks.render(id, kind), "review-deck-" + kind.name().toLowerCase().replace('_', '-') + ".pdf");
	}

	private static ResponseEntity<byte[]> pdf(byte[] pdf, String name) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(pdf);
	}
}
