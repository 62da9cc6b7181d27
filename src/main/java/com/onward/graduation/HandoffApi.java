package com.onward.graduation;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.onboarding.Projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Handoffs with substance: the sales → CS handoff form (required before the kickoff), expansion
 * opportunities, the go-live readiness checklist (required before go-live), the hypercare window and
 * the review deck PDF.
 */
@RestController
@RequestMapping("/api/v1/projects/{id}")
@Tag(name = "Handoffs and go-live")
class HandoffApi {

	record ReadinessInput(@NotNull Boolean done, @Size(max = 2000) String note) {
	}

	record ReadinessView(List<GoLiveReadiness.Check> items, List<String> missing, boolean complete) {
	}

	record HypercareView(boolean active, java.time.LocalDate from, java.time.LocalDate until,
			List<ProjectIssues.Issue> issues) {
	}

	private final HandoffForms forms;
	private final Expansions expansions;
	private final GoLiveReadiness readiness;
	private final HandoffPanel panel;
	private final ReviewDecks decks;
	private final Projects projects;

	HandoffApi(HandoffForms forms, Expansions expansions, GoLiveReadiness readiness, HandoffPanel panel,
			ReviewDecks decks, Projects projects) {
		this.forms = forms;
		this.expansions = expansions;
		this.readiness = readiness;
		this.panel = panel;
		this.decks = decks;
		this.projects = projects;
	}

	@GetMapping("/handoff-form")
	@Operation(summary = "The sales → CS handoff form: as saved, or prefilled from the contract (saved=false); missing lists the required fields still empty")
	HandoffForms.Form form(@PathVariable UUID id) {
		return forms.form(id);
	}

	@PutMapping("/handoff-form")
	@Operation(summary = "Save the whole handoff form; the kickoff milestone cannot be completed while a required field is empty (422 naming them)")
	HandoffForms.Form saveForm(@PathVariable UUID id, @Valid @RequestBody HandoffForms.FormInput body) {
		return forms.save(id, body);
	}

	@GetMapping("/expansion-opportunities")
	@Operation(summary = "Expansion opportunities recorded during onboarding, open ones first")
	List<Expansions.Opportunity> opportunities(@PathVariable UUID id) {
		projects.get(id);
		return expansions.forProject(id);
	}

	@PostMapping("/expansion-opportunities")
	@Operation(summary = "Record an expansion opportunity; the open ones go into the graduation handoff package")
	ResponseEntity<Expansions.Opportunity> addOpportunity(@PathVariable UUID id,
			@Valid @RequestBody Expansions.NewOpportunity body) {
		return ResponseEntity.status(201).body(expansions.add(id, body));
	}

	@PostMapping("/expansion-opportunities/{opportunityId}/close")
	@Operation(summary = "Close an expansion opportunity as WON or LOST")
	Expansions.Opportunity closeOpportunity(@PathVariable UUID id, @PathVariable UUID opportunityId,
			@Valid @RequestBody Expansions.Closing body) {
		return expansions.close(id, opportunityId, body);
	}

	@GetMapping("/go-live-readiness")
	@Operation(summary = "The go-live readiness checklist; the go-live milestone needs every item done")
	ReadinessView readiness(@PathVariable UUID id) {
		projects.get(id);
		var items = readiness.of(id);
		var missing = items.stream().filter(c -> !c.done()).map(GoLiveReadiness.Check::item).toList();
		return new ReadinessView(items, missing, missing.isEmpty());
	}

	@PutMapping("/go-live-readiness/{item}")
	@Operation(summary = "Tick (or untick) one item of the go-live readiness checklist")
	GoLiveReadiness.Check setReadiness(@PathVariable UUID id, @PathVariable String item,
			@Valid @RequestBody ReadinessInput body) {
		return readiness.set(id, item, body.done(), body.note());
	}

	@GetMapping("/hypercare")
	@Operation(summary = "The hypercare window after go-live (null dates before go-live) and the issues logged during it, each with its resolution target")
	HypercareView hypercare(@PathVariable UUID id) {
		HandoffPanel.HypercareStatus h = panel.hypercare(projects.get(id));
		return new HypercareView(h.active(), h.window() == null ? null : h.window().from(),
				h.window() == null ? null : h.window().until(), h.issues());
	}

	@GetMapping(value = "/review-deck.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The review deck PDF in the account's language: the one kept with the completion review, or (kind=QBR, or fresh=true) generated now")
	ResponseEntity<byte[]> deck(@PathVariable UUID id, @RequestParam(defaultValue = "COMPLETION_REVIEW") ReviewDecks.Kind kind,
			@RequestParam(defaultValue = "false") boolean fresh) {
		projects.get(id);
		byte[] pdf = fresh ? decks.render(id, kind)
				: decks.latest(id, kind).map(d -> decks.pdf(id, d.id())).orElseGet(() -> decks.render(id, kind));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("review-deck-" + kind.name().toLowerCase().replace('_', '-') + ".pdf").build().toString())
			.body(pdf);
	}

	@PostMapping("/review-decks")
	@Operation(summary = "Generate a review deck (e.g. for a quarterly business review) and keep it with the project")
	ResponseEntity<ReviewDecks.Deck> attachDeck(@PathVariable UUID id,
			@RequestParam(defaultValue = "QBR") ReviewDecks.Kind kind) {
		return ResponseEntity.status(201).body(decks.attach(id, kind));
	}

	@GetMapping("/review-decks")
	@Operation(summary = "The review decks kept with the project, newest first")
	List<ReviewDecks.Deck> decks(@PathVariable UUID id) {
		projects.get(id);
		return decks.forProject(id);
	}
}
