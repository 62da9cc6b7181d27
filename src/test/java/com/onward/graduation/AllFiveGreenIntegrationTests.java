package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.onboarding.Projects;
import com.onward.shared.Segment;
import com.onward.testing.MetValue;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * "Don't graduate until all five are green": READY needs the total, every dimension at the floor
 * and no blocker; no criterion met, value unconfirmed, open data-quality or security problems
 * block; graduation timing per segment's window.
 */
class AllFiveGreenIntegrationTests extends UsageTestSupport {

	@Autowired
	Suggestions suggestions;
	@Autowired
	Graduations graduations;
	@Autowired
	Projects projects;

	private String projectOf(UUID account) {
		return get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
	}

	private String newProject() {
		return projectOf(account(10, "DAILY", LocalDate.now()));
	}

	private static Map<String, Object> scores(Object t, Object k, Object a, Object v, Object s) {
		var m = new LinkedHashMap<String, Object>();
		m.put("technical", t);
		m.put("knowledge", k);
		m.put("adoption", a);
		m.put("value", v);
		m.put("stakeholder", s);
		return m;
	}

	private JsonNode score(String project, Map<String, Object> scores) {
		Response r = post("/api/v1/projects/" + project + "/scorecard", scores);
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		return r.body();
	}

	@Test
	void noCriterionMetIsNotReadyEvenWithTensAndSaysWhy() {
		String project = newProject();
		JsonNode r = score(project, scores(10, 10, 10, 10, 10));
		assertThat(r.get("total").toString()).isEqualTo("10");
		assertThat(r.get("verdict").asString()).isEqualTo("CLOSE");
		assertThat(r.get("blockers").findValuesAsString("code")).contains("VALUE_NO_CRITERION_MET", "VALUE_NOT_CONFIRMED");
		assertThat(r.get("blockers").findValuesAsString("title")).contains("No success criterion met");
		assertThat(r.get("standingInTheWay").toString()).contains("Blocker: No success criterion met",
				"Blocker: Value not confirmed by the customer");
		assertThat(r.get("belowFloor").size()).isZero();
		// Graduation refuses it.
		assertProblem(post("/api/v1/projects/" + project + "/graduate", Map.of()), 422, "scorecard");
	}

