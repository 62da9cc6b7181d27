package com.onward.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** VAL-1..4 over the API, with the seeds' invoice example exactly. */
@RecordApplicationEvents
class SuccessPlanIntegrationTests extends UsageTestSupport {

	@Autowired
	SuccessPlans plans;

	@Autowired
	ApplicationEvents events;

	private final LocalDate kickoff = LocalDate.now().minusDays(40);

	private String project() {
		UUID account = account(10, "DAILY", kickoff);
		return get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
	}

	private Map<String, Object> invoiceCriterion() {
		var c = new LinkedHashMap<String, Object>();
		c.put("useCase", "Invoice processing");
		c.put("kpi", "Invoice processing time");
		c.put("unit", "days");
		c.put("kind", "QUANTITATIVE");
		c.put("baseline", 6);
		c.put("target", 3.6);
		c.put("deadline", kickoff.plusDays(60).toString());
		c.put("evidenceMethod", "Run 50 invoices through the new workflow and measure the average");
		return c;
	}

	@Test
	void theInvoiceExampleFromBaselineToConfirmedValue() {
		String project = project();
		Response created = post("/api/v1/projects/" + project + "/success-criteria", invoiceCriterion());
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		JsonNode c = created.body();
		assertThat(c.get("targetChangePercent").asInt()).isEqualTo(-40);
		assertThat(c.get("status").asString()).isEqualTo("NO_DATA");
		assertThat(c.has("progressPercent")).isFalse(); // no data: no progress, never met
		String id = c.get("id").asString();

		// No confirmation without data.
		assertProblem(post("/api/v1/success-criteria/" + id + "/confirmations",
				Map.of("confirmedBy", "Siti", "quote", "Great")), 422, "criterionId");

		JsonNode halfway = post("/api/v1/success-criteria/" + id + "/measurements",
				Map.of("measuredOn", LocalDate.now().minusDays(10).toString(), "value", 4.8, "sampleSize", 20)).body();
		assertThat(halfway.get("progressPercent").asInt()).isEqualTo(50); // 6 → 4.8 is half of 6 → 3.6
		assertThat(halfway.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(events.stream(SuccessCriterionMet.class)).isEmpty();

		// Through the service in this thread, so the published events are recorded here.
		UUID criterion = UUID.fromString(id);
		plans.measure(criterion, new SuccessPlans.NewMeasurement(LocalDate.now(), new java.math.BigDecimal("3.5"), 50,
				"Average of 50 invoices"));
		JsonNode met = get("/api/v1/success-criteria/" + id).body();
		assertThat(met.get("status").asString()).isEqualTo("MET");
		assertThat(met.get("progressPercent").asInt()).isEqualTo(100);
		assertThat(met.get("achievedChangePercent").asInt()).isEqualTo(-42);
		assertThat(met.get("metOn").asString()).isEqualTo(LocalDate.now().toString());
		assertThat(met.get("measurements").get(1).get("sampleSize").asInt()).isEqualTo(50);
		// Met once: a second good measurement publishes nothing new.
		plans.measure(criterion, new SuccessPlans.NewMeasurement(LocalDate.now(), new java.math.BigDecimal("3.4"), null, null));
		assertThat(events.stream(SuccessCriterionMet.class).filter(e -> e.criterionId().equals(criterion)))
			.singleElement().satisfies(e -> assertThat(e.kpi()).isEqualTo("Invoice processing time"));

		plans.confirm(criterion, new SuccessPlans.NewConfirmation("Siti Rahma",
				"We now close invoices in three and a half days.", null,
				List.of(new SuccessPlans.EvidenceLink("Workflow report", "https://example.com/report.pdf"))));
		JsonNode confirmedCriterion = get("/api/v1/success-criteria/" + id).body();
		assertThat(confirmedCriterion.get("status").asString()).isEqualTo("CONFIRMED");
		JsonNode confirmation = confirmedCriterion.get("confirmations").get(0);
		assertThat(confirmation.get("evidence").get(0).get("url").asString()).isEqualTo("https://example.com/report.pdf");
		assertThat(events.stream(ValueConfirmed.class).filter(e -> e.criterionId().equals(criterion))).hasSize(1);

		// Health now has value progress to show: the one criterion met and confirmed.
		JsonNode health = post("/api/v1/accounts/" + met.get("accountId").asString() + "/health/recompute", null).body();
		JsonNode value = null;
		for (JsonNode component : health.get("components")) {
			if (component.get("name").asString().equals("value")) value = component;
		}
		assertThat(value.get("score").asInt()).isEqualTo(100);
		assertThat(value.get("inputs").get("criteriaConfirmed").asInt()).isEqualTo(1);

		// A file as evidence, downloaded back byte for byte.
		String attachmentId = upload(confirmation.get("id").asString(), "screenshot.txt", "proof of value");
		JsonNode again = get("/api/v1/success-criteria/" + id).body();
		assertThat(again.get("confirmations").get(0).get("attachments").get(0).get("filename").asString())
			.isEqualTo("screenshot.txt");
		assertThat(download(attachmentId)).isEqualTo("proof of value");
	}

	@Test
	void qualitativeCriteriaAreMetOnlyWhenTheCustomerConfirms() {
		String project = project();
		var c = Map.of("useCase", "Month-end close", "kpi", "Finance team trusts the numbers", "kind", "QUALITATIVE");
		String id = post("/api/v1/projects/" + project + "/success-criteria", c).body().get("id").asString();
		assertProblem(post("/api/v1/success-criteria/" + id + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 1)), 422, "value");
		assertThat(get("/api/v1/success-criteria/" + id).body().get("status").asString()).isEqualTo("NO_DATA");
		JsonNode confirmed = post("/api/v1/success-criteria/" + id + "/confirmations",
				Map.of("confirmedBy", "Dewi", "quote", "Yes, we achieved our goal.")).body();
		assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(confirmed.get("metOn").asString()).isEqualTo(LocalDate.now().toString());
	}

