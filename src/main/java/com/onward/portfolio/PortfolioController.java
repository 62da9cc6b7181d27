package com.onward.portfolio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.shared.LocalizedText;
import com.onward.shared.PageResult;
import com.onward.shared.Segment;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.ObjectMapper;

/** The portfolio dashboard: summary, stage chart and the filtered, paged account list. */
@Controller
class PortfolioController {

	private final Portfolio portfolio;
	private final ObjectMapper json;
	private final MessageSource messages;

	private final com.onward.team.Team team;

	private final PortfolioRows rowsHtml;

	PortfolioController(Portfolio portfolio, ObjectMapper json, MessageSource messages, com.onward.team.Team team,
			PortfolioRows rowsHtml) {
		this.team = team;
		this.rowsHtml = rowsHtml;
		this.portfolio = portfolio;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/")
	String dashboard(@RequestParam(required = false) Segment segment, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "false") boolean overCapacity,
			@RequestParam(required = false) String q, @RequestParam(required = false) com.onward.health.HealthBand band,
			@RequestParam(required = false) String flag, @RequestParam(required = false) String ttv,
			@RequestParam(required = false) java.util.UUID member,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir,
			@RequestParam(defaultValue = "25") int size, @RequestHeader(value = "HX-Request", required = false) String hx,
			HttpServletRequest request, Model model) {
		int pageSize = Math.clamp(size, 5, 200);
		// Unknown categories are ignored rather than matching nothing.
		String flagFilter = flag != null && (flag.equals("ANY") || java.util.Arrays.stream(com.onward.health.FlagCategory.values())
			.anyMatch(c -> c.name().equals(flag))) ? flag : null;
		var filter = new Portfolio.Filter(segment, status, overdue, overCapacity, q, band == null ? null : band.name(),
				flagFilter, ttv != null && Portfolio.Filter.TTV.contains(ttv) ? ttv : null, member);
		if (member != null) {
			model.addAttribute("memberName", team.members().stream().filter(m -> m.id().equals(member))
				.map(com.onward.team.TeamMember::name).findFirst().orElse(null));
		}
		model.addAttribute("ttvFilters", Portfolio.Filter.TTV);
		model.addAttribute("bands", com.onward.health.HealthBand.values());
		model.addAttribute("flagCategories", com.onward.health.FlagCategory.values());
		Portfolio.Sort order = Portfolio.Sort.of(sort, dir);
		model.addAttribute("sort", order);
		PageResult<Portfolio.Row> rows = portfolio.page(filter, order, Math.max(0, page), pageSize);
		if (rows.items().isEmpty() && rows.total() > 0) {
			// A page past the end (an old link, fewer accounts since): the last page, not "page 100 of 15".
			rows = portfolio.page(filter, order, rows.totalPages() - 1, pageSize);
		}
		model.addAttribute("rows", rows);
		model.addAttribute("rowsHtml", rowsHtml.html(rows.items(), LocaleContextHolder.getLocale(), request.getContextPath()));
		model.addAttribute("filter", filter);
		model.addAttribute("segments", Segment.values());
		model.addAttribute("size", pageSize);
		if (hx != null) {
			return "portfolio/dashboard :: list";
		}
		Portfolio.Summary summary = portfolio.cachedSummary();
		model.addAttribute("summary", summary);
		model.addAttribute("stageChart", stageChartJson(summary));
		return "portfolio/dashboard";
	}

	/** A chart's JSON for the summary it was drawn from, per language. */
	private record Chart(Portfolio.Summary summary, String json) {
	}

	private final Map<java.util.Locale, Chart> charts = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The stage chart as JSON, drawn once per held summary and product language instead of for every view (it
	 * depends on nothing else).
	 */
	private String stageChartJson(Portfolio.Summary summary) {
		Chart chart = charts.compute(LocalizedText.productLocale(LocaleContextHolder.getLocale()),
				(language, held) -> held != null && held.summary() == summary ? held
						: new Chart(summary, json.writeValueAsString(stageChart(summary))));
		return chart.json();
	}

	/** Horizontal bars: active projects per segment and current phase. */
	private Map<String, Object> stageChart(Portfolio.Summary summary) {
		var locale = LocaleContextHolder.getLocale();
		List<String> labels = new ArrayList<>();
		List<Map<String, Object>> values = new ArrayList<>();
		Map<Segment, String> colors = Map.of(Segment.ENTERPRISE, "#6a46d8", Segment.MID_MARKET, "#2a7fc9", Segment.SMB,
				"#23a06f");
		for (Portfolio.StageCount s : summary.byStage()) {
			labels.add(messages.getMessage("segment." + s.segment(), null, locale) + " · " + s.stage().in(locale));
			values.add(Map.of("value", s.count(), "itemStyle", Map.of("color", colors.get(s.segment()))));
		}
		var option = new LinkedHashMap<String, Object>();
		option.put("animation", false);
		option.put("grid", Map.of("left", 8, "right", 24, "top", 8, "bottom", 8, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "axis"));
		option.put("xAxis", Map.of("type", "value", "minInterval", 1));
		option.put("yAxis", Map.of("type", "category", "data", labels.reversed(), "axisLabel", Map.of("fontSize", 11)));
		option.put("series", List.of(Map.of("type", "bar", "data", values.reversed(), "barMaxWidth", 16)));
		return option;
	}
}
