package com.onward.planning;

import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/planning")
@Tag(name = "Planning")
class PlanningApi {

	private final Calculators calculators;
	private final CapacityPlans plans;
	private final WhatIf whatIf;

	PlanningApi(Calculators calculators, CapacityPlans plans, WhatIf whatIf) {
		this.calculators = calculators;
		this.plans = plans;
		this.whatIf = whatIf;
	}

	@PostMapping("/capacity")
	@Operation(summary = "Specialists needed by Little's law (concurrent = arrivals per week × weeks per onboarding), with the derivation")
	Calculators.CapacityResult capacity(@Valid @RequestBody Calculators.CapacityInput body, Locale locale) {
		return calculators.capacity(body, locale);
	}

	@PostMapping("/roi")
	@Operation(summary = "First-year ROI of an onboarding investment: extra customers retained × ACV against the investment")
	Calculators.RoiResult roi(@Valid @RequestBody Calculators.RoiInput body, Locale locale) {
		return calculators.roi(body, locale);
	}

	@PostMapping("/ltv")
	@Operation(summary = "LTV impact of time to value; lifetimes given, or derived from your own retention by TTV bucket")
	Calculators.LtvResult ltv(@Valid @RequestBody Calculators.LtvInput body, Locale locale) {
		return calculators.ltv(body, locale);
	}

	@PostMapping("/what-if")
	@Operation(summary = "Week-by-week simulation of active onboardings, backlog and utilisation")
	WhatIf.Result whatIf(@Valid @RequestBody WhatIf.Input body) {
		return whatIf.run(body);
	}

	@GetMapping("/capacity/segments")
	@Operation(summary = "Capacity per segment from the last weeks' arrivals and the actual onboarding durations")
	List<CapacityPlans.SegmentPlan> segments(Locale locale) {
		return plans.all(locale);
	}
}
