package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/** ANL-7: the monthly review, fast vs slow quartiles and retrospective notes. */
class ReviewIntegrationTests extends IntegrationTest {

	@Test
	void monthlyReviewWithNotes() {
		Response note = post("/api/v1/analytics/review/notes", Map.of("month", "2013-04", "note", "Kickoffs slipped: holidays"));
		assertThat(note.status()).as(note.raw()).isEqualTo(201);
		Response review = get("/api/v1/analytics/review?month=2013-04");
		assertThat(review.status()).as(review.raw()).isEqualTo(200);
		assertThat(review.body().get("notes").findValuesAsString("note")).containsExactly("Kickoffs slipped: holidays");
		assertThat(review.body().get("month").get("month").asString()).isEqualTo("2013-04");
		assertThat(review.body().get("previous").get("month").asString()).isEqualTo("2013-03");
		assertThat(review.body().get("month").get("firstValues").asInt()).isZero();
		assertProblem(post("/api/v1/analytics/review/notes", Map.of("month", "2013-04", "note", " ")), 400, "note");
		assertProblem(get("/api/v1/analytics/review?month=April"), 400, "month");
	}

	@org.springframework.beans.factory.annotation.Autowired
	java.time.Clock clock;

	@Test
	void fastAndSlowOnboardingsAreComparedByPlaybookAndCustomisationFactor() {
		java.time.LocalDate signed = java.time.LocalDate.now(clock).minusDays(70);
		for (int i = 0; i < 4; i++) {
			boolean complex = i < 2;
			var body = new java.util.HashMap<String, Object>(contract(unique("fs"), signed + "T09:00:00Z", 40, 8000, "en"));
			if (complex) body.put("factors", Map.of("complexity", "HIGH", "integrations", 3));
			Response c = post("/api/v1/contracts", body);
			assertThat(c.status()).as(c.raw()).isEqualTo(201);
			Response fv = call("PUT", "/api/v1/projects/" + c.body().get("projectId").asString() + "/first-value",
					Map.of("date", signed.plusDays(complex ? 60 : 3).toString()));
			assertThat(fv.status()).as(fv.raw()).isEqualTo(200);
		}
		tools.jackson.databind.JsonNode review = get("/api/v1/analytics/review").body();
		long fastest = 0, slowest = 0;
		for (tools.jackson.databind.JsonNode q : review.get("fastVsSlow")) {
			if (q.get("key").asString().equals("FASTEST")) fastest = q.get("onboardings").asLong();
			else slowest = q.get("onboardings").asLong();
		}
		assertThat(fastest).isPositive();
		long playbookFast = 0, playbookSlow = 0;
		var factors = new java.util.ArrayList<String>();
		for (tools.jackson.databind.JsonNode f : review.get("fastVsSlowFactors")) {
			long fast = f.get("fastest").asLong(), slow = f.get("slowest").asLong();
			assertThat(f.get("fastestShare").asDouble()).isEqualTo(Math.round(10000.0 * fast / fastest) / 10000.0);
			if (slowest > 0) assertThat(f.get("slowestShare").asDouble()).isEqualTo(Math.round(10000.0 * slow / slowest) / 10000.0);
			if (f.get("dimension").asString().equals("PLAYBOOK")) {
				playbookFast += fast;
				playbookSlow += slow;
			}
			else factors.add(f.get("value").asString());
		}
		assertThat(playbookFast).as("every onboarding of a quarter has one playbook (or none, imported)").isEqualTo(fastest);
		assertThat(playbookSlow).isEqualTo(slowest);
		assertThat(factors).isSubsetOf("COMPLEXITY", "INTEGRATIONS", "DATA_VOLUME", "LIMITED_CUSTOMER_RESOURCES",
				"BUSY_SEASON", "NONE").isNotEmpty();
	}
}
