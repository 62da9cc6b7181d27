package com.onward.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** ANL-4..6 over the API: the seeds' examples exactly (with the corrected capacity figure) and edge cases. */
class PlanningCalculatorsIntegrationTests extends IntegrationTest {

	private static Map<String, Object> capacity(double customers, double periodWeeks, double weeks, double perSpecialist,
			double buffer) {
		return Map.of("newCustomersPerPeriod", customers, "periodWeeks", periodWeeks, "avgDurationWeeks", weeks,
				"onboardingsPerSpecialist", perSpecialist, "bufferPercent", buffer);
	}

	@Test
	void capacityByLittlesLawCorrectsTheSeedsExample() {
		Response r = post("/api/v1/planning/capacity", capacity(50, 13, 8, 10, 0));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("concurrentOnboardings").asDouble()).isEqualTo(30.8);
		assertThat(r.body().get("specialistsNeeded").asInt()).as("not the seeds' 2").isEqualTo(4);
		assertThat(r.body().get("derivation").asString()).contains("Little", "3.85 × 8 = 30.8", "4 specialists");
		// The seeds' 100 → "4" and 200 → "8" are 7 and 13.
		assertThat(post("/api/v1/planning/capacity", capacity(100, 13, 8, 10, 0)).body().get("specialistsNeeded").asInt())
			.isEqualTo(7);
		assertThat(post("/api/v1/planning/capacity", capacity(200, 13, 8, 10, 0)).body().get("specialistsNeeded").asInt())
			.isEqualTo(13);
		// A buffer of 30 %: 30.77 × 1.3 = 40.0 → exactly 4 at 10 each, not 5.
		JsonNode buffered = post("/api/v1/planning/capacity", capacity(50, 13, 8, 10, 30)).body();
		assertThat(buffered.get("withBuffer").asDouble()).isEqualTo(40.0);
		assertThat(buffered.get("specialistsNeeded").asInt()).isEqualTo(4);
		// No new customers: nobody needed.
		JsonNode none = post("/api/v1/planning/capacity", capacity(0, 13, 8, 10, 0)).body();
		assertThat(none.get("concurrentOnboardings").asDouble()).isZero();
		assertThat(none.get("specialistsNeeded").asInt()).isZero();
	}

	@Test
	void capacityDerivationSpeaksTheUsersLanguage() throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/planning/capacity"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
			.header("Cookie", "onward-lang=id")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(capacity(50, 13, 8, 10, 0))))
			.build();
		String body = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(json.readTree(body).get("derivation").asString()).as(body).contains("hukum Little", "4 spesialis");
	}

	@Test
	void capacityRejectsBadInputNamingTheField() {
		assertProblem(post("/api/v1/planning/capacity", capacity(50, 0, 8, 10, 0)), 400, "periodWeeks");
		var missing = new LinkedHashMap<String, Object>(capacity(50, 13, 8, 10, 0));
		missing.remove("onboardingsPerSpecialist");
		assertProblem(post("/api/v1/planning/capacity", missing), 400, "onboardingsPerSpecialist");
		assertProblem(post("/api/v1/planning/capacity", capacity(50, 13, 8, 10, -1)), 400, "bufferPercent");
	}

	@Test
	void roiOfTheSeedsExample() {
		Response r = post("/api/v1/planning/roi", Map.of("newCustomersPerYear", 200, "acv",
				Map.of("amount", 30000, "currency", "USD"), "retentionBefore", 0.82, "retentionAfter", 0.91, "investment",
				Map.of("amount", 200000, "currency", "USD")));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("additionalCustomersRetained").asInt()).isEqualTo(18);
		assertThat(r.body().get("additionalCustomersRetained").asString()).isEqualTo("18");
		assertThat(r.body().get("additionalRevenue").get("amount").asString()).isEqualTo("540000");
		assertThat(r.body().get("additionalRevenue").get("currency").asString()).isEqualTo("USD");
		assertThat(r.body().get("roiPercent").asString()).isEqualTo("170");
		assertThat(r.body().get("grossRatio").asString()).isEqualTo("2.7");
		assertThat(r.body().get("derivation").asString()).contains("(540000 − 200000) ÷ 200000 = 170 %");
		// Years 1–5: a new cohort a year, each kept at the scenario's own retention, the investment every year.
		JsonNode years = r.body().get("years");
		assertThat(years).hasSize(5);
		assertThat(years.get(0).get("additionalCustomers").asString()).isEqualTo("18");
		assertThat(years.get(0).get("netBenefit").asString()).isEqualTo("340000");
		assertThat(years.get(0).get("cumulativeRoiPercent").asString()).isEqualTo("170");
		// Year 2: 200 × (0.91 − 0.82) + 200 × (0.91² − 0.82²) = 18 + 31.14 = 49.14 more customers.
		assertThat(years.get(1).get("additionalCustomers").asString()).isEqualTo("49.14");
		assertThat(years.get(1).get("additionalRevenue").get("amount").asString()).isEqualTo("1474200");
		assertThat(years.get(1).get("netBenefit").asString()).isEqualTo("1274200");
		assertThat(years.get(1).get("cumulativeNet").asString()).isEqualTo("1614200");
		assertThat(years.get(1).get("cumulativeRoiPercent").asString()).isEqualTo("403.6");
		assertThat(years.get(4).get("year").asInt()).isEqualTo(5);
		assertThat(years.get(4).get("additionalCustomers").asString()).isEqualTo("186.96");
		assertThat(years.get(4).get("cumulativeRoiPercent").asString()).isEqualTo("1340");
	}

	@Test
	void roiEdgeCases() {
		// No improvement: nothing gained, the whole investment lost.
		JsonNode flat = post("/api/v1/planning/roi", Map.of("newCustomersPerYear", 200, "acv",
				Map.of("amount", 30000, "currency", "USD"), "retentionBefore", 0.82, "retentionAfter", 0.82, "investment",
				Map.of("amount", 200000, "currency", "USD"))).body();
		assertThat(flat.get("additionalCustomersRetained").asInt()).isZero();
		assertThat(flat.get("roiPercent").asInt()).isEqualTo(-100);
		assertThat(flat.get("years").get(4).get("cumulativeNet").asString()).isEqualTo("-1000000");
		assertThat(flat.get("years").get(4).get("cumulativeRoiPercent").asString()).isEqualTo("-100");
		assertProblem(post("/api/v1/planning/roi", Map.of("newCustomersPerYear", 200, "acv",
				Map.of("amount", 30000, "currency", "USD"), "retentionBefore", 0.91, "retentionAfter", 0.82, "investment",
				Map.of("amount", 200000, "currency", "USD"))), 400, "retentionAfter");
		assertProblem(post("/api/v1/planning/roi", Map.of("newCustomersPerYear", 200, "acv",
				Map.of("amount", 30000, "currency", "USD"), "retentionBefore", 1.2, "retentionAfter", 0.82, "investment",
				Map.of("amount", 200000, "currency", "USD"))), 400, "retentionBefore");
	}

	@Test
	void ltvOfTheSeedsExample() {
		Response r = post("/api/v1/planning/ltv", Map.of("acv", Map.of("amount", 30000, "currency", "USD"), "customers", 100,
				"fast", Map.of("ttvDays", 30, "lifetimeYears", 6), "slow", Map.of("ttvDays", 90, "lifetimeYears", 4)));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("fastLtv").get("amount").asString()).isEqualTo("180000");
		assertThat(r.body().get("slowLtv").get("amount").asString()).isEqualTo("120000");
		assertThat(r.body().get("lossPerCustomer").get("amount").asString()).isEqualTo("60000");
		assertThat(r.body().get("totalLoss").get("amount").asString()).isEqualTo("6000000");
		assertThat(r.body().get("fastLifetimeSource").asString()).isEqualTo("INPUT");
	}

	@Test
	void ltvWithoutLifetimeOrTtvNamesTheField() {
		assertProblem(post("/api/v1/planning/ltv", Map.of("acv", Map.of("amount", 30000, "currency", "USD"), "fast",
				Map.of(), "slow", Map.of("lifetimeYears", 4))), 422, null);
		Response r = post("/api/v1/planning/ltv", Map.of("acv", Map.of("amount", 30000, "currency", "USD"), "fast",
				Map.of(), "slow", Map.of("lifetimeYears", 4)));
		assertThat(r.raw()).contains("fast.ttvDays");
		assertProblem(post("/api/v1/planning/ltv", Map.of("acv", Map.of("amount", -1, "currency", "USD"), "fast",
				Map.of("lifetimeYears", 6), "slow", Map.of("lifetimeYears", 4))), 400, "acv.amount");
	}

	private static Map<String, Object> whatIf(int specialists) {
		return Map.of("weeks", 26, "arrivalsPerWeek", 4, "avgDurationWeeks", 8, "specialists", specialists,
				"onboardingsPerSpecialist", 10);
	}

	@Test
	void whatIfBacklogGrowsWeekByWeekAndOneMoreSpecialistRemovesIt() {
		Response r = post("/api/v1/planning/what-if", whatIf(3));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		JsonNode body = r.body();
		assertThat(body.get("specialistsNeeded").asInt()).isEqualTo(4);
		assertThat(body.get("steadyStateConcurrent").asDouble()).isEqualTo(32.0);
		List<JsonNode> weeks = body.get("weeks").valueStream().toList();
		assertThat(weeks).hasSize(26);
		assertThat(weeks.get(0).get("week").asInt()).isEqualTo(1);
		assertThat(weeks.get(0).get("active").asDouble()).isEqualTo(4.0);
		assertThat(weeks.get(0).get("waiting").asDouble()).isZero();
		assertThat(weeks.get(0).get("utilisation").asDouble()).isEqualTo(0.13);
		// Capacity 30 is full in week 8 (32 would be needed): from then on the backlog never shrinks and
		// grows by 2 each time the cohort that could only half start comes round again (weeks 8, 16, 24).
		assertThat(weeks.get(6).get("waiting").asDouble()).isZero();
		for (int w = 8; w < 26; w++) {
			assertThat(weeks.get(w).get("waiting").asDouble()).as("week " + (w + 1))
				.isGreaterThanOrEqualTo(weeks.get(w - 1).get("waiting").asDouble());
			assertThat(weeks.get(w).get("utilisation").asDouble()).isEqualTo(1.0);
		}
		assertThat(weeks.get(7).get("waiting").asDouble()).isEqualTo(2.0);
		assertThat(weeks.get(15).get("waiting").asDouble()).isEqualTo(4.0);
		assertThat(weeks.get(25).get("waiting").asDouble()).isEqualTo(6.0);
		assertThat(body.get("maxWaiting").asDouble()).isEqualTo(6.0);
		JsonNode hired = post("/api/v1/planning/what-if", whatIf(4)).body();
		assertThat(hired.get("weeks").valueStream().mapToDouble(w -> w.get("waiting").asDouble()).max().orElseThrow())
			.isZero();
		assertThat(hired.get("weeks").get(25).get("active").asDouble()).isEqualTo(32.0);
		assertThat(hired.get("maxWaiting").asDouble()).isZero();
	}

	@Test
	void whatIfRejectsInvalidInputNamingTheField() {
		var bad = new LinkedHashMap<String, Object>(whatIf(3));
		bad.put("weeks", 0);
		assertProblem(post("/api/v1/planning/what-if", bad), 400, "weeks");
		var missing = new LinkedHashMap<String, Object>(whatIf(3));
		missing.remove("arrivalsPerWeek");
		assertProblem(post("/api/v1/planning/what-if", missing), 400, "arrivalsPerWeek");
		var negative = new LinkedHashMap<String, Object>(whatIf(3));
		negative.put("specialists", -1);
		assertProblem(post("/api/v1/planning/what-if", negative), 400, "specialists");
		assertProblem(post("/api/v1/planning/what-if", "{\"weeks\": \"many\"}"), 400, "weeks");
	}

	@Test
	void whatIfTakesAssumptionsFromASegmentsOwnData() {
		Response r = post("/api/v1/planning/what-if", Map.of("segment", "SMB", "weeks", 4, "arrivalsPerWeek", 1,
				"avgDurationWeeks", 2, "onboardingsPerSpecialist", 5));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("assumptions").get("specialists").isNumber()).isTrue();
		assertThat(get("/api/v1/planning/capacity/segments").body().findValuesAsString("segment"))
			.containsExactly("ENTERPRISE", "MID_MARKET", "SMB");
	}
}