	@Test
	void aMeasuredButUnconfirmedCriterionStillBlocksOnConfirmation() {
		String project = newProject();
		String criterion = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Invoices", "kpi",
				"invoice processing time", "kind", "QUANTITATIVE", "baseline", 6, "target", 3.6)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 3.5, "sampleSize", 50));
		JsonNode r = score(project, scores(9, 8, 7, 9, 8));
		assertThat(r.get("verdict").asString()).isEqualTo("CLOSE");
		assertThat(r.get("blockers").findValuesAsString("code")).containsExactly("VALUE_NOT_CONFIRMED");
	}

	@Test
	void valueFourWithTheRestAtTenIsNotReady() {
		String project = newProject();
		MetValue.meet(this::post, project);
		JsonNode r = score(project, scores(10, 10, 10, 4, 10));
		assertThat(r.get("total").asDouble()).isEqualTo(8.2);
		assertThat(r.get("verdict").asString()).isEqualTo("CLOSE");
		assertThat(r.get("blockers").size()).isZero();
		assertThat(r.get("floor").asInt()).isEqualTo(7);
		assertThat(r.get("belowFloor").get(0).asString()).isEqualTo("VALUE");
		assertThat(r.get("standingInTheWay").get(0).asString()).isEqualTo("Value is 4, below the floor of 7.");
		// The history keeps which dimension was below the floor.
		JsonNode history = get("/api/v1/projects/" + project + "/scorecards").body();
		assertThat(history.get(0).get("belowFloor").get(0).asString()).isEqualTo("VALUE");
	}

	@Test
	void theSeedsWorkedExampleWithAMetCriterionIsReady() {
		String project = newProject();
		MetValue.meet(this::post, project);
		JsonNode r = score(project, scores(9, 8, 7, 9, 8));
		assertThat(r.get("total").toString()).isEqualTo("8.3");
		assertThat(r.get("verdict").asString()).isEqualTo("READY");
		assertThat(r.get("blockers").size()).isZero();
		assertThat(r.get("belowFloor").size()).isZero();
		assertThat(r.get("standingInTheWay").size()).isZero();
		// 6.9 in one dimension is no longer green.
		assertThat(score(project, scores(9, 9, 6.9, 9, 9)).get("verdict").asString()).isEqualTo("CLOSE");
	}

	@Test
	void openDataQualityAndSecurityProblemsBlockUntilResolved() {
		String project = newProject();
		MetValue.meet(this::post, project);
		Response logged = post("/api/v1/projects/" + project + "/issues",
				Map.of("kind", "SECURITY", "title", "SSO not enforced for admins"));
		assertThat(logged.status()).as(logged.raw()).isEqualTo(201);
		post("/api/v1/projects/" + project + "/issues", Map.of("kind", "DATA_QUALITY", "title", "12 % of invoices migrated without tax ids"));
		post("/api/v1/projects/" + project + "/issues", Map.of("kind", "OTHER", "title", "Logo on the login page"));
		JsonNode r = score(project, scores(9, 9, 9, 9, 9));
		assertThat(r.get("verdict").asString()).isEqualTo("CLOSE");
		assertThat(r.get("blockers").findValuesAsString("code")).containsExactlyInAnyOrder("ISSUE_SECURITY",
				"ISSUE_DATA_QUALITY");
		assertThat(r.get("standingInTheWay").toString()).contains("Open security problem: SSO not enforced for admins");
		for (JsonNode i : get("/api/v1/projects/" + project + "/issues").body()) {
			assertThat(post("/api/v1/projects/" + project + "/issues/" + i.get("id").asString() + "/resolve",
					Map.of("resolution", "fixed")).status()).isEqualTo(200);
		}
		assertThat(score(project, scores(9, 9, 9, 9, 9)).get("verdict").asString()).isEqualTo("READY");
		// Resolving twice is a conflict of rules; bad input names the field; nothing is stored.
		String first = get("/api/v1/projects/" + project + "/issues").body().get(0).get("id").asString();
		assertProblem(post("/api/v1/projects/" + project + "/issues/" + first + "/resolve", Map.of()), 422, "issueId");
		assertProblem(post("/api/v1/projects/" + project + "/issues", Map.of("kind", "SECURITY", "title", " ")), 400, "title");
		assertProblem(post("/api/v1/projects/" + project + "/issues", Map.of("kind", "NOPE", "title", "x")), 400, null);
		assertThat(get("/api/v1/projects/" + project + "/issues").body().size()).isEqualTo(3);
	}

	@Test
	void theSuggestedValueScoreIsCappedWhileNothingIsMet() {
		String project = newProject();
		var p = projects.get(UUID.fromString(project));
		assertThat(suggestions.value(p).score()).isEqualByComparingTo("0");
		String criterion = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Invoices", "kpi",
				"invoice processing time", "kind", "QUANTITATIVE", "baseline", 10, "target", 0)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 1, "sampleSize", 50));
		// 90 % of the way, but not met: at most 6, below the floor.
		assertThat(suggestions.value(p).score()).isEqualByComparingTo("6");
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 0, "sampleSize", 50));
		assertThat(suggestions.value(p).score()).isEqualByComparingTo("8"); // met, not yet confirmed
	}

	@Test
	void onTimeIsTheSegmentsWindowInDaysOfOnboarding() {
		var p = projects.get(UUID.fromString(newProject()));
		LocalDate start = p.startDate();
		// A 90-day (enterprise) project graduating on day 100 is on time; day 85 too early, day 121 too late.
		assertThat(graduations.timing(p, Segment.ENTERPRISE, start.plusDays(100))).isEqualTo(Graduations.Timing.ON_TIME);
		assertThat(graduations.timing(p, Segment.ENTERPRISE, start.plusDays(90))).isEqualTo(Graduations.Timing.ON_TIME);
		assertThat(graduations.timing(p, Segment.ENTERPRISE, start.plusDays(120))).isEqualTo(Graduations.Timing.ON_TIME);
		assertThat(graduations.timing(p, Segment.ENTERPRISE, start.plusDays(85))).isEqualTo(Graduations.Timing.TOO_EARLY);
		assertThat(graduations.timing(p, Segment.ENTERPRISE, start.plusDays(121))).isEqualTo(Graduations.Timing.TOO_LATE);
		// An SMB graduating on day 20 is on time; mid-market 45–60.
		assertThat(graduations.timing(p, Segment.SMB, start.plusDays(20))).isEqualTo(Graduations.Timing.ON_TIME);
		assertThat(graduations.timing(p, Segment.SMB, start.plusDays(31))).isEqualTo(Graduations.Timing.TOO_LATE);
		assertThat(graduations.timing(p, Segment.MID_MARKET, start.plusDays(50))).isEqualTo(Graduations.Timing.ON_TIME);
		assertThat(graduations.timing(p, Segment.MID_MARKET, start.plusDays(100))).isEqualTo(Graduations.Timing.TOO_LATE);
	}
}
