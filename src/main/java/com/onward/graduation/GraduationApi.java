package com.onward.graduation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/projects/{id}")
@Tag(name = "Graduation")
class GraduationApi {

	/** Each dimension 0–10 (decimals allowed); the note says why when the CSM adjusts a suggestion. */
	record ScoreInput(@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal technical,
			@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal knowledge,
			@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal adoption,
			@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal value,
			@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal stakeholder, @Size(max = 2000) String note) {
	}

	record BlockerView(String code, String category, String title, String detail) {
	}

	/** {@code belowFloor} and {@code standingInTheWay} say exactly what keeps the project from READY. */
	record ScorecardView(UUID id, UUID projectId, BigDecimal total, Verdict verdict, List<BlockerView> blockers,
			Map<Dimension, BigDecimal> scores, BigDecimal floor, List<Dimension> belowFloor,
			List<String> standingInTheWay, String note, String createdBy, java.time.Instant createdAt) {
	}

	private final Graduation graduation;
	private final Graduations graduations;
	private final Extensions extensions;
	private final Handoffs handoffs;
	private final com.onward.onboarding.Projects projects;
	private final MessageSource messages;
	private final ReadinessTexts texts;

	GraduationApi(Graduation graduation, Graduations graduations, Extensions extensions, Handoffs handoffs,
			com.onward.onboarding.Projects projects, MessageSource messages, ReadinessTexts texts) {
		this.texts = texts;
		this.graduation = graduation;
		this.graduations = graduations;
		this.extensions = extensions;
		this.handoffs = handoffs;
		this.projects = projects;
		this.messages = messages;
	}

	@PostMapping("/graduate")
	@Operation(summary = "Graduate a READY project: celebration message with achievements, testimonial request, handoff to the ongoing CSM, steady-state cadence (GRD-7)")
	Graduations.Graduated graduate(@PathVariable UUID id, @Valid @RequestBody(required = false) Graduations.Graduate body) {
		return graduations.graduate(id, body == null ? new Graduations.Graduate(null, null) : body);
	}

	@GetMapping("/graduation")
	org.springframework.http.ResponseEntity<Graduations.Graduated> graduation(@PathVariable UUID id) {
		projects.get(id);
		return org.springframework.http.ResponseEntity
			.ok(graduations.find(id).orElseThrow(() -> new com.onward.shared.NotFoundException("Graduation of project", id)));
	}

	@PostMapping("/extensions")
	@Operation(summary = "Extend the target (GRD-5): reason, what must happen, new target, check-ins, who was informed; beyond the cap it escalates")
	org.springframework.http.ResponseEntity<Extensions.Extension> extend(@PathVariable UUID id,
			@Valid @RequestBody Extensions.NewExtension body) {
		return org.springframework.http.ResponseEntity.status(201).body(extensions.extend(id, body));
	}

	@GetMapping("/extensions")
	List<Extensions.Extension> extensions(@PathVariable UUID id) {
		projects.get(id);
		return extensions.extensions(id);
	}

	@PostMapping("/extensions/{extensionId}/decision")
	@Operation(summary = "A CS manager approves or rejects an escalated extension")
	Extensions.Extension decide(@PathVariable UUID id, @PathVariable UUID extensionId,
			@Valid @RequestBody Extensions.Decision body) {
		return extensions.decide(id, extensionId, body);
	}

	@PostMapping("/recovery-plan")
	@Operation(summary = "A recovery plan for a project 30+ days past its target (GRD-6)")
	org.springframework.http.ResponseEntity<Extensions.Recovery> recover(@PathVariable UUID id,
			@Valid @RequestBody Extensions.NewRecovery body) {
		return org.springframework.http.ResponseEntity.status(201).body(extensions.recover(id, body));
	}

	@GetMapping("/completion-review")
	Extensions.Review review(@PathVariable UUID id) {
		return extensions.review(projects.get(id));
	}

	@org.springframework.web.bind.annotation.PutMapping("/completion-review")
	Extensions.Review recordReview(@PathVariable UUID id, @Valid @RequestBody Extensions.ReviewRecord body) {
		return extensions.recordReview(id, body);
	}

	@GetMapping("/handoffs")
	List<Handoffs.Handoff> handoffs(@PathVariable UUID id) {
		projects.get(id);
		return handoffs.forProject(id);
	}

	record HandoffCompletion(@Size(max = 200) String toOwner, @Size(max = 4000) String notes) {
	}

	@PostMapping("/handoffs/{kind}/complete")
	Handoffs.Handoff completeHandoff(@PathVariable UUID id, @PathVariable Handoffs.Kind kind,
			@Valid @RequestBody(required = false) HandoffCompletion body) {
		projects.get(id);
		return handoffs.complete(id, kind, body == null ? null : body.toOwner(), body == null ? null : body.notes());
	}

	@PostMapping("/scorecard")
	@Operation(summary = "Score a project's readiness to graduate: weighted total, verdict and blocking red flags (GRD-2, GRD-3)")
	ScorecardView score(@PathVariable UUID id, @Valid @RequestBody ScoreInput in) {
		return view(graduation.score(id, Scorecard.scores(in.technical(), in.knowledge(), in.adoption(), in.value(),
				in.stakeholder()), in.note()));
	}

	@GetMapping("/scorecards")
	@Operation(summary = "Every scorecard given for the project, newest first")
	List<ScorecardView> history(@PathVariable UUID id) {
		return graduation.history(id).stream().map(this::view).toList();
	}

	private ScorecardView view(Graduation.Card c) {
		Locale locale = LocaleContextHolder.getLocale();
		return new ScorecardView(c.id(), c.projectId(), Scorecard.shown(c.total()), c.verdict(),
				c.blockers().stream().map(b -> new BlockerView(b.code(), b.category(), messages.getMessage(
						com.onward.health.FlagTexts.titleKey(b.code()), null, b.code(), locale), b.detail())).toList(),
				c.scores(), graduation.floor(), c.belowFloor(), texts.standingInTheWay(c, locale), c.note(),
				c.createdBy(), c.createdAt());
	}
}
