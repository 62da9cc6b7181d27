package com.onward.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

import com.onward.account.Accounts;

import tools.jackson.databind.ObjectMapper;

/**
 * Staff pages for adoption (ADO-2..5): an account's metrics against the target curves with
 * charts, its low adopters, power users and early wins; the feature catalogue where the
 * vendor marks core features.
 */
@Controller
class UsageController {

	private final Adoption adoption;
	private final java.time.Clock clock;
	private final Accounts accounts;
	private final MessageSource messages;
	private final ObjectMapper json;

	UsageController(Adoption adoption, Accounts accounts, MessageSource messages, ObjectMapper json, java.time.Clock clock) {
		this.clock = clock;
		this.adoption = adoption;
		this.accounts = accounts;
		this.messages = messages;
		this.json = json;
	}

	private static final java.time.Duration COUNTING_LAG_SHOWN = java.time.Duration.ofMinutes(1);

	@GetMapping("/accounts/{id}/adoption")
	String adoption(@PathVariable UUID id, Model model) {
		LocalDate today = adoption.today();
		model.addAttribute("account", accounts.get(id));
		AdoptionMetrics m = adoption.metrics(id, today);
		model.addAttribute("m", m);
		// Usage normally reaches the figures a second after it arrives; say so only when counting lags behind.
		model.addAttribute("countingSince", java.time.Duration.between(m.usageCountedThrough(), clock.instant())
			.compareTo(COUNTING_LAG_SHOWN) > 0 ? m.usageCountedThrough() : null);
		model.addAttribute("users", adoption.users(id, today));
		model.addAttribute("wins", adoption.earlyWins(id));
		List<Adoption.WeekPoint> weeks = adoption.weekly(id, today);
		model.addAttribute("rateChart", json.writeValueAsString(rateChart(weeks)));
		model.addAttribute("coreChart", json.writeValueAsString(coreChart(weeks)));
		return "usage/adoption";
	}

	/** Early wins on the account page's timeline. */
	@GetMapping("/accounts/{id}/early-wins")
	String earlyWins(@PathVariable UUID id, Model model) {
		model.addAttribute("accountId", id);
		model.addAttribute("wins", adoption.earlyWins(id));
		return "usage/early-wins :: card";
	}

	@GetMapping("/features")
	String features(Model model) {
		model.addAttribute("features", adoption.features());
		model.addAttribute("core", adoption.coreFeatureKeys());
		return "usage/features";
	}

	/** Rename (display name), mark core, hide or show a feature. */
	@PostMapping("/features")
	String feature(@RequestParam String key, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "false") boolean core, @RequestParam(defaultValue = "false") boolean hidden,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			adoption.updateFeature(key.strip(), name == null || name.length() <= EventBatch.MAX_TEXT ? name
					: name.substring(0, EventBatch.MAX_TEXT), core, hidden);
			redirect.addFlashAttribute("featureSaved", key.strip());
		}
		catch (com.onward.shared.BusinessRuleException | com.onward.shared.InvalidInputException e) {
			redirect.addFlashAttribute("featureError", com.onward.shared.FormErrors.describe(e).message());
		}
		return "redirect:/features";
	}

	/** Merge one feature key into another. */
	@PostMapping("/features/merge")
	String merge(@RequestParam String key, @RequestParam String into,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			adoption.mergeFeature(key.strip(), into.strip());
			redirect.addFlashAttribute("featureMerged", true);
		}
		catch (com.onward.shared.BusinessRuleException | com.onward.shared.InvalidInputException
				| com.onward.shared.NotFoundException e) {
			redirect.addFlashAttribute("featureError", e instanceof com.onward.shared.NotFoundException
					? messages.getMessage("features.unknown", null, LocaleContextHolder.getLocale())
					: com.onward.shared.FormErrors.describe(e).message());
		}
		return "redirect:/features";
	}

	private Map<String, Object> rateChart(List<Adoption.WeekPoint> weeks) {
		Locale l = LocaleContextHolder.getLocale();
		var days = weeks.stream().map(w -> msg("adoption.day", l, w.onboardingDay())).toList();
		var series = new ArrayList<Map<String, Object>>();
		series.add(line(msg("adoption.activation", l), weeks.stream().map(w -> percent(w.activationRate())).toList(), "#3552d6", false));
		series.add(line(msg("adoption.activationTarget", l), weeks.stream().map(w -> percent(w.activationTarget())).toList(), "#3552d6", true));
		series.add(line(msg("adoption.weeklyActive", l), weeks.stream().map(w -> percent(w.weeklyActiveRate())).toList(), "#1f9d6b", false));
		series.add(line(msg("adoption.weeklyActiveTarget", l), weeks.stream().map(w -> percent(w.weeklyActiveTarget())).toList(), "#1f9d6b", true));
		return chart(days, series, 100);
	}

	private Map<String, Object> coreChart(List<Adoption.WeekPoint> weeks) {
		Locale l = LocaleContextHolder.getLocale();
		var days = weeks.stream().map(w -> msg("adoption.day", l, w.onboardingDay())).toList();
		return chart(days, List.of(
				line(msg("adoption.coreFeatures", l), weeks.stream().map(w -> (Object) w.coreFeaturesAdopted()).toList(), "#7c3aed", false),
				line(msg("adoption.coreFeaturesTarget", l), weeks.stream().map(w -> (Object) (Math.round(w.coreFeaturesTarget() * 10) / 10.0)).toList(), "#7c3aed", true)),
				null);
	}

	private static Map<String, Object> chart(List<String> days, List<Map<String, Object>> series, Integer max) {
		var option = new LinkedHashMap<String, Object>();
		option.put("grid", Map.of("left", 8, "right", 16, "top", 36, "bottom", 24, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "axis"));
		option.put("legend", Map.of("top", 0));
		option.put("xAxis", Map.of("type", "category", "data", days));
		var y = new LinkedHashMap<String, Object>(Map.of("type", "value", "min", 0));
		if (max != null) y.put("max", max);
		option.put("yAxis", y);
		option.put("series", series);
		return option;
	}

	private static Map<String, Object> line(String name, List<Object> data, String color, boolean target) {
		var s = new LinkedHashMap<String, Object>();
		s.put("name", name);
		s.put("type", "line");
		s.put("data", data);
		s.put("itemStyle", Map.of("color", color));
		s.put("lineStyle", target ? Map.of("type", "dashed", "width", 1) : Map.of("width", 3));
		s.put("symbol", target ? "none" : "circle");
		return s;
	}

	private static Object percent(Double rate) {
		return rate == null ? null : Math.round(rate * 1000) / 10.0;
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}
