package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * ANL-1: first value from the success plan (recomputed on its events), a person's override that
 * wins (and moves the account between retention buckets) until removed, go-live from the milestone.
 * Contracts are signed in 2015, a window no other test uses.
 */
class FirstValueIntegrationTests extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	com.onward.portfolio.Portfolio portfolio;

	private static final String WINDOW = "from=2015-03-01&to=2015-03-01";

	private String criterion(String projectId, String kpi) {
		Response c = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Invoices", "kpi", kpi,
				"unit", "days", "kind", "QUANTITATIVE", "baseline", 6, "target", 3.6));
		assertThat(c.status()).as(c.raw()).isEqualTo(201);
		return c.body().get("id").asString();
	}

	private int bucket(String key) {
		for (JsonNode b : get("/api/v1/analytics/retention?by=ttv&" + WINDOW).body().get("buckets")) {
			if (b.get("key").asString().equals(key)) return b.get("accounts").asInt();
		}
		throw new AssertionError(key);
	}

	private String retention() {
		return get("/api/v1/analytics/retention?by=ttv&" + WINDOW).raw();
	}

	@Test
	void firstValueFromTheSuccessPlanAnOverrideThatWinsAndGoLiveFromTheMilestone() {
		Response signed = post("/api/v1/contracts", contract(unique("fv"), "2015-03-01T09:00:00Z", 40, 8000, "en"));
		assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
		String project = signed.body().get("projectId").asString();
		JsonNode before = get("/api/v1/projects/" + project).body();
		assertThat(before.has("firstValueDate")).as("no criterion met yet").isFalse();
		assertThat(before.has("goLiveDate")).isFalse();
		assertThat(before.get("forecastGoLiveDate").asString()).isNotBlank();
		assertThat(bucket("NEVER")).as("signed more than 90 days ago without value").isEqualTo(1);

		String first = criterion(project, "Processing time " + unique("k"));
		post("/api/v1/success-criteria/" + first + "/measurements", Map.of("measuredOn", "2015-03-11", "value", 4.8));
		assertThat(get("/api/v1/projects/" + project).body().has("firstValueDate")).as("halfway is not value").isFalse();
		post("/api/v1/success-criteria/" + first + "/measurements", Map.of("measuredOn", "2015-03-21", "value", 3.5));
		JsonNode met = get("/api/v1/projects/" + project).body();
		assertThat(met.get("firstValueDate").asString()).isEqualTo("2015-03-21");
		assertThat(met.get("timeToValueDays").asInt()).isEqualTo(20);
		assertThat(met.get("firstValueOverridden").asBoolean()).isFalse();
		assertThat(bucket("LE_30")).as(retention()).isEqualTo(1);
		assertThat(bucket("NEVER")).isZero();
		// The portfolio shows the time to value and filters by it.
		String name = get("/api/v1/accounts/" + signed.body().get("accountId").asString()).body().get("name").asString();
		var fast = portfolio.page(new com.onward.portfolio.Portfolio.Filter(null, null, false, false, name, null, null, "LE_30"), 0, 10);
		assertThat(fast.items()).singleElement().satisfies(r -> assertThat(r.ttvDays()).isEqualTo(20));
		assertThat(portfolio.page(new com.onward.portfolio.Portfolio.Filter(null, null, false, false, name, null, null, "GT_90"), 0, 10)
			.items()).isEmpty();

		// A person moves it (the customer saw value only once the second team was live): GT_90.
		Response overridden = call("PUT", "/api/v1/projects/" + project + "/first-value",
				Map.of("date", "2015-06-09", "note", "Value reached only when the second team went live"));
		assertThat(overridden.status()).as(overridden.raw()).isEqualTo(200);
		assertThat(overridden.body().get("overridden").asBoolean()).isTrue();
		assertThat(overridden.body().get("derivedFirstValueDate").asString()).isEqualTo("2015-03-21");
		JsonNode after = get("/api/v1/projects/" + project).body();
		assertThat(after.get("firstValueDate").asString()).isEqualTo("2015-06-09");
		assertThat(after.get("timeToValueDays").asInt()).isEqualTo(100);
		assertThat(after.get("firstValueNote").asString()).startsWith("Value reached only");
		assertThat(bucket("LE_30")).isZero();
		assertThat(bucket("GT_90")).isEqualTo(1);
		assertThat(get("/api/v1/admin/audit?entityType=project&entityId=" + project).raw())
			.contains("first-value.overridden");

		// A criterion met later does not move an override.
		String second = criterion(project, "Error rate " + unique("k"));
		post("/api/v1/success-criteria/" + second + "/measurements", Map.of("measuredOn", "2015-04-01", "value", 3.0));
		assertThat(get("/api/v1/projects/" + project).body().get("firstValueDate").asString()).isEqualTo("2015-06-09");

		// Removing the override hands the date back to the success plan.
		Response cleared = call("DELETE", "/api/v1/projects/" + project + "/first-value", null);
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(get("/api/v1/projects/" + project).body().get("firstValueDate").asString()).isEqualTo("2015-03-21");
		assertThat(bucket("LE_30")).isEqualTo(1);

		// Go-live: the day the go-live milestone is done.
		String goLiveItem = null;
		for (JsonNode phase : after.get("phases")) {
			for (JsonNode item : phase.get("items")) {
				if (item.get("goLive").asBoolean()) goLiveItem = item.get("id").asString();
			}
		}
		assertThat(goLiveItem).isNotNull();
		com.onward.Gates.goLiveReady(this, project);
		Response done = call("PATCH", "/api/v1/projects/" + project + "/items/" + goLiveItem, Map.of("status", "DONE"));
		assertThat(done.status()).as(done.raw()).isEqualTo(200);
		JsonNode live = get("/api/v1/projects/" + project).body();
		assertThat(live.get("goLiveDate").asString()).isEqualTo(java.time.LocalDate.now().toString());
		assertThat(live.get("timeToGoLiveDays").asLong())
			.isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2015, 3, 1), java.time.LocalDate.now()));
		assertThat(get("/api/v1/projects/" + project + "/first-value").body().get("goLiveDate").asString())
			.isEqualTo(java.time.LocalDate.now().toString());
	}

	@Test
	void overridesAreCheckedAndNamed() {
		String project = post("/api/v1/contracts", contract(unique("fv"), "2015-04-01T09:00:00Z", 40, 8000, "en")).body()
			.get("projectId").asString();
		assertProblem(call("PUT", "/api/v1/projects/" + project + "/first-value", Map.of("note", "no date")), 400, "date");
		assertProblem(call("PUT", "/api/v1/projects/" + project + "/first-value", Map.of("date", "2015-03-01")), 422, null);
		assertProblem(call("PUT", "/api/v1/projects/" + project + "/first-value", Map.of("date", "2099-01-01")), 422, null);
		assertProblem(call("PUT", "/api/v1/projects/" + project + "/first-value", Map.of("date", "soon")), 400, "date");
		assertThat(call("PUT", "/api/v1/projects/" + java.util.UUID.randomUUID() + "/first-value",
				Map.of("date", "2015-05-01")).status()).isEqualTo(404);
		assertThat(get("/api/v1/projects/" + project).body().has("firstValueDate")).as("nothing stored").isFalse();
	}

	@Test
	void fullRecomputeAgreesWithTheEvents() {
		Response r = post("/api/v1/analytics/first-value/recompute", null);
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("changed").asInt()).as("events kept every row current").isZero();
	}

	@Test
	void renewalsAreRecordedAndChurnSetsTheStatus() {
		String account = post("/api/v1/contracts", contract(unique("rn"), "2015-05-01T09:00:00Z", 40, 8000, "en")).body()
			.get("accountId").asString();
		Response renewed = post("/api/v1/accounts/" + account + "/renewals",
				Map.of("date", "2016-05-01", "outcome", "EXPANDED", "acvAfter", Map.of("amount", 9000, "currency", "USD")));
		assertThat(renewed.status()).as(renewed.raw()).isEqualTo(201);
		assertThat(renewed.body().get("outcome").asString()).isEqualTo("EXPANDED");
		Response churned = post("/api/v1/accounts/" + account + "/renewals", Map.of("date", "2017-05-01", "outcome", "CHURNED"));
		assertThat(churned.status()).isEqualTo(201);
		assertThat(get("/api/v1/accounts/" + account).body().get("status").asString()).isEqualTo("CHURNED");
		assertThat(get("/api/v1/accounts/" + account + "/renewals").body()).hasSize(2);
		assertProblem(post("/api/v1/accounts/" + account + "/renewals", Map.of("date", "2018-05-01", "outcome", "LEFT")),
				400, "outcome");
		assertProblem(post("/api/v1/accounts/" + account + "/renewals", Map.of("outcome", "RENEWED")), 400, "date");
		assertThat(get("/api/v1/accounts/" + account + "/renewals").body()).as("nothing half-stored").hasSize(2);
	}
}
