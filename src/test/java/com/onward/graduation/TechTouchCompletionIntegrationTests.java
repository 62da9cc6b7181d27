package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.portal.FeedbackSurveys;
import com.onward.portal.PortalAccess;
import com.onward.survey.Surveys;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The tech-touch path: the day-30 goal survey (in the portal when the contact has access, by email otherwise),
 * a yes confirming value and listing the project for a person to approve its completion once READY; the NPS
 * survey at graduation and the exit interview on churn, both feeding the analytics.
 */
class TechTouchCompletionIntegrationTests extends UsageTestSupport {

	@Autowired
	FeedbackSurveys feedback;
	@Autowired
	Surveys surveys;
	@Autowired
	PortalAccess portal;
	@Autowired
	JdbcClient jdbc;

	private final LocalDate today = LocalDate.now();

	private UUID smb(LocalDate signedOn, String email) {
		return account(10, "DAILY", signedOn, 40, 5_000,
				List.of(Map.of("name", "Rina Putri", "email", email, "role", "PROJECT_LEAD")));
	}

	private String projectOf(UUID account) {
		return get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
	}

	private Map<String, Object> survey(UUID account, String kind) {
		return jdbc.sql("select id, token, emailed, uniqueness_key from survey_request where account_id = :a and kind = :k")
			.param("a", account).param("k", kind).query().listOfRows().stream().findFirst().orElse(null);
	}

	private int outbox(String template, String recipient) {
		return jdbc.sql("select count(*) from outbox_message where template = :t and recipient = :r").param("t", template)
			.param("r", recipient).query(Integer.class).single();
	}

