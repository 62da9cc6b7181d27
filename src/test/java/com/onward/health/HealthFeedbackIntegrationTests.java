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

import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The red flags on results, complaints and feedback raised from real data on PostgreSQL, with their evidence,
 * and cleared when the data changes; the checkpoints on the seeds' days.
 */
class HealthFeedbackIntegrationTests extends UsageTestSupport {

	@Autowired
	Health health;

	private final LocalDate today = LocalDate.now();

	private UUID midMarket(LocalDate signedOn) {
		return account(20, "DAILY", signedOn, 300, 20_000,
				List.of(Map.of("name", "Siti Rahma", "email", "siti@feedback.example", "role", "PROJECT_LEAD")));
	}

	private String projectOf(UUID account) {
		return get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
	}

	private JsonNode healthOf(UUID account) {
		health.recompute(List.of(account));
		return get("/api/v1/accounts/" + account + "/health").body();
	}

	private static JsonNode flag(JsonNode health, String code) {
		for (JsonNode f : health.get("redFlags")) {
			if (f.get("code").asString().equals(code)) return f;
		}
		return null;
	}

	private String criterion(String projectId, String kpi, int baseline, int target) {
		Response r = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Onboarding",
				"kpi", kpi, "kind", "QUANTITATIVE", "baseline", baseline, "target", target));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return r.body().get("id").asString();
	}

	private void measure(String criterion, LocalDate on, int value) {
		Response r = post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", on.toString(), "value", value));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
	}

	@Test
	void metricsNotImprovingAndCustomerNotTrackingResults() {
		UUID stalled = midMarket(today.minusDays(40));
		String c = criterion(projectOf(stalled), "Days to onboard a client", 30, 10);
		measure(c, today.minusDays(20), 20);
		measure(c, today.minusDays(2), 22);
		JsonNode h = healthOf(stalled);
		JsonNode notImproving = flag(h, "METRICS_NOT_IMPROVING");
		assertThat(notImproving).as(h.toString()).isNotNull();
		assertThat(notImproving.get("category").asString()).isEqualTo("BUSINESS_OUTCOME");
		assertThat(notImproving.get("title").asString()).isEqualTo("Metrics not improving");
		assertThat(notImproving.get("evidence").asString()).contains("Days to onboard a client", "20", "22",
				// evidence dates are written the reader's way (English here)
				today.minusDays(2).format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
					.withLocale(java.util.Locale.ENGLISH)));
		assertThat(flag(h, "RESULTS_NOT_TRACKED")).isNull();
		// Back on the way to the target: the flag clears.
		measure(c, today, 15);
		assertThat(flag(healthOf(stalled), "METRICS_NOT_IMPROVING")).isNull();

		UUID untracked = midMarket(today.minusDays(40));
		String u = criterion(projectOf(untracked), "Invoices processed per day", 100, 300);
		JsonNode notTracking = flag(healthOf(untracked), "RESULTS_NOT_TRACKED");
		assertThat(notTracking).isNotNull();
		assertThat(notTracking.get("evidence").asString()).contains("1 criteria", "40 days");
		measure(u, today.minusDays(1), 150);
		assertThat(flag(healthOf(untracked), "RESULTS_NOT_TRACKED")).isNull();
	}

	@Test
	void complaintsRisingFromHelpDeskTickets() {
		UUID account = midMarket(today.minusDays(40));
		String token = post("/api/v1/admin/tokens", Map.of("name", unique("helpdesk"), "scope", "INGEST")).body()
			.get("token").asString();
		Instant now = Instant.now();
		var tickets = List.of(ticket(account, "billing", now.minus(20, ChronoUnit.DAYS)),
				ticket(account, "other", now.minus(5, ChronoUnit.DAYS)),
				ticket(account, "how-to", now.minus(3, ChronoUnit.DAYS)),
				ticket(account, "billing", now.minus(1, ChronoUnit.DAYS)));
		Response r = call("POST", "/api/v1/tickets", Map.of("tickets", tickets), token);
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
		JsonNode rising = flag(healthOf(account), "COMPLAINTS_RISING");
		assertThat(rising).isNotNull();
		assertThat(rising.get("category").asString()).isEqualTo("RELATIONSHIP");
		assertThat(rising.get("evidence").asString()).isEqualTo("3 tickets in the last 14 days, up from 1 in the 14 days before.");
		// An account with steady tickets has no flag.
		UUID steady = midMarket(today.minusDays(40));
		call("POST", "/api/v1/tickets", Map.of("tickets", List.of(ticket(steady, "billing", now.minus(20, ChronoUnit.DAYS)),
				ticket(steady, "billing", now.minus(2, ChronoUnit.DAYS)))), token);
		assertThat(flag(healthOf(steady), "COMPLAINTS_RISING")).isNull();
	}

	private Map<String, Object> ticket(UUID account, String category, Instant created) {
		var t = new LinkedHashMap<String, Object>();
		t.put("externalId", unique("t"));
		t.put("accountId", account.toString());
		t.put("subject", "Ticket");
		t.put("category", category);
		t.put("priority", "normal");
		t.put("status", "open");
		t.put("createdAt", created.toString());
		t.put("updatedAt", created.toString());
		return t;
	}

	@Test
	void anEscalationToExecutivesRaisesAFlagUntilResolved() {
		UUID account = midMarket(today.minusDays(20));
		String path = "/api/v1/accounts/" + account + "/escalations";
		// Bad input names the field and stores nothing.
		Response missing = post(path, Map.of("raisedBy", "Budi", "summary", "Go-live slipped", "occurredOn", today.toString()));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.raw()).contains("escalatedTo");
		Response future = post(path, Map.of("raisedBy", "Budi", "escalatedTo", "our CEO", "summary", "Go-live slipped",
				"occurredOn", today.plusDays(2).toString()));
		assertThat(future.status()).isEqualTo(400);
		assertThat(future.raw()).contains("occurredOn");
		assertThat(get(path).body().size()).isZero();
		assertThat(post("/api/v1/accounts/" + UUID.randomUUID() + "/escalations", Map.of("raisedBy", "Budi",
				"escalatedTo", "our CEO", "summary", "x", "occurredOn", today.toString())).status()).isEqualTo(404);

		Response created = post(path, Map.of("raisedBy", "Budi Santoso (COO)", "escalatedTo", "our VP Customer Success",
				"summary", "Go-live slipped twice", "occurredOn", today.minusDays(1).toString()));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		JsonNode h = get("/api/v1/accounts/" + account + "/health").body();
		JsonNode escalated = flag(h, "EXECUTIVE_ESCALATION");
		assertThat(escalated).as(h.toString()).isNotNull();
		assertThat(escalated.get("evidence").asString()).contains("Budi Santoso (COO)", "our VP Customer Success",
				// evidence dates are written the reader's way (English here)
				today.minusDays(1).format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
					.withLocale(java.util.Locale.ENGLISH)));
		assertThat(h.get("guidance").get("recommendation").asString()).isEqualTo("ESCALATE");

		Response resolved = post(path + "/" + created.body().get("id").asString() + "/resolve",
				Map.of("resolution", "New go-live date agreed with the COO"));
		assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
		assertThat(resolved.body().get("resolvedOn").asString()).isEqualTo(today.toString());
		assertThat(flag(get("/api/v1/accounts/" + account + "/health").body(), "EXECUTIVE_ESCALATION")).isNull();
	}

	@Test
	void negativeTrainingFeedbackFromAttendeesRatings() {
		UUID account = midMarket(today.minusDays(40));
		String project = projectOf(account);
		String session = get("/api/v1/projects/" + project + "/training").body().get("sessions").get(0).get("id")
			.asString();
		String path = "/api/v1/training-sessions/" + session + "/attendance";
		Response bad = post(path, Map.of("attendance", List.of(Map.of("attendee", "a@x.example", "attended", true,
				"completed", false, "feedback", 6))));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.raw()).contains("feedback");
		Response ok = post(path, Map.of("attendance", List.of(
				Map.of("attendee", "a@x.example", "attended", true, "completed", true, "feedback", 2),
				Map.of("attendee", "b@x.example", "attended", true, "completed", true, "feedback", 3),
				Map.of("attendee", "c@x.example", "attended", true, "completed", false, "feedback", 2))));
		assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
		assertThat(ok.body().get("attendance").findValuesAsString("attendee")).hasSize(3);
		JsonNode negative = flag(healthOf(account), "TRAINING_FEEDBACK_NEGATIVE");
		assertThat(negative).isNotNull();
		assertThat(negative.get("evidence").asString()).startsWith("Sessions rated 2.3 of 5 on average by 3 attendees");
		// Re-recording attendance without ratings keeps them; better ratings clear the flag.
		post(path, Map.of("attendance", List.of(Map.of("attendee", "a@x.example", "attended", true, "completed", true))));
		assertThat(flag(healthOf(account), "TRAINING_FEEDBACK_NEGATIVE")).isNotNull();
		post(path, Map.of("attendance", List.of(
				Map.of("attendee", "a@x.example", "attended", true, "completed", true, "feedback", 5),
				Map.of("attendee", "c@x.example", "attended", true, "completed", true, "feedback", 5))));
		assertThat(flag(healthOf(account), "TRAINING_FEEDBACK_NEGATIVE")).isNull();
	}

	@Test
	void checkpointsAreAnchoredToThePlansGoLiveNotItsLastItem() {
		UUID account = midMarket(today.minusDays(10));
		String project = projectOf(account);
		JsonNode p = get("/api/v1/projects/" + project).body();
		LocalDate start = LocalDate.parse(p.get("startDate").asString());
		long goLive = -1;
		for (JsonNode items : p.findValues("items")) {
			for (JsonNode i : items) {
				if (i.get("goLive").asBoolean()) goLive = ChronoUnit.DAYS.between(start, LocalDate.parse(i.get("plannedDueDate").asString()));
			}
		}
		assertThat(goLive).isPositive();
		double scale = Math.abs(goLive - 60) <= 3 ? 1.0 : goLive / 60.0;
		JsonNode indicators = healthOf(account).get("indicators");
		var weeks = new java.util.ArrayList<Integer>();
		indicators.forEach(i -> weeks.add(i.get("week").asInt()));
		assertThat(weeks).containsExactly(2, 4, 6, 8, 10);
		for (JsonNode i : indicators) {
			assertThat(i.get("day").asLong()).as("week " + i.get("week"))
				.isEqualTo(Math.round(i.get("week").asInt() * 7 * scale));
		}
	}
}
