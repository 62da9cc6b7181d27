package com.onward.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
	private final HistoryImport history;
	private final Drilldowns drilldowns;
	private final FeedbackAnalytics feedback;

	private final RenderedContent content;

	AnalyticsController(FeedbackAnalytics feedback, FirstValues firstValues, TimeToValue ttv, Retention retention, OnboardingMetrics metrics, MessageSource messages,
			ObjectMapper json, HistoryImport history, Drilldowns drilldowns, RenderedContent content) {
		this.content = content;
		this.feedback = feedback;
		this.history = history;
		this.drilldowns = drilldowns;
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
			Model model, HttpServletRequest request, HttpServletResponse response) {
		TimeToValue.GroupBy by = safeGroupBy(groupBy);
		Answers answers = new Answers(ttv.report(TimeToValue.Metric.FIRST_VALUE, by, from, to),
				ttv.report(TimeToValue.Metric.GO_LIVE, by, from, to), retention.report(Retention.By.TTV, from, to),
				retention.report(Retention.By.COHORT, from, to), retention.report(Retention.By.FIRST_WORKFLOW, from, to),
				metrics.report(from, to), feedback.feedback(locale), retention.cohortMatrix(from, to));
		// The answers are held in memory; their tables and charts are rendered once per set of answers.
		model.addAttribute("renderedContent", content.html(new ContentKey(locale, by, from, to),
				answers.all(), "analytics/content", () -> contentModel(answers, by, from, to, locale), locale, request, response));
		return "analytics/analytics";
	}

	/** Everything the page's content depends on besides the answers. */
	private record ContentKey(Locale locale, TimeToValue.GroupBy by, LocalDate from, LocalDate to) {
	}

	/** What the Analytics page shows, each as held by its own cache. */
	private record Answers(TimeToValue.Report ttv, TimeToValue.Report goLive, Retention.Report retention,
			Retention.Report cohorts, Retention.Report workflow, OnboardingMetrics.Report metrics,
			FeedbackAnalytics.Feedback feedback, Retention.Matrix matrix) {

		List<Object> all() {
			return List.of(ttv, goLive, retention, cohorts, workflow, metrics, feedback, matrix);
		}
	}

	private Map<String, Object> contentModel(Answers a, TimeToValue.GroupBy by, LocalDate from, LocalDate to, Locale locale) {
		var model = new HashMap<String, Object>();
		model.put("groupBy", by.name().toLowerCase(Locale.ROOT));
		model.put("from", from);
		model.put("to", to);
		model.put("ttv", a.ttv());
		model.put("goLive", a.goLive());
		model.put("retention", a.retention());
		model.put("cohorts", a.cohorts());
		model.put("workflow", a.workflow());
		model.put("metrics", a.metrics());
		// The feedback card: CSAT and NPS as the onboarding metrics count them, NPS by segment and onboarding
		// speed, and the exit interviews' reasons (the same figures as GET /api/v1/analytics/feedback).
		model.put("feedback", a.feedback());
		a.metrics().metrics().forEach(m -> {
			if (m.name() == OnboardingMetrics.Name.CSAT) model.put("csat", m);
			if (m.name() == OnboardingMetrics.Name.NPS) model.put("nps", m);
		});
		model.put("ttvChart", json.writeValueAsString(histogram(a.ttv(), by, locale)));
		model.put("retentionChart", json.writeValueAsString(retentionChart(a.retention(), locale)));
		model.put("matrix", a.matrix());
		model.put("matrixRows", matrixRows(a.matrix(), from, to));
		model.put("heatmapChart", json.writeValueAsString(heatmap(a.matrix(), locale)));
		return model;
	}

	/** A localized problem of the history file, for the page. */
	record ShownError(int row, String column, String problem) {
	}

	/** The accounts and onboardings behind a figure, linked to their pages. */
	@GetMapping("/analytics/members")
	String members(@RequestParam(required = false) String table, @RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(defaultValue = "ttv") String by, @RequestParam(required = false) String key,
			@RequestParam(required = false) String metric,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale,
			Model model) {
		Drilldown.Members members = drilldowns.members(table, groupBy, by, key, metric, from, to);
		String title = switch (members.table()) {
			case "time-to-value" -> messages.getMessage("analytics.ttv.title", null, locale);
			case "time-to-go-live" -> messages.getMessage("analytics.goLive.title", null, locale);
			case "retention" -> messages.getMessage("analytics.retention.title", null, locale);
			default -> messages.getMessage("analytics.metric." + members.key(), null, locale);
		};
		String group = members.key() == null || members.table().equals("onboarding") ? null
				: switch (members.table()) {
					case "retention" -> messages.getMessage("analytics.bucket." + members.key(), null, members.key(), locale);
					default -> "segment".equals(groupBy) ? messages.getMessage("segment." + members.key(), null, members.key(), locale)
							: (members.key().isEmpty() ? messages.getMessage("analytics.unassigned", null, locale) : members.key());
				};
		int shown = Math.min(members.count(), MAX_SHOWN);
		model.addAttribute("members", members.members().subList(0, shown));
		model.addAttribute("count", members.count());
		model.addAttribute("shown", shown);
		model.addAttribute("table", members.table());
		model.addAttribute("title", title);
		model.addAttribute("group", group);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("groupBy", groupBy);
		model.addAttribute("by", by);
		model.addAttribute("key", key);
		model.addAttribute("metric", metric);
		return "analytics/members";
	}

	@GetMapping("/analytics/members.csv")
	ResponseEntity<String> membersCsv(@RequestParam(required = false) String table,
			@RequestParam(defaultValue = "segment") String groupBy, @RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) String key, @RequestParam(required = false) String metric,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"members.csv\"")
			.body(Drilldown.csv(drilldowns.members(table, groupBy, by, key, metric, from, to)));
	}

	/** Rows listed on the page; the CSV has them all. */
	static final int MAX_SHOWN = 500;

	@GetMapping("/analytics/history")
	String historyPage(Model model) {
		model.addAttribute("columns", HistoryImport.COLUMNS);
		return "analytics/history";
	}

	@org.springframework.web.bind.annotation.PostMapping("/analytics/history")
	String importHistory(@RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file,
			Locale locale, Model model) throws java.io.IOException {
		model.addAttribute("columns", HistoryImport.COLUMNS);
		HistoryImport.Report report = file == null || file.isEmpty()
				? new HistoryImport.Report(false, 0, 0, 0, List.of(new HistoryImport.RowError(0, "file", "has no rows",
						"history.error.noRows", List.of())))
				: history.importCsv(new java.io.InputStreamReader(file.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
		model.addAttribute("report", report);
		model.addAttribute("errors", report.errors().stream()
			.map(e -> new ShownError(e.row(), e.column(), e.code() == null ? e.message()
					: messages.getMessage(e.code(), e.args().toArray(), e.message(), locale)))
			.toList());
		return "analytics/history";
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
			case "cohort-heatmap" -> Csv.cohortMatrix(retention.cohortMatrix(from, to));
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

	/** A heat map cell with the signing dates of its quarter (within the page's filter), for its link. */
	record CellView(Retention.Cell cell, LocalDate from, LocalDate to) {
	}

	/** The heat map's cells per cohort, in bucket order, for the table beside the chart. */
	private static List<Map.Entry<String, List<CellView>>> matrixRows(Retention.Matrix m, LocalDate from, LocalDate to) {
		var rows = new LinkedHashMap<String, List<CellView>>();
		for (Retention.Cell c : m.cells()) {
			int year = Integer.parseInt(c.cohort().substring(0, 4)), quarter = c.cohort().charAt(6) - '0';
			LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1), end = start.plusMonths(3).minusDays(1);
			if (from != null && from.isAfter(start)) start = from;
			if (to != null && to.isBefore(end)) end = to;
			rows.computeIfAbsent(c.cohort(), k -> new ArrayList<>()).add(new CellView(c, start, end));
		}
		return new ArrayList<>(rows.entrySet());
	}

	/** Renewal rate per quarter of signing (rows) × time to first value (columns); empty cells stay blank. */
	private Map<String, Object> heatmap(Retention.Matrix m, Locale locale) {
		List<String> buckets = m.buckets().stream()
			.map(b -> messages.getMessage("analytics.bucket." + b, null, b, locale)).toList();
		var data = new ArrayList<List<Object>>();
		for (Retention.Cell c : m.cells()) {
			if (c.retentionRate() == null) continue;
			data.add(List.of(m.buckets().indexOf(c.bucket()), m.cohorts().indexOf(c.cohort()), pct(c.retentionRate()),
					c.renewed() + c.churned()));
		}
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 16, "top", 8, "bottom", 56, "containLabel", true));
		option.put("tooltip", Map.of("position", "top"));
		option.put("xAxis", Map.of("type", "category", "data", buckets, "splitArea", Map.of("show", true)));
		option.put("yAxis", Map.of("type", "category", "data", m.cohorts(), "splitArea", Map.of("show", true)));
		option.put("visualMap", Map.of("min", 0, "max", 100, "calculable", false, "orient", "horizontal", "left", "center",
				"bottom", 0, "dimension", 2, "text", List.of("100 %", "0 %"),
				"inRange", Map.of("color", List.of("#d9534f", "#f3e3a1", "#23a06f"))));
		option.put("series", List.of(Map.of("type", "heatmap", "name",
				messages.getMessage("analytics.retentionRate", null, locale), "data", data, "encode",
				Map.of("x", 0, "y", 1, "value", 2), "label", Map.of("show", true, "color", "#1d2733"))));
		return option;
	}

	private static double pct(Double v) {
		return Math.round(v * 1000) / 10.0;
	}
}
