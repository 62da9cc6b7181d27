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

	record BlockerView(String code, String category, String title) {
	}

	record ScorecardView(UUID id, UUID projectId, BigDecimal total, Verdict verdict, List<BlockerView> blockers,
			Map<Dimension, BigDecimal> scores, String note, String createdBy, java.time.Instant createdAt) {
	}

	private final Graduation graduation;
	private final MessageSource messages;

	GraduationApi(Graduation graduation, MessageSource messages) {
		this.graduation = graduation;
		this.messages = messages;
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
						"flag." + (b.code().startsWith("EARLY_WARNING_WEEK_") ? "EARLY_WARNING" : b.code()) + ".title", null,
						b.code(), locale))).toList(),
				c.scores(), c.note(), c.createdBy(), c.createdAt());
	}
}
