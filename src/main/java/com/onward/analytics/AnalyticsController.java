package com.onward.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.ObjectMapper;

/** The Analytics section: time to value and go-live, retention by onboarding speed, onboarding metrics. */
@Controller
class AnalyticsController {

	private static final String[] COLORS = { "#6a46d8", "#2a7fc9", "#23a06f", "#e0a100", "#d9534f", "#7a8699" };

	private final TimeToValue ttv;
	private final FirstValues firstValues;
	private final Retention retention;
	private final OnboardingMetrics metrics;
	private final MessageSource messages;
	private final ObjectMapper json;

	AnalyticsController(FirstValues firstValues, TimeToValue ttv, Retention retention, OnboardingMetrics metrics, MessageSource messages,
			ObjectMapper json) {
		this.ttv = ttv;
		this.firstValues = firstValues;
		this.retention = retention;
		this.metrics = metrics;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/analytics")
	String page(@RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale,
			Model model) {
		TimeToValue.GroupBy by = safeGroupBy(groupBy);
		var value = ttv.report(TimeToValue.Metric.FIRST_VALUE, by, from, to);
		var goLive = ttv.report(TimeToValue.Metric.GO_LIVE, by, from, to);
		var byTtv = retention.report(Retention.By.TTV, from, to);
		model.addAttribute("groupBy", by.name().toLowerCase(Locale.ROOT));
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("ttv", value);
		model.addAttribute("goLive", goLive);
		model.addAttribute("retention", byTtv);
		model.addAttribute("cohorts", retention.report(Retention.By.COHORT, from, to));
		model.addAttribute("workflow", retention.report(Retention.By.FIRST_WORKFLOW, from, to));
		model.addAttribute("metrics", metrics.report(from, to));
		model.addAttribute("ttvChart", json.writeValueAsString(histogram(value, by, locale)));
		model.addAttribute("retentionChart", json.writeValueAsString(retentionChart(byTtv, locale)));
		return "analytics/analytics";
	}

	@GetMapping("/analytics/export/{table}.csv")
	ResponseEntity<String> export(@PathVariable String table, @RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		String body = switch (table) {
			case "time-to-value" -> Csv.ttv(ttv.report(TimeToValue.Metric.FIRST_VALUE, AnalyticsApi.groupBy(groupBy), from, to));
			case "time-to-go-live" -> Csv.ttv(ttv.report(TimeToValue.Metric.GO_LIVE, AnalyticsApi.groupBy(groupBy), from, to));
			case "retention" -> Csv.retention(retention.report(AnalyticsApi.by(by), from, to));
			case "onboarding" -> OnboardingMetrics.csv(metrics.report(from, to));
			default -> null;
		};
		if (body == null) return ResponseEntity.notFound().build();
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + table + ".csv\"").body(body);
	}

	@org.springframework.web.bind.annotation.PostMapping("/projects/{id}/first-value")
	String override(@PathVariable java.util.UUID id, @RequestParam(required = false) String date,
			@RequestParam(required = false) String note,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			firstValues.override(id, new FirstValues.Override(LocalDate.parse(date == null ? "" : date.strip()), note));
		}
		catch (java.time.format.DateTimeParseException e) {
			redirect.addFlashAttribute("planError", "date: '" + date + "'");
		}
		catch (com.onward.shared.BusinessRuleException e) {
			redirect.addFlashAttribute("planError", e.field() + ": " + e.getMessage());
		}
		return "redirect:/projects/" + id + "#first-value";
	}

	@org.springframework.web.bind.annotation.PostMapping("/projects/{id}/first-value/remove")
	String clearOverride(@PathVariable java.util.UUID id) {
		firstValues.clearOverride(id);
		return "redirect:/projects/" + id + "#first-value";
	}

	private static TimeToValue.GroupBy safeGroupBy(String value) {
		try {
			return AnalyticsApi.groupBy(value);
		}
		catch (RuntimeException e) {
			return TimeToValue.GroupBy.SEGMENT;
		}
	}

	private String label(TimeToValue.GroupBy by, TimeToValue.Group g, Locale locale) {
		if (g.key() == null) return messages.getMessage("analytics.unassigned", null, locale);
		return by == TimeToValue.GroupBy.SEGMENT ? messages.getMessage("segment." + g.key(), null, g.key(), locale) : g.key();
	}

	/** The distribution of days to first value: one bar series per group over the histogram bins. */
	private Map<String, Object> histogram(TimeToValue.Report report, TimeToValue.GroupBy by, Locale locale) {
		List<String> bins = report.overall().histogram().stream().map(TimeToValue.Bin::label).toList();
		var series = new ArrayList<Map<String, Object>>();
		int i = 0;
		for (TimeToValue.Group g : report.groups()) {
			if (i >= 12) break; // more than a dozen series is not readable; the table has them all
			series.add(Map.of("type", "bar", "stack", "ttv", "name", label(by, g, locale), "itemStyle",
					Map.of("color", COLORS[i++ % COLORS.length]), "data",
					g.histogram().stream().map(TimeToValue.Bin::count).toList()));
		}
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "axis"));
		option.put("legend", Map.of("top", 0));
		option.put("xAxis", Map.of("type", "category", "data", bins, "name",
				messages.getMessage("analytics.days", null, locale), "nameLocation", "middle", "nameGap", 24));
		option.put("yAxis", Map.of("type", "value", "minInterval", 1));
		option.put("series", series);
		return option;
	}

	/** Retention per TTV bucket as bars with the Wilson interval as a whisker (a box of zero height). */
	private Map<String, Object> retentionChart(Retention.Report report, Locale locale) {
		List<String> labels = new ArrayList<>();
		List<Object> rates = new ArrayList<>();
		List<Object> whiskers = new ArrayList<>();
		for (Retention.Bucket b : report.buckets()) {
			labels.add(messages.getMessage("analytics.bucket." + b.key(), null, b.key(), locale) + " (n=" + (b.renewed() + b.churned()) + ")");
			rates.add(b.retentionRate() == null ? "-" : Math.round(b.retentionRate() * 1000) / 10.0);
			whiskers.add(b.retentionRate() == null ? List.of("-", "-", "-", "-", "-") : List.of(pct(b.low95()), pct(b.retentionRate()),
					pct(b.retentionRate()), pct(b.retentionRate()), pct(b.high95())));
		}
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 16, "top", 16, "bottom", 8, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "item"));
		option.put("xAxis", Map.of("type", "category", "data", labels));
		option.put("yAxis", Map.of("type", "value", "min", 0, "max", 100, "axisLabel", Map.of("formatter", "{value} %")));
		option.put("series", List.of(
				Map.of("type", "bar", "name", messages.getMessage("analytics.retentionRate", null, locale), "data", rates,
						"barMaxWidth", 48, "itemStyle", Map.of("color", "#2a7fc9")),
				Map.of("type", "boxplot", "name", messages.getMessage("analytics.interval", null, locale), "data", whiskers,
						"boxWidth", List.of(2, 2), "itemStyle", Map.of("color", "#1d2733", "borderColor", "#1d2733"))));
		return option;
	}

	private static double pct(Double v) {
		return Math.round(v * 1000) / 10.0;
	}
}
