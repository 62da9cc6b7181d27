package com.onward.planning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.analytics.Retention;
import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Currency;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Segment;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;

/**
 * The planning pages: capacity per segment from the vendor's data, the three calculators with
 * their derivations (prefilled from the vendor's own figures where they exist), and the what-if
 * simulation whose chart is redrawn in place. Read-only (GET), so every staff role may use them.
 */
@Controller
class PlanningController {

	private final Calculators calculators;
	private final CapacityPlans plans;
	private final WhatIf whatIf;
	private final Retention retention;
	private final Validator validator;
	private final MessageSource messages;
	private final ObjectMapper json;

	PlanningController(Calculators calculators, CapacityPlans plans, WhatIf whatIf, Retention retention,
			Validator validator, MessageSource messages, ObjectMapper json) {
		this.calculators = calculators;
		this.plans = plans;
		this.whatIf = whatIf;
		this.retention = retention;
		this.validator = validator;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/planning")
	String page(@RequestParam(defaultValue = "50") double capCustomers, @RequestParam(defaultValue = "13") double capWeeks,
			@RequestParam(defaultValue = "8") double capDuration, @RequestParam(defaultValue = "10") double capPerSpecialist,
			@RequestParam(defaultValue = "0") double capBuffer, @RequestParam(defaultValue = "200") double roiCustomers,
			@RequestParam(defaultValue = "30000") BigDecimal roiAcv, @RequestParam(required = false) BigDecimal roiBefore,
			@RequestParam(required = false) BigDecimal roiAfter, @RequestParam(defaultValue = "200000") BigDecimal roiInvestment,
			@RequestParam(defaultValue = "30000") BigDecimal ltvAcv, @RequestParam(defaultValue = "100") int ltvCustomers,
			@RequestParam(defaultValue = "30") int ltvFastDays, @RequestParam(required = false) Double ltvFastYears,
			@RequestParam(defaultValue = "90") int ltvSlowDays, @RequestParam(required = false) Double ltvSlowYears,
			@RequestParam(defaultValue = "false") boolean ltvOwn, Locale locale, Model model) {
		List<CapacityPlans.SegmentPlan> segments = plans.all(locale);
		model.addAttribute("segments", segments);
		// Prefill the ROI's retention from the vendor's own figures (slow vs fast onboardings) when there are any.
		var own = retention.report(Retention.By.TTV, null, null).buckets();
		Double fast = own.get(0).retentionRate();
		Double slow = own.get(2).retentionRate() != null ? own.get(2).retentionRate() : own.get(1).retentionRate();
		BigDecimal before = roiBefore != null ? roiBefore : slow != null && fast != null && fast >= slow ? BigDecimal.valueOf(slow) : new BigDecimal("0.82");
		BigDecimal after = roiAfter != null ? roiAfter : slow != null && fast != null && fast >= slow ? BigDecimal.valueOf(fast) : new BigDecimal("0.91");
		model.addAttribute("ownRetention", fast != null && slow != null && fast >= slow);
		var cap = new Calculators.CapacityInput(capCustomers, capWeeks, capDuration, capPerSpecialist, capBuffer);
		model.addAttribute("cap", cap);
		model.addAttribute("capResult", attempt(cap, () -> calculators.capacity(cap, locale), model, "capError"));
		var roi = new Calculators.RoiInput(roiCustomers, new Calculators.MoneyInput(roiAcv, Currency.USD), before, after,
				new Calculators.MoneyInput(roiInvestment, Currency.USD));
		model.addAttribute("roi", roi);
		model.addAttribute("roiResult", attempt(roi, () -> calculators.roi(roi, locale), model, "roiError"));
		var ltv = new Calculators.LtvInput(new Calculators.MoneyInput(ltvAcv, Currency.USD), ltvCustomers,
				new Calculators.Lifetime(ltvFastDays, ltvOwn ? null : ltvFastYears == null ? 6.0 : ltvFastYears),
				new Calculators.Lifetime(ltvSlowDays, ltvOwn ? null : ltvSlowYears == null ? 4.0 : ltvSlowYears));
		model.addAttribute("ltv", ltv);
		model.addAttribute("ltvOwn", ltvOwn);
		model.addAttribute("ltvResult", attempt(ltv, () -> calculators.ltv(ltv, locale), model, "ltvError"));
		var defaults = segments.stream().filter(p -> p.segment() == Segment.MID_MARKET).findFirst().orElseThrow();
		WhatIf.Input input = new WhatIf.Input(26, 4.0, 8.0, 3, 10.0, 0.0, 0.0, null);
		model.addAttribute("whatIf", input);
		model.addAttribute("mid", defaults);
		whatIfModel(input, locale, model);
		return "planning/planning";
	}

	@GetMapping("/planning/what-if")
	String whatIf(@RequestParam(required = false) String weeks, @RequestParam(required = false) String arrivalsPerWeek,
			@RequestParam(required = false) String avgDurationWeeks, @RequestParam(required = false) String specialists,
			@RequestParam(required = false) String onboardingsPerSpecialist, @RequestParam(required = false) String segment,
			@RequestHeader(value = "HX-Request", required = false) String hx, Locale locale, Model model) {
		var errors = new ArrayList<String>();
		WhatIf.Input input = new WhatIf.Input(intOf("weeks", weeks, errors), num("arrivalsPerWeek", arrivalsPerWeek, errors),
				num("avgDurationWeeks", avgDurationWeeks, errors), intOf("specialists", specialists, errors),
				num("onboardingsPerSpecialist", onboardingsPerSpecialist, errors), null, null,
				segmentOf(segment, errors));
		model.addAttribute("whatIf", input);
		if (!errors.isEmpty()) {
			model.addAttribute("whatIfError", String.join("; ", errors));
		}
		else {
			whatIfModel(input, locale, model);
		}
		if (hx != null) return "planning/planning :: whatIfResult";
		return page(50, 13, 8, 10, 0, 200, BigDecimal.valueOf(30000), null, null, BigDecimal.valueOf(200000),
				BigDecimal.valueOf(30000), 100, 30, null, 90, null, false, locale, model);
	}

	private void whatIfModel(WhatIf.Input input, Locale locale, Model model) {
		Set<ConstraintViolation<WhatIf.Input>> violations = validator.validate(input);
		if (!violations.isEmpty()) {
			model.addAttribute("whatIfError", violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage())
				.sorted().reduce((a, b) -> a + "; " + b).orElse(""));
			return;
		}
		try {
			WhatIf.Result result = whatIf.run(input);
			model.addAttribute("whatIfResult", result);
			model.addAttribute("whatIfChart", json.writeValueAsString(chart(result, locale)));
		}
		catch (InvalidInputException e) {
			model.addAttribute("whatIfError", e.getMessage());
		}
	}

