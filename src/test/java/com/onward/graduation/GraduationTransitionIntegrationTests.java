package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** Extension cap and escalation, recovery trigger, graduation with achievements and handoffs (GRD-5..7, PPL-6). */
class GraduationTransitionIntegrationTests extends UsageTestSupport {

	private JsonNode project(UUID account) {
		return get("/api/v1/projects?accountId=" + account).body().get(0);
	}

	private static Map<String, Object> extension(LocalDate newTarget) {
		return Map.of("reason", "Customer IT team busy with a data-centre move", "mustHappen", "Integrations tested in production",
				"newTarget", newTarget.toString(), "checkIn", "WEEKLY", "informed", "Dewi (sponsor), Siti (project lead)");
	}

	@Test
	void extensionsUpToTheCapAreActiveBeyondItAManagerDecides() {
		JsonNode project = project(account(10, "DAILY", LocalDate.now().minusDays(20)));
		String id = project.get("id").asString();
		LocalDate target = LocalDate.parse(project.get("targetGraduationDate").asString());

		Response first = post("/api/v1/projects/" + id + "/extensions", extension(target.plusDays(20)));
		assertThat(first.status()).as(first.raw()).isEqualTo(201);
		assertThat(first.body().get("status").asString()).isEqualTo("ACTIVE");
		assertThat(first.body().get("days").asInt()).isEqualTo(20);
		// The customer reads the date the way their language writes it (English here), never as 2026-12-05.
		assertThat(first.body().get("message").asString())
			.contains(com.onward.shared.Phrases.date(target.plusDays(20), java.util.Locale.ENGLISH), "weekly", "data-centre move")
			.doesNotContain(target.plusDays(20).toString());
		assertThat(com.onward.shared.Phrases.date(LocalDate.of(2026, 12, 5), java.util.Locale.ENGLISH)).isEqualTo("Dec 5, 2026");
		// 20 + 15 days is past the 30-day cap: leadership decides.
		Response second = post("/api/v1/projects/" + id + "/extensions", extension(target.plusDays(35)));
		assertThat(second.body().get("status").asString()).isEqualTo("ESCALATED");
		assertThat(second.body().get("previousTarget").asString()).isEqualTo(target.plusDays(20).toString());
		String escalated = second.body().get("id").asString();

		String csm = post("/api/v1/admin/tokens", Map.of("name", unique("csm"), "role", "CSM")).body().get("token").asString();
		assertThat(call("POST", "/api/v1/projects/" + id + "/extensions/" + escalated + "/decision",
				Map.of("approve", true), csm).status()).isEqualTo(403);
		JsonNode approved = post("/api/v1/projects/" + id + "/extensions/" + escalated + "/decision",
				Map.of("approve", true, "note", "Agreed with the VP")).body();
		assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
		assertProblem(post("/api/v1/projects/" + id + "/extensions/" + escalated + "/decision", Map.of("approve", false)),
				422, "status");
		assertProblem(post("/api/v1/projects/" + id + "/extensions", extension(target.minusDays(1))), 422, "newTarget");
		assertProblem(post("/api/v1/projects/" + id + "/extensions", Map.of("newTarget", target.plusDays(60).toString(),
				"checkIn", "WEEKLY", "informed", "x", "mustHappen", "y")), 400, "reason");
		assertThat(get("/api/v1/projects/" + id + "/extensions").body().size()).isEqualTo(2);
	}

	@Test
	void aRecoveryPlanIsDueThirtyDaysPastTheTarget() {
		var plan = Map.<String, Object>of("rootCause", "CUSTOMER", "rootCauseDetail", "Sponsor left the company",
				"revisedTarget", LocalDate.now().plusDays(30).toString(), "reducedScope", "Phase 2 integrations later",
				"intensity", "Twice-weekly check-ins, daily stand-ups for two weeks", "minimumViableSuccess",
				"Invoices approved in the product by the finance team");
		// An SMB plan (about 30 days) signed 75 days ago is well past 30 days late.
		String late = project(account(10, "DAILY", LocalDate.now().minusDays(75))).get("id").asString();
		Response created = post("/api/v1/projects/" + late + "/recovery-plan", plan);
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(created.body().get("rootCause").asString()).isEqualTo("CUSTOMER");
		String onTime = project(account(10, "DAILY", LocalDate.now().minusDays(5))).get("id").asString();
		assertProblem(post("/api/v1/projects/" + onTime + "/recovery-plan", plan), 422, "projectId");
	}

