package com.onward.analytics;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.onward.shared.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Analytics")
class AnalyticsApi {

	static final String CSV = "text/csv";

	private final FirstValues firstValues;
	private final TimeToValue ttv;
	private final Retention retention;
	private final OnboardingMetrics metrics;
	private final HistoryImport history;
	private final Drilldowns drilldowns;

	AnalyticsApi(FirstValues firstValues, TimeToValue ttv, Retention retention, OnboardingMetrics metrics,
			HistoryImport history, Drilldowns drilldowns) {
		this.drilldowns = drilldowns;
		this.firstValues = firstValues;
		this.ttv = ttv;
		this.retention = retention;
		this.metrics = metrics;
		this.history = history;
	}

	// --- first value ---------------------------------------------------------------------------

	@GetMapping("/projects/{id}/first-value")
	FirstValues.FirstValue firstValue(@PathVariable UUID id) {
		return firstValues.get(id);
	}

	@PutMapping("/projects/{id}/first-value")
	@Operation(summary = "Set the first value date by hand (wins over the success plan until removed); audited")
	FirstValues.FirstValue override(@PathVariable UUID id, @Valid @RequestBody FirstValues.Override body) {
		return firstValues.override(id, body);
	}

	@DeleteMapping("/projects/{id}/first-value")
	@Operation(summary = "Remove the hand-set first value date; the success plan decides again")
	FirstValues.FirstValue clearOverride(@PathVariable UUID id) {
		return firstValues.clearOverride(id);
	}

	@PostMapping("/analytics/first-value/recompute")
	@Operation(summary = "Recompute every project's first value and go-live from the success plans and milestones")
	java.util.Map<String, Object> recompute() {
		long started = System.nanoTime();
		int changed = firstValues.recomputeAll();
		return java.util.Map.of("changed", changed, "millis", (System.nanoTime() - started) / 1_000_000);
	}

	// --- time to value, go-live ----------------------------------------------------------------

	@GetMapping(path = "/analytics/time-to-value", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Time to first value by segment, csm or cohort (month of signing); optional from/to on the signing date")
	TimeToValue.Report timeToValue(@RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return ttv.report(TimeToValue.Metric.FIRST_VALUE, groupBy(groupBy), from, to);
	}

	@GetMapping(path = "/analytics/time-to-value", produces = CSV)
	String timeToValueCsv(@RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return Csv.ttv(timeToValue(groupBy, from, to));
	}

	@GetMapping(path = "/analytics/time-to-go-live", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Time to go-live by segment, csm or cohort; optional from/to on the signing date")
	TimeToValue.Report timeToGoLive(@RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return ttv.report(TimeToValue.Metric.GO_LIVE, groupBy(groupBy), from, to);
	}

	@GetMapping(path = "/analytics/time-to-go-live", produces = CSV)
	String timeToGoLiveCsv(@RequestParam(defaultValue = "segment") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return Csv.ttv(timeToGoLive(groupBy, from, to));
	}

	// --- retention -----------------------------------------------------------------------------

	@GetMapping(path = "/analytics/retention", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Retention by TTV bucket (by=ttv), quarter of signing (by=cohort) or first workflow day (by=first-workflow)")
	Retention.Report retention(@RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return retention.report(by(by), from, to);
	}

	@GetMapping(path = "/analytics/retention", produces = CSV)
	String retentionCsv(@RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return Csv.retention(retention(by, from, to));
	}

	@GetMapping(path = "/analytics/retention/cohorts", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Cohort heat map: renewal rate by quarter of signing (rows) and time-to-value bucket (columns), with n and Wilson intervals")
	Retention.Matrix cohortMatrix(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return retention.cohortMatrix(from, to);
	}

	@GetMapping(path = "/analytics/retention/cohorts", produces = CSV)
	String cohortMatrixCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return Csv.cohortMatrix(retention.cohortMatrix(from, to));
	}

	// --- onboarding metrics --------------------------------------------------------------------

	@GetMapping(path = "/analytics/onboarding", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Onboarding metrics (ANL-2), each with its numerator and denominator")
	OnboardingMetrics.Report onboarding(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return metrics.report(from, to);
	}

	@GetMapping(path = "/analytics/onboarding", produces = CSV)
	String onboardingCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return OnboardingMetrics.csv(onboarding(from, to));
	}

	// --- the rows behind a figure --------------------------------------------------------------

	@GetMapping(path = "/analytics/members", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The accounts and onboardings behind a figure: table=time-to-value|time-to-go-live (groupBy, key), "
			+ "retention (by, key) or onboarding (metric); no key = every group")
	Drilldown.Members members(@RequestParam(required = false) String table,
			@RequestParam(defaultValue = "segment") String groupBy, @RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) String key, @RequestParam(required = false) String metric,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return drilldowns.members(table, groupBy, by, key, metric, from, to);
	}

	@GetMapping(path = "/analytics/members", produces = CSV)
	String membersCsv(@RequestParam(required = false) String table,
			@RequestParam(defaultValue = "segment") String groupBy, @RequestParam(defaultValue = "ttv") String by,
			@RequestParam(required = false) String key, @RequestParam(required = false) String metric,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return Drilldown.csv(members(table, groupBy, by, key, metric, from, to));
	}

	// --- history import ------------------------------------------------------------------------

	@PostMapping(path = "/imports/history", consumes = CSV)
	@Operation(summary = "Import past customers with signing, go-live, first value and renewals; any bad row imports nothing")
	ResponseEntity<?> importHistory(@RequestBody String csv) {
		return report(history.importCsv(new StringReader(csv)));
	}

	@PostMapping(path = "/imports/history", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> importHistoryFile(@RequestPart("file") MultipartFile file) throws IOException {
		return report(history.importCsv(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)));
	}

	private static ResponseEntity<?> report(HistoryImport.Report report) {
		return report.imported() ? ResponseEntity.ok(report) : com.onward.shared.ApiProblems.refused(report,
				"The file has " + report.errors().size() + " bad row(s) or column(s); nothing was imported");
	}

	static TimeToValue.GroupBy groupBy(String value) {
		try {
			return TimeToValue.GroupBy.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw InvalidInputException.of("groupBy", "must be segment, csm or cohort");
		}
	}

	static Retention.By by(String value) {
		try {
			return Retention.By.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException e) {
			throw InvalidInputException.of("by", "must be ttv, cohort or first-workflow");
		}
	}
}
