package com.onward.success;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.account.Accounts;
import com.onward.onboarding.Projects;
import com.onward.shared.InvalidInputException;

import tools.jackson.databind.ObjectMapper;

/** The success plan page (VAL-1..4): criteria with KPI charts, measurements, confirmations, quick wins. */
@Controller
class SuccessController {

	private final SuccessPlans plans;
	private final Projects projects;
	private final Accounts accounts;
	private final ObjectMapper json;
	private final OutcomeTitles titles;

	SuccessController(SuccessPlans plans, Projects projects, Accounts accounts, ObjectMapper json, OutcomeTitles titles) {
		this.titles = titles;
		this.plans = plans;
		this.projects = projects;
		this.accounts = accounts;
		this.json = json;
	}

	@GetMapping("/projects/{id}/success")
	String page(@PathVariable UUID id, Model model) {
		var project = projects.get(id);
		List<Criterion> criteria = plans.criteria(id);
		model.addAttribute("project", project);
		model.addAttribute("account", accounts.get(project.accountId()));
		model.addAttribute("criteria", criteria);
		var charts = new LinkedHashMap<UUID, String>();
		criteria.stream().filter(c -> c.kind() == Criterion.Kind.QUANTITATIVE)
			.forEach(c -> charts.put(c.id(), json.writeValueAsString(chart(c))));
		model.addAttribute("charts", charts);
		model.addAttribute("quickWins", plans.quickWins(id));
		model.addAttribute("kinds", Criterion.Kind.values());
		model.addAttribute("winStatuses", QuickWin.Status.values());
		model.addAttribute("today", projects.today());
		return "success/success";
	}

	@PostMapping("/projects/{id}/success-criteria")
	String define(@PathVariable UUID id, @RequestParam String useCase, @RequestParam String kpi,
			@RequestParam(required = false) String unit, @RequestParam Criterion.Kind kind,
			@RequestParam(required = false) BigDecimal baseline, @RequestParam(required = false) BigDecimal target,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadline,
			@RequestParam(required = false) String evidenceMethod, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> {
			if (useCase.isBlank() || kpi.isBlank()) throw InvalidInputException.of("kpi", "use case and KPI are required");
			plans.define(id, new SuccessPlans.NewCriterion(useCase, kpi, unit, kind, baseline, target, deadline,
					evidenceMethod, Criterion.Source.KICKOFF));
		});
	}

	@PostMapping("/projects/{id}/success-criteria/outcome-defaults")
	String outcomeDefaults(@PathVariable UUID id) {
		plans.addOutcomeDefaults(id, titles.forProject(id));
		return "redirect:/projects/" + id + "/success";
	}

	@PostMapping("/success-criteria/{id}/measurements")
	String measure(@PathVariable UUID id, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate measuredOn,
			@RequestParam BigDecimal value, @RequestParam(required = false) Integer sampleSize,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		UUID project = plans.criterion(id).projectId();
		return attempt(project, redirect, () -> {
			if (sampleSize != null && sampleSize <= 0) throw InvalidInputException.of("sampleSize", "must be positive");
			plans.measure(id, new SuccessPlans.NewMeasurement(measuredOn, value, sampleSize, note));
		});
	}

	@PostMapping("/success-criteria/{id}/confirmations")
	String confirm(@PathVariable UUID id, @RequestParam String confirmedBy, @RequestParam String quote,
			@RequestParam(required = false) String evidenceName, @RequestParam(required = false) String evidenceUrl,
			@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) {
		UUID project = plans.criterion(id).projectId();
		return attempt(project, redirect, () -> {
			if (confirmedBy.isBlank() || quote.isBlank()) throw InvalidInputException.of("quote", "who and what they said are required");
			var links = new ArrayList<SuccessPlans.EvidenceLink>();
			if (evidenceUrl != null && !evidenceUrl.isBlank()) {
				links.add(new SuccessPlans.EvidenceLink(evidenceName == null || evidenceName.isBlank() ? evidenceUrl : evidenceName,
						evidenceUrl));
			}
			Criterion c = plans.confirm(id, new SuccessPlans.NewConfirmation(confirmedBy, quote, null, links));
			if (file != null && !file.isEmpty()) {
				try {
					plans.attach(c.confirmations().getLast().id(),
							new SuccessPlans.File(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
				}
				catch (IOException e) {
					throw InvalidInputException.of("file", "could not be read");
				}
			}
		});
	}

	@PostMapping("/quick-wins/{id}")
	String quickWin(@PathVariable UUID id, @RequestParam UUID projectId, @RequestParam(required = false) String title,
			@RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate targetDate,
			@RequestParam(required = false) String measuredImpact, @RequestParam QuickWin.Status status,
			@RequestParam(defaultValue = "false") boolean communicated, RedirectAttributes redirect) {
		return attempt(projectId, redirect,
				() -> plans.updateQuickWin(id, new SuccessPlans.QuickWinUpdate(title, owner, targetDate, measuredImpact,
						status, communicated)));
	}

	private String attempt(UUID projectId, RedirectAttributes redirect, Runnable change) {
		return com.onward.shared.FormChanges.attempt(redirect, "successError", "/projects/" + projectId + "/success", change);
	}

	/** Measurements over time against the baseline and the target. */
	private Map<String, Object> chart(Criterion c) {
		var points = new ArrayList<List<Object>>();
		c.measurements().forEach(m -> points.add(List.of(m.measuredOn().toString(), m.value())));
		var option = new LinkedHashMap<String, Object>();
		option.put("grid", Map.of("left", 8, "right", 60, "top", 16, "bottom", 24, "containLabel", true));
		option.put("tooltip", Map.of("trigger", "axis"));
		option.put("xAxis", Map.of("type", "time"));
		// The axis spans baseline and target so both lines show, with the measurements between them.
		BigDecimal low = c.baseline().min(c.target());
		BigDecimal high = c.baseline().max(c.target());
		for (var m : c.measurements()) {
			low = low.min(m.value());
			high = high.max(m.value());
		}
		BigDecimal pad = high.subtract(low).multiply(new BigDecimal("0.1"));
		option.put("yAxis", Map.of("type", "value", "min", low.subtract(pad).doubleValue(), "max", high.add(pad).doubleValue()));
		option.put("series", List.of(Map.of("name", c.kpi(), "type", "line", "data", points, "symbolSize", 7,
				"lineStyle", Map.of("width", 3), "markLine", Map.of("symbol", "none", "data", List.of(
						Map.of("yAxis", c.baseline(), "name", "baseline", "lineStyle", Map.of("color", "#8a94a6", "type", "dashed"),
								"label", Map.of("formatter", "{c}")),
						Map.of("yAxis", c.target(), "name", "target", "lineStyle", Map.of("color", "#1f9d6b"),
								"label", Map.of("formatter", "{c}")))))));
		return option;
	}
}
