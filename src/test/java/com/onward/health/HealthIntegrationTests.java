package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.onward.shared.ContactRole;
import com.onward.testing.Scenarios;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** The health score of a real account, explained over the API; flags raised and cleared as data changes. */
@RecordApplicationEvents
class HealthIntegrationTests extends UsageTestSupport {

	@Autowired
	Health health;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	private final LocalDate today = LocalDate.now();

	@Autowired
	Scenarios scenarios;

	/** A mid-market account with 20 seats on day {@code day} of its onboarding; Siti Rahma leads its project. */
	private UUID midMarketAccount(int day) {
		return scenarios.midMarketAccount().seats(20).onDay(day)
			.contact("Siti Rahma", "siti@health.example", ContactRole.PROJECT_LEAD).sign().accountId();
	}

	private Map<String, JsonNode> components(JsonNode health) {
		var map = new LinkedHashMap<String, JsonNode>();
		health.get("components").forEach(c -> map.put(c.get("name").asString(), c));
		return map;
	}

	@Test
	void aKnownAccountExplainedComponentByComponentAndItsFlagsRaisedAndCleared() throws Exception {
		// Telemetry is connected: some account has sent usage.
		sendOk(List.of(event(scenarios.smbAccount().seats(5).onDay(3).sign().accountId(), "someone", "LOGIN",
				Instant.now().minus(1, ChronoUnit.HOURS))));
		UUID account = midMarketAccount(20);
		JsonNode contact = get("/api/v1/accounts/" + account + "/contacts").body().get(0);
		var update = new LinkedHashMap<String, Object>();
		update.put("name", "Siti Rahma");
		update.put("role", "PROJECT_LEAD");
		update.put("engagement", "HIGH");
		update.put("sentiment", "POSITIVE");
		update.put("lastContactOn", today.toString());
		assertThat(call("PUT", "/api/v1/accounts/" + account + "/contacts/" + contact.get("id").asString(), update)
			.status()).isEqualTo(200);

		health.recompute(List.of(account));
		JsonNode h = get("/api/v1/accounts/" + account + "/health").body();
		Map<String, JsonNode> c = components(h);
		assertThat(c.keySet()).containsExactly("adoption", "engagement", "milestones", "value", "support", "sentiment");
		assertThat(c.get("adoption").get("weight").asDouble()).isEqualTo(0.3);

		// Expected values from the project's own plan: homework and milestones due before today, none done.
		JsonNode project = get("/api/v1/projects/" + projectOf(account)).body();
		int homeworkDue = 0;
		int milestonesDue = 0;
		String kickoffId = null;
		for (JsonNode phase : project.get("phases")) {
			for (JsonNode item : phase.get("items")) {
				boolean due = LocalDate.parse(item.get("dueDate").asString()).isBefore(today);
				if (item.get("customerHomework").asBoolean() && due) homeworkDue++;
				if (item.get("kind").asString().equals("MILESTONE") && due) {
					milestonesDue++;
					if (kickoffId == null) kickoffId = item.get("id").asString();
				}
			}
		}
		assertThat(milestonesDue).as("a 20-day-old mid-market plan has milestones due").isPositive();
		// Adoption: nobody has logged in on day 20, against a 47 % activation target.
		assertThat(c.get("adoption").get("score").asInt()).isZero();
		assertThat(c.get("adoption").get("inputs").get("activatedUsers").asInt()).isZero();
		assertThat(c.get("adoption").get("explanation").asString()).contains("20");
		assertThat(c.get("adoption").get("toRaise").asString()).isNotBlank();
		// Engagement: the project lead is highly engaged and was spoken to today; homework not done.
		int engagement = homeworkDue == 0 ? 100 : Math.round((100 + 100 + 0) / 3f);
		assertThat(c.get("engagement").get("score").asInt()).isEqualTo(engagement);
		assertThat(c.get("engagement").get("inputs").get("daysSinceLastContact").asInt()).isZero();
		assertThat(c.get("milestones").get("score").asInt()).isZero();
		assertThat(c.get("milestones").get("inputs").get("missedOpen").asInt()).isEqualTo(milestonesDue);
		assertThat(c.get("value").get("noData").asBoolean()).isTrue();
		assertThat(c.get("value").has("score")).isFalse();
		assertThat(c.get("value").get("effectiveWeight").asDouble()).isZero();
		assertThat(c.get("support").get("noData").asBoolean()).isTrue();
		assertThat(c.get("sentiment").get("score").asInt()).isEqualTo(100);
		// Re-weighted over the four components with data: (0.3 x 0 + 0.2 x eng + 0.2 x 0 + 0.1 x 100) / 0.8
		int expected = (int) Math.round((0.2 * engagement + 0.1 * 100) / 0.8);
		assertThat(h.get("score").asInt()).isEqualTo(expected);
		assertThat(h.get("band").asString()).isEqualTo(expected >= 80 ? "GREEN" : expected >= 60 ? "YELLOW" : "RED");
		double sum = 0;
		for (JsonNode comp : h.get("components")) sum += comp.get("contribution").asDouble();
		assertThat(sum).isBetween(expected - 0.6, expected + 0.6);

		List<String> open = h.get("redFlags").findValuesAsString("code");
		assertThat(open).contains("NO_LOGIN_AFTER_ACCESS", "EARLY_WARNING_WEEK_2");
		JsonNode noLogin = flag(h, "NO_LOGIN_AFTER_ACCESS");
		assertThat(noLogin.get("category").asString()).isEqualTo("USER_ADOPTION");
		assertThat(noLogin.get("evidence").asString()).contains("20");
		assertThat(events.stream(RedFlagRaised.class)
			.filter(e -> e.accountId().equals(account) && e.code().equals("NO_LOGIN_AFTER_ACCESS"))).hasSize(1);
		assertThat(events.stream(HealthBandChanged.class).filter(e -> e.accountId().equals(account)))
			.singleElement().satisfies(e -> assertThat(e.from()).isEqualTo(HealthBand.NO_DATA));
		// Recomputing with nothing new raises nothing twice.
		health.recompute(List.of(account));
		assertThat(events.stream(RedFlagRaised.class).filter(e -> e.accountId().equals(account))
			.filter(e -> e.code().equals("NO_LOGIN_AFTER_ACCESS"))).hasSize(1);

		// Users log in and the kickoff is done: the account is marked stale and the refresh clears the flag.
		sendOk(List.of(event(account, "u1", "LOGIN", Instant.now().minus(2, ChronoUnit.HOURS)),
				event(account, "u2", "LOGIN", Instant.now().minus(1, ChronoUnit.HOURS))));
		com.onward.Gates.handoffFormFilled(this, project.get("id").asString());
		assertThat(call("PATCH", "/api/v1/projects/" + project.get("id").asString() + "/items/" + kickoffId,
				Map.of("status", "DONE")).status()).isEqualTo(200);
		awaitStale(account);
		health.refreshStale();
		JsonNode after = get("/api/v1/accounts/" + account + "/health").body();
		assertThat(after.get("redFlags").findValuesAsString("code")).doesNotContain("NO_LOGIN_AFTER_ACCESS");
		assertThat(components(after).get("adoption").get("inputs").get("activatedUsers").asInt()).isEqualTo(2);
		assertThat(components(after).get("adoption").get("score").asInt()).isPositive();
		// Done today, after its planned date: late counts half.
		assertThat(components(after).get("milestones").get("inputs").get("late").asInt()).isEqualTo(1);
		assertThat(components(after).get("milestones").get("score").asInt())
			.isEqualTo((int) Math.round(100 * 0.5 / milestonesDue));
		JsonNode history = get("/api/v1/accounts/" + account + "/red-flags").body();
		JsonNode cleared = null;
		for (JsonNode f : history) {
			if (f.get("code").asString().equals("NO_LOGIN_AFTER_ACCESS")) cleared = f;
		}
		assertThat(cleared).isNotNull();
		assertThat(cleared.get("clearedAt")).isNotNull();

		// What changed since last week: a week ago the score was 10 and adoption (the first component) 0.
		jdbc.sql("""
				insert into health_history (account_id, day, score, band, components)
				select account_id, :d, 10, 'RED', jsonb_set(components, '{0,score}', '0')
				from health_score where account_id = :a""")
			.param("a", account).param("d", today.minusDays(7)).update();
		JsonNode withHistory = get("/api/v1/accounts/" + account + "/health").body();
		assertThat(withHistory.get("changeSinceLastWeek").asInt()).isEqualTo(withHistory.get("score").asInt() - 10);
		assertThat(components(withHistory).get("adoption").get("changeSinceLastWeek").asInt())
			.isEqualTo(components(withHistory).get("adoption").get("score").asInt());
		assertThat(get("/api/v1/accounts/" + account + "/health/history").body().size()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void correctiveActionsFromAFlagAndTheRiskRegister() {
		UUID account = midMarketAccount(20);
		JsonNode h = post("/api/v1/accounts/" + account + "/health/recompute", null).body();
		JsonNode flag = h.get("redFlags").get(0);
		assertThat(flag).isNotNull();
		FlagCategory category = FlagCategory.valueOf(flag.get("category").asString());

		assertProblem(post("/api/v1/accounts/" + account + "/corrective-actions",
				Map.of("flagId", flag.get("id").asString(), "owner", "Budi", "dueDate", today.minusDays(1).toString())),
				422, "dueDate");
		assertProblem(post("/api/v1/accounts/" + account + "/corrective-actions", Map.of("owner", "Budi")), 400, "flagId");
		Response opened = post("/api/v1/accounts/" + account + "/corrective-actions",
				Map.of("flagId", flag.get("id").asString(), "owner", "Budi", "dueDate", today.plusDays(5).toString()));
		assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
		assertThat(opened.body().get("problem").asString()).isEqualTo(category.problem().name());
		String actionId = opened.body().get("id").asString();
		Response done = call("PATCH", "/api/v1/accounts/" + account + "/corrective-actions/" + actionId,
				Map.of("status", "DONE"));
		assertThat(done.body().get("status").asString()).isEqualTo("DONE");
		assertProblem(call("PATCH", "/api/v1/accounts/" + account + "/corrective-actions/" + actionId,
				Map.of("status", "CANCELLED")), 422, "status");

		assertThat(get("/api/v1/red-flags?category=" + category).body().get("items").findValuesAsString("accountId"))
			.contains(account.toString());
		assertProblem(get("/api/v1/red-flags?category=GRUMPY"), 400, "category");

		String projectId = projectOf(account);
		JsonNode risks = get("/api/v1/projects/" + projectId + "/risks").body();
		assertThat(risks.findValuesAsString("code")).containsExactly("CUSTOMER_RESOURCES", "TECHNICAL_COMPLEXITY",
				"USER_RESISTANCE", "COMPETING_PRIORITIES", "SCOPE_CREEP");
		assertThat(risks.get(0).get("exposure").asInt()).isEqualTo(12); // 3 x 4
		String riskId = risks.get(0).get("id").asString();
		var review = new LinkedHashMap<String, Object>(Map.of("probability", 5, "impact", 5, "status", "MITIGATING",
				"mitigation", "Confirm resources at kickoff", "owner", "Budi", "note", "Two key users left"));
		Response reviewed = call("PUT", "/api/v1/projects/" + projectId + "/risks/" + riskId, review);
		assertThat(reviewed.body().get("exposure").asInt()).isEqualTo(25);
		review.put("probability", 6);
		assertProblem(call("PUT", "/api/v1/projects/" + projectId + "/risks/" + riskId, review), 400, "probability");
		JsonNode reviews = get("/api/v1/projects/" + projectId + "/risks/" + riskId + "/reviews").body();
		assertThat(reviews.size()).isEqualTo(1);
		assertThat(reviews.get(0).get("note").asString()).isEqualTo("Two key users left");
		Response added = post("/api/v1/projects/" + projectId + "/risks",
				Map.of("title", "Data centre move in Q3", "probability", 2, "impact", 5));
		assertThat(added.status()).isEqualTo(201);
		assertThat(get("/api/v1/projects/" + projectId + "/risks").body().size()).isEqualTo(6);
	}

	@Test
	void unknownAccountsAndViewersAreAnsweredProperly() {
		assertProblem(get("/api/v1/accounts/" + UUID.randomUUID() + "/health"), 404, null);
		String viewer = post("/api/v1/admin/tokens", Map.of("name", unique("viewer"), "role", "VIEWER")).body()
			.get("token").asString();
		assertThat(call("POST", "/api/v1/health/recompute", null, viewer).status()).isEqualTo(403);
		Response all = post("/api/v1/health/recompute", null);
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.body().get("accounts").asInt()).isPositive();
	}

	private String projectOf(UUID account) {
		return get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
	}

	private static JsonNode flag(JsonNode health, String code) {
		for (JsonNode f : health.get("redFlags")) {
			if (f.get("code").asString().equals(code)) return f;
		}
		throw new AssertionError("no flag " + code + " in " + health);
	}

	private void awaitStale(UUID account) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			if (jdbc.sql("select count(*) from health_stale where account_id = :a").param("a", account)
				.query(Integer.class).single() > 0) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the account was never marked stale");
	}
}
