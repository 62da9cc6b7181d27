package com.onward.health;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.PageResult;
import com.onward.shared.Segment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Health, red flags and risks")
class HealthApi {

	record StatusChange(@NotNull CorrectiveActions.Status status) {
	}

	record PortfolioFlagView(HealthView.FlagView flag, UUID accountId, String accountName, String segment, Integer score,
			HealthBand band) {
	}

	private final Health health;
	private final HealthView view;
	private final Risks risks;
	private final CorrectiveActions actions;
	private final Escalations escalations;

	HealthApi(Health health, HealthView view, Risks risks, CorrectiveActions actions, Escalations escalations) {
		this.escalations = escalations;
		this.health = health;
		this.view = view;
		this.risks = risks;
		this.actions = actions;
	}

	@GetMapping("/accounts/{id}/health")
	@Operation(summary = "The account's health score, explained: components with inputs, contribution, change and what would raise it; open red flags")
	HealthView.View health(@PathVariable UUID id) {
		return viewOf(id);
	}

	@PostMapping("/flags/{flagId}/resolve")
	@Operation(summary = "Resolve a follow-up flag an automation rule raised (the health rules' flags clear themselves)")
	void resolveFlag(@PathVariable UUID flagId) {
		health.resolve(flagId);
	}

	@PostMapping("/accounts/{id}/health/recompute")
	@Operation(summary = "Recompute one account's health and flags now")
	HealthView.View recompute(@PathVariable UUID id) {
		health.recompute(List.of(id));
		return viewOf(id);
	}

	@PostMapping("/health/recompute")
	@Operation(summary = "Recompute every account's health and flags now (admin)")
	Health.RecomputeResult recomputeAll() {
		return health.recomputeAll();
	}

	@GetMapping("/accounts/{id}/health/history")
	List<Health.HistoryPoint> history(@PathVariable UUID id, @RequestParam(defaultValue = "90") @Min(1) @Max(730) int days) {
		health.current(id);
		return health.history(id, days);
	}

	@GetMapping("/accounts/{id}/red-flags")
	@Operation(summary = "The account's red flags, open and cleared, newest first")
	List<HealthView.FlagView> flags(@PathVariable UUID id) {
		health.current(id);
		Locale locale = LocaleContextHolder.getLocale();
		return health.flagHistory(id).stream().map(f -> view.flag(f, locale)).toList();
	}

	@GetMapping("/red-flags")
	@Operation(summary = "Open red flags across the portfolio, filtered by category and segment")
	PageResult<PortfolioFlagView> openFlags(@RequestParam(required = false) FlagCategory category,
			@RequestParam(required = false) Segment segment, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir) {
		Locale locale = LocaleContextHolder.getLocale();
		if (sort != null && !Health.FlagSort.COLUMNS.contains(sort)) {
			throw com.onward.shared.InvalidInputException.of("sort", "one of " + Health.FlagSort.COLUMNS);
		}
		if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
			throw com.onward.shared.InvalidInputException.of("dir", "asc or desc");
		}
		return health.openFlags(category, segment == null ? null : segment.name(),
				sort == null ? Health.FlagSort.NEWEST : Health.FlagSort.of(sort, dir == null ? "asc" : dir), page, size)
			.map(p -> new PortfolioFlagView(view.flag(p.flag(), locale), p.flag().accountId(), p.accountName(),
					p.segment(), p.score(), p.band()));
	}

	@PostMapping("/accounts/{id}/corrective-actions")
	@Operation(summary = "Open a corrective action from a red flag (HLT-4)")
	ResponseEntity<CorrectiveActions.Action> openAction(@PathVariable UUID id,
			@Valid @RequestBody CorrectiveActions.NewAction body) {
		var action = actions.open(id, body);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id + "/corrective-actions/" + action.id()))
			.body(action);
	}

	@GetMapping("/accounts/{id}/corrective-actions")
	List<CorrectiveActions.Action> actions(@PathVariable UUID id) {
		return actions.forAccount(id);
	}

	@PatchMapping("/accounts/{id}/corrective-actions/{actionId}")
	CorrectiveActions.Action closeAction(@PathVariable UUID id, @PathVariable UUID actionId,
			@Valid @RequestBody StatusChange body) {
		return actions.close(id, actionId, body.status());
	}

	@PostMapping("/accounts/{id}/escalations")
	@Operation(summary = "Record an escalation to executives (who raised it, to whom, what, when); the account's red flag stays open until it is resolved")
	ResponseEntity<Escalations.Escalation> escalate(@PathVariable UUID id,
			@Valid @RequestBody Escalations.NewEscalation body) {
		var e = escalations.record(id, body);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id + "/escalations/" + e.id())).body(e);
	}

	@GetMapping("/accounts/{id}/escalations")
	@Operation(summary = "The account's escalations to executives, newest first")
	List<Escalations.Escalation> escalations(@PathVariable UUID id) {
		return escalations.forAccount(id);
	}

	@GetMapping("/escalations")
	@Operation(summary = "Every open escalation to executives across the portfolio, oldest first, with the account's owning CSM")
	List<Escalations.OpenEscalation> openEscalations() {
		return escalations.open();
	}

	@PostMapping("/accounts/{id}/escalations/{escalationId}/resolve")
	@Operation(summary = "Resolve an escalation with what was done; its red flag clears")
	Escalations.Escalation resolveEscalation(@PathVariable UUID id, @PathVariable UUID escalationId,
			@Valid @RequestBody Escalations.Resolution body) {
		return escalations.resolve(id, escalationId, body);
	}

	@GetMapping("/projects/{id}/risks")
	@Operation(summary = "The project's risk register (HLT-6) with exposure = probability × impact")
	List<RiskView> risks(@PathVariable UUID id) {
		return risks.forProject(id).stream().map(RiskView::of).toList();
	}

	@PostMapping("/projects/{id}/risks")
	ResponseEntity<RiskView> addRisk(@PathVariable UUID id, @Valid @RequestBody Risks.NewRisk body) {
		Risk risk = risks.add(id, body);
		return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/risks/" + risk.id())).body(RiskView.of(risk));
	}

	@PutMapping("/projects/{id}/risks/{riskId}")
	@Operation(summary = "Review a risk: new scores, mitigation, owner, status; the review is kept")
	RiskView updateRisk(@PathVariable UUID id, @PathVariable UUID riskId, @Valid @RequestBody Risks.RiskUpdate body) {
		return RiskView.of(risks.update(id, riskId, body));
	}

	@GetMapping("/projects/{id}/risks/{riskId}/reviews")
	List<Risk.Review> reviews(@PathVariable UUID id, @PathVariable UUID riskId) {
		risks.get(id, riskId);
		return risks.reviews(riskId);
	}

	private HealthView.View viewOf(UUID id) {
		Health.Stored stored = health.current(id);
		return view.of(stored, health.weekBefore(id, stored.asOf()).orElse(null), health.openFlags(id),
				stored.indicators());
	}

	record RiskView(UUID id, UUID projectId, String code, String title, int probability, int impact, int exposure,
			String mitigation, String owner, Risk.RiskStatus status) {
		static RiskView of(Risk r) {
			return new RiskView(r.id(), r.projectId(), r.code(), r.title(), r.probability(), r.impact(), r.exposure(),
					r.mitigation(), r.owner(), r.status());
		}
	}
}