	private static <T> T await(Supplier<T> value) throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			T v = value.get();
			if (v != null && !Boolean.FALSE.equals(v)) return v;
			Thread.sleep(50);
		}
		throw new AssertionError("never happened");
	}

	private String reviewStatus(String project) {
		return jdbc.sql("select status from graduation_ready_review where project_id = cast(:p as uuid)").param("p", project)
			.query(String.class).optional().orElse(null);
	}

	@Test
	void anSmbDay30GoalSurveyYesListsTheProjectForCompletionReview() throws Exception {
		String email = unique("rina") + "@smb.example";
		UUID account = smb(today.minusDays(30), email);
		String project = projectOf(account);
		// A mid-market project on day 30 gets no goal survey; an SMB one on day 20 not yet.
		UUID mid = account(10, "DAILY", today.minusDays(30), 300, 20_000,
				List.of(Map.of("name", "Dewi", "email", unique("dewi") + "@mid.example", "role", "PROJECT_LEAD")));
		UUID young = smb(today.minusDays(20), unique("young") + "@smb.example");
		String criterion = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Bookkeeping",
				"kpi", "books closed in the product each month", "kind", "QUALITATIVE")).body().get("id").asString();

		assertThat(feedback.sendGoalSurveys()).isPositive();
		Map<String, Object> goal = survey(account, "GOAL");
		assertThat(goal).isNotNull();
		assertThat(goal.get("emailed")).isEqualTo(true);
		assertThat(outbox("survey-goal", email)).isEqualTo(1);
		assertThat(survey(mid, "GOAL")).isNull();
		assertThat(survey(young, "GOAL")).isNull();
		// Once per project.
		feedback.sendGoalSurveys();
		assertThat(outbox("survey-goal", email)).isEqualTo(1);

		// The customer answers yes on the survey page: value confirmed, waiting for READY.
		surveys.answer((String) goal.get("token"), 1, null);
		assertThat(await(() -> reviewStatus(project))).isEqualTo("AWAITING_READY");
		JsonNode confirmed = get("/api/v1/success-criteria/" + criterion).body();
		assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(get("/api/v1/ready-to-complete").body().findValuesAsString("projectId")).doesNotContain(project);

		// The scorecard is READY: listed for a person, not completed.
		var scores = new LinkedHashMap<String, Object>(Map.of("technical", 9, "knowledge", 8, "adoption", 7, "value", 9,
				"stakeholder", 8));
		Response card = post("/api/v1/projects/" + project + "/scorecard", scores);
		assertThat(card.body().get("verdict").asString()).as(card.raw()).isEqualTo("READY");
		assertThat(reviewStatus(project)).isEqualTo("LISTED");
		JsonNode listed = null;
		for (JsonNode c : get("/api/v1/ready-to-complete").body()) {
			if (c.get("projectId").asString().equals(project)) listed = c;
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("segment").asString()).isEqualTo("SMB");
		assertThat(listed.get("onboardingDay").asInt()).isEqualTo(30);
		assertThat(get("/api/v1/projects/" + project).body().get("status").asString()).isNotEqualTo("COMPLETED");

		// A person approves: the project graduates and leaves the list; a second approval is refused.
		Response approved = post("/api/v1/projects/" + project + "/ready-to-complete/approve", Map.of("ongoingCsm", "Andi"));
		assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
		assertThat(approved.body().get("timing").asString()).isEqualTo("ON_TIME");
		assertThat(get("/api/v1/projects/" + project).body().get("status").asString()).isEqualTo("COMPLETED");
		assertThat(get("/api/v1/ready-to-complete").body().findValuesAsString("projectId")).doesNotContain(project);
		assertThat(get("/api/v1/ready-to-complete?status=APPROVED").body().findValuesAsString("projectId")).contains(project);
		assertThat(post("/api/v1/projects/" + project + "/ready-to-complete/approve", Map.of()).status()).isEqualTo(422);
		assertThat(get("/api/v1/ready-to-complete?status=NOPE").status()).isEqualTo(400);

		// Graduation sends the NPS survey; a promoter's answer shows in the analytics by segment and speed.
		Map<String, Object> nps = await(() -> survey(account, "NPS"));
		assertThat(nps.get("uniqueness_key")).isEqualTo("nps:graduation:" + project);
		surveys.answer((String) nps.get("token"), 10, "Quick and clear");
		JsonNode analytics = get("/api/v1/analytics/feedback").body();
		JsonNode smbNps = null;
		for (JsonNode g : analytics.get("npsBySegment")) if (g.get("group").asString().equals("SMB")) smbNps = g;
		assertThat(smbNps.get("promoters").asInt()).isPositive();
		assertThat(analytics.get("npsByOnboardingSpeed").findValuesAsString("group")).contains("ON_TIME");

		// The customer churns: the exit interview goes out, and its reason is counted.
		Response renewal = post("/api/v1/accounts/" + account + "/renewals", Map.of("date", today.toString(), "outcome", "CHURNED"));
		assertThat(renewal.status()).as(renewal.raw()).isBetween(200, 201);
		Map<String, Object> exit = await(() -> survey(account, "EXIT"));
		int before = exitCount(3);
		surveys.answer((String) exit.get("token"), 3, "We never saw the savings");
		assertThat(exitCount(3)).isEqualTo(before + 1);
	}

	private int exitCount(int code) {
		for (JsonNode r : get("/api/v1/analytics/feedback").body().get("exitReasons")) {
			if (r.get("code").asInt() == code) {
				assertThat(r.get("reason").asString()).isEqualTo("We did not see the value we expected");
				return r.get("answers").asInt();
			}
		}
		throw new AssertionError("no reason " + code);
	}

	@Test
	void inThePortalWhenTheContactHasAccessAndANoIsNotListed() throws Exception {
		String email = unique("budi") + "@smb.example";
		UUID account = smb(today.minusDays(31), email);
		String project = projectOf(account);
		UUID contact = UUID.fromString(get("/api/v1/accounts/" + account + "/contacts").body().get(0).get("id").asString());
		portal.setContactAccess(account, contact, true);
		feedback.sendGoalSurveys();
		Map<String, Object> goal = survey(account, "GOAL");
		assertThat(goal.get("emailed")).isEqualTo(false);
		assertThat(outbox("survey-goal", email)).isZero();
		// Out of the yes/no range is refused, naming the score.
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> surveys.answer(account, (UUID) goal.get("id"), 2, null))
			.isInstanceOf(com.onward.shared.InvalidInputException.class).hasMessageContaining("score");
		// Answered "no" from the portal: nothing is confirmed or listed.
		surveys.answer(account, (UUID) goal.get("id"), 0, "Still migrating");
		Thread.sleep(500);
		assertThat(reviewStatus(project)).isNull();
	}
}