	private <T> T attempt(Object input, java.util.function.Supplier<T> run, Model model, String errorKey) {
		var violations = validator.validate(input);
		if (!violations.isEmpty()) {
			model.addAttribute(errorKey, violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
				.reduce((a, b) -> a + "; " + b).orElse(""));
			return null;
		}
		try {
			return run.get();
		}
		catch (BusinessRuleException | InvalidInputException e) {
			model.addAttribute(errorKey, FormErrors.describe(e).message());
			return null;
		}
	}

	private static Segment segmentOf(String v, List<String> errors) {
		if (v == null || v.isBlank()) return null;
		try {
			return Segment.valueOf(v.strip());
		}
		catch (IllegalArgumentException e) {
			errors.add("segment: '" + v + "'");
			return null;
		}
	}

	private static Double num(String field, String v, List<String> errors) {
		if (v == null || v.isBlank()) return null;
		try {
			return com.onward.shared.LocalizedNumbers.parse(v, org.springframework.context.i18n.LocaleContextHolder.getLocale())
				.doubleValue();
		}
		catch (IllegalArgumentException e) {
			errors.add(field + ": '" + v + "'");
			return null;
		}
	}

	private static Integer intOf(String field, String v, List<String> errors) {
		Double d = num(field, v, errors);
		return d == null ? null : (int) Math.round(d);
	}

	private Map<String, Object> chart(WhatIf.Result r, Locale locale) {
		var weeks = r.weeks().stream().map(w -> String.valueOf(w.week())).toList();
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "axis"));
		option.put("legend", Map.of("top", 0));
		option.put("xAxis", Map.of("type", "category", "data", weeks, "name", messages.getMessage("planning.week", null, locale),
				"nameLocation", "middle", "nameGap", 24));
		option.put("yAxis", Map.of("type", "value"));
		option.put("series", List.of(
				Map.of("type", "line", "name", messages.getMessage("planning.active", null, locale), "showSymbol", false,
						"data", r.weeks().stream().map(WhatIf.Week::active).toList(), "itemStyle", Map.of("color", "#2a7fc9")),
				Map.of("type", "line", "name", messages.getMessage("planning.waiting", null, locale), "showSymbol", false,
						"areaStyle", Map.of("opacity", 0.15), "data", r.weeks().stream().map(WhatIf.Week::waiting).toList(),
						"itemStyle", Map.of("color", "#d9534f")),
				Map.of("type", "line", "name", messages.getMessage("planning.capacity", null, locale), "showSymbol", false,
						"lineStyle", Map.of("type", "dashed"), "data", r.weeks().stream().map(w -> r.capacity()).toList(),
						"itemStyle", Map.of("color", "#7a8699"))));
		return option;
	}
}