	@Test
	void graduationWritesTheCelebrationWithAchievementsAndHandsOff() {
		UUID account = account(10, "DAILY", LocalDate.now());
		String id = project(account).get("id").asString();
		// Not READY yet: no scorecard.
		assertProblem(post("/api/v1/projects/" + id + "/graduate", Map.of()), 422, "scorecard");

		String criterion = post("/api/v1/projects/" + id + "/success-criteria", Map.of("useCase", "Invoices", "kpi",
				"invoice processing time", "kind", "QUANTITATIVE", "baseline", 6, "target", 3.6)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 3.5, "sampleSize", 50));
		post("/api/v1/success-criteria/" + criterion + "/confirmations",
				Map.of("confirmedBy", "Siti Rahma", "quote", "Invoices are faster", "evidence", List.of()));
		String session = get("/api/v1/projects/" + id + "/training").body().get("sessions").get(0).get("id").asString();
		post("/api/v1/training-sessions/" + session + "/attendance", Map.of("attendance", List.of(
				Map.of("attendee", "ana", "attended", true, "completed", true, "assessmentScore", 90),
				Map.of("attendee", "budi", "attended", true, "completed", true, "assessmentScore", 85))));
		post("/api/v1/projects/" + id + "/scorecard", Map.of("technical", 9, "knowledge", 9, "adoption", 8, "value", 9,
				"stakeholder", 8));

		Response graduated = post("/api/v1/projects/" + id + "/graduate",
				Map.of("ongoingCsm", "Daniel Tan", "requestTestimonial", true, "earlyReason", "All goals met ahead of plan"));
		assertThat(graduated.status()).as(graduated.raw()).isEqualTo(200);
		JsonNode g = graduated.body();
		assertThat(g.get("achievements").toString()).contains("Reduced invoice processing time by 42 % (target 40 %)",
				"Trained 2 users across 1 sessions");
		assertThat(g.get("celebrationSubject").asString()).startsWith("Congratulations,");
		assertThat(g.get("celebrationBody").asString()).contains("Reduced invoice processing time by 42 %", "Daniel Tan",
				"testimonial");
		assertThat(g.get("timing").asString()).isEqualTo("TOO_EARLY"); // graduating on day 0
		assertThat(g.get("cadence").get("monthlyCheckInMinutes").asInt()).isEqualTo(30);
		assertThat(get("/api/v1/projects/" + id).body().get("status").asString()).isEqualTo("COMPLETED");
		JsonNode handoff = null;
		for (JsonNode h : get("/api/v1/projects/" + id + "/handoffs").body()) {
			if (h.get("kind").asString().equals("ONBOARDING_TO_ONGOING")) handoff = h;
		}
		assertThat(handoff).isNotNull();
		assertThat(handoff.get("toOwner").asString()).isEqualTo("Daniel Tan");
		assertThat(handoff.get("context").get("achievements").toString()).contains("Trained 2 users");
		assertProblem(post("/api/v1/projects/" + id + "/graduate", Map.of()), 422, "projectId");
	}

	@Test
	void theSalesHandoffIsDueInADayAndAnOverdueOneIsAFlag() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String id = project(account).get("id").asString();
		JsonNode sales = get("/api/v1/projects/" + id + "/handoffs").body().get(0);
		assertThat(sales.get("kind").asString()).isEqualTo("SALES_TO_CS");
		assertThat(java.time.Instant.parse(sales.get("dueAt").asString()))
			.isEqualTo(LocalDate.now().minusDays(3).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC).plusSeconds(24 * 3600));
		JsonNode health = post("/api/v1/accounts/" + account + "/health/recompute", null).body();
		assertThat(health.get("redFlags").findValuesAsString("code")).contains("HANDOFF_OVERDUE");
		assertThat(post("/api/v1/projects/" + id + "/handoffs/SALES_TO_CS/complete", Map.of("notes", "Form received"))
			.status()).isEqualTo(200);
		health = post("/api/v1/accounts/" + account + "/health/recompute", null).body();
		assertThat(health.get("redFlags").findValuesAsString("code")).doesNotContain("HANDOFF_OVERDUE");
		assertProblem(post("/api/v1/projects/" + id + "/handoffs/SALES_TO_CS/complete", Map.of()), 422, "kind");
	}
}