	@Test
	void badCriteriaAndMeasurementsNameTheField() {
		String project = project();
		var noTarget = new LinkedHashMap<>(invoiceCriterion());
		noTarget.remove("target");
		assertProblem(post("/api/v1/projects/" + project + "/success-criteria", noTarget), 400, "target");
		var same = new LinkedHashMap<>(invoiceCriterion());
		same.put("target", 6);
		assertProblem(post("/api/v1/projects/" + project + "/success-criteria", same), 400, "target");
		var noKpi = new LinkedHashMap<>(invoiceCriterion());
		noKpi.remove("kpi");
		assertProblem(post("/api/v1/projects/" + project + "/success-criteria", noKpi), 400, "kpi");
		assertThat(get("/api/v1/projects/" + project + "/success-criteria").body().size()).isZero();
		String id = post("/api/v1/projects/" + project + "/success-criteria", invoiceCriterion()).body().get("id")
			.asString();
		assertProblem(post("/api/v1/success-criteria/" + id + "/measurements",
				Map.of("measuredOn", LocalDate.now().plusDays(3).toString(), "value", 4)), 422, "measuredOn");
		assertProblem(post("/api/v1/success-criteria/" + id + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 4, "sampleSize", 0)), 400, "sampleSize");
		assertProblem(post("/api/v1/success-criteria/" + UUID.randomUUID() + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 4)), 404, null);
		assertThat(get("/api/v1/success-criteria/" + id).body().get("measurements").size()).isZero();
	}

	@Test
	void theSeedsBusinessOutcomesAreOfferedAsDefaultCriteria() {
		String project = project();
		JsonNode criteria = post("/api/v1/projects/" + project + "/success-criteria/outcome-defaults", null).body();
		assertThat(criteria.findValuesAsString("kpi")).containsExactly("Primary business goal: cycle time by day 90",
				"Primary business goal: cycle time by day 180", "ROI trajectory: positive by day 120");
		assertThat(criteria.get(0).get("targetChangePercent")).isNull(); // a baseline of 0 % is not a quantity to change
		assertThat(criteria.get(0).get("target").asDouble()).isEqualTo(-15.0);
		assertThat(criteria.get(0).get("deadline").asString()).isEqualTo(kickoff.plusDays(90).toString());
		assertThat(criteria.get(2).get("deadline").asString()).isEqualTo(kickoff.plusDays(120).toString());
		// Offered once: a second call adds nothing.
		assertThat(post("/api/v1/projects/" + project + "/success-criteria/outcome-defaults", null).body().size())
			.isEqualTo(3);
		// ROI from −100 % to positive: a measurement of +5 % meets it.
		String roi = criteria.get(2).get("id").asString();
		JsonNode measured = post("/api/v1/success-criteria/" + roi + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 5)).body();
		assertThat(measured.get("status").asString()).isEqualTo("MET");
	}

	@Test
	void quickWinsArePlannedAt30_60And90Days() {
		String project = project();
		JsonNode wins = get("/api/v1/projects/" + project + "/quick-wins").body();
		assertThat(wins.findValuesAsString("targetDate")).containsExactly(kickoff.plusDays(30).toString(),
				kickoff.plusDays(60).toString(), kickoff.plusDays(90).toString());
		String first = wins.get(0).get("id").asString();
		JsonNode updated = call("PATCH", "/api/v1/quick-wins/" + first, Map.of("owner", "Budi", "measuredImpact",
				"First 20 invoices approved on mobile", "status", "ACHIEVED", "communicated", true)).body();
		assertThat(updated.get("status").asString()).isEqualTo("ACHIEVED");
		assertThat(updated.get("communicated").asBoolean()).isTrue();
		assertProblem(call("PATCH", "/api/v1/quick-wins/" + first, Map.of("status", "DONE-ISH")), 400, null);
	}

	private String upload(String confirmationId, String filename, String content) {
		try {
			String boundary = "----onward" + UUID.randomUUID();
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
			HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/api/v1/value-confirmations/" + confirmationId + "/attachments"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
			return json.readTree(r.body()).get("id").asString();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private String download(String attachmentId) {
		try {
			HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/api/v1/attachments/" + attachmentId))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("screenshot.txt");
			return new String(r.body(), StandardCharsets.UTF_8);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
