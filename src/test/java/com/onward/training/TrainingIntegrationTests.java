package com.onward.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** TRN-1..4 over the API: the generated plan, attendance and rates, the health flag, content, enablement. */
@RecordApplicationEvents
class TrainingIntegrationTests extends UsageTestSupport {

	@Autowired
	Training training;

	@Autowired
	ApplicationEvents events;

	@Test
	void theSampleScheduleScaledToThePlanAndAttendanceRates() {
		LocalDate start = LocalDate.now().minusDays(10);
		// A mid-market account: live sessions (tech-touch SMB has on-demand items instead).
		UUID account = account(20, "DAILY", start, 300, 20_000, List.of());
		JsonNode project = get("/api/v1/projects?accountId=" + account).body().get(0);
		String projectId = project.get("id").asString();
		long goLiveDay = 0;
		for (JsonNode i : get("/api/v1/projects/" + projectId).body().findValues("items").stream()
				.flatMap(items -> java.util.stream.StreamSupport.stream(items.spliterator(), false)).toList()) {
			if (i.get("goLive").asBoolean()) {
				goLiveDay = ChronoUnit.DAYS.between(start, LocalDate.parse(i.get("plannedDueDate").asString()));
			}
		}
		JsonNode plan = get("/api/v1/projects/" + projectId + "/training").body();
		JsonNode sessions = plan.get("sessions");
		assertThat(sessions.findValuesAsString("code")).containsExactly("ADMIN_TRAINING", "MANAGER_TRAINING", "END_USER_1",
				"END_USER_2", "OFFICE_HOURS", "ADVANCED_FEATURES", "POWER_USER_CERTIFICATION");
		// Week 6 of the seeds' plan (go-live day 60), scaled by this plan's go-live: day round(5 x 7 x goLive / 60).
		assertThat(sessions.get(0).get("plannedOn").asString())
			.isEqualTo(start.plusDays(Math.round(5 * 7.0 * goLiveDay / 60)).toString());
		assertThat(sessions.get(0).get("durationMinutes").asInt()).isEqualTo(120);
		assertThat(sessions.get(6).get("optional").asBoolean()).isTrue();
		assertThat(plan.get("stats").has("attendanceRate")).isFalse(); // nothing held yet: no rate, not zero

		// 10 invited to the admin session, 6 attended, 5 completed, scores 85/90/70/80/60.
		String admin = sessions.get(0).get("id").asString();
		var records = new ArrayList<Map<String, Object>>();
		int[] scores = { 85, 90, 70, 80, 60 };
		for (int i = 0; i < 10; i++) {
			var r = new java.util.LinkedHashMap<String, Object>();
			r.put("attendee", "user-" + i);
			r.put("attended", i < 6);
			r.put("completed", i < 5);
			if (i < 5) r.put("assessmentScore", scores[i]);
			records.add(r);
		}
		Response recorded = post("/api/v1/training-sessions/" + admin + "/attendance", Map.of("attendance", records));
		assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
		assertThat(recorded.body().get("status").asString()).isEqualTo("DONE");
		JsonNode stats = get("/api/v1/projects/" + projectId + "/training").body().get("stats");
		assertThat(stats.get("attendanceRate").asDouble()).isEqualTo(0.6);
		assertThat(stats.get("completionRate").asDouble()).isEqualTo(0.5);
		assertThat(stats.get("passRate").asDouble()).isEqualTo(0.6); // 85, 90, 80 of five assessed
		assertThat(stats.get("completionTarget").asDouble()).isEqualTo(0.9);

		// Attendance under 70 % is a red flag through the health module.
		JsonNode health = post("/api/v1/accounts/" + account + "/health/recompute", null).body();
		assertThat(health.get("redFlags").findValuesAsString("code")).contains("TRAINING_ATTENDANCE_LOW");

		// A first completion publishes the event once.
		training.recordAttendance(UUID.fromString(admin), List.of(new Training.AttendanceRecord("user-5", true, true, 95)));
		training.recordAttendance(UUID.fromString(admin), List.of(new Training.AttendanceRecord("user-5", true, true, 97)));
		assertThat(events.stream(TrainingModuleCompleted.class).filter(e -> e.attendee().equals("user-5"))).hasSize(1);
	}

	@Test
	void badAttendanceIsRefusedAndNothingStored() {
		UUID account = account(20, "DAILY", LocalDate.now());
		String projectId = get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
		String session = get("/api/v1/projects/" + projectId + "/training").body().get("sessions").get(1).get("id")
			.asString();
		assertProblem(post("/api/v1/training-sessions/" + session + "/attendance", Map.of("attendance",
				List.of(Map.of("attendee", "a", "attended", true, "completed", true, "assessmentScore", 101)))), 400,
				"attendance[0].assessmentScore");
		assertProblem(post("/api/v1/training-sessions/" + session + "/attendance", Map.of("attendance",
				List.of(Map.of("attendee", "a", "attended", false, "completed", true)))), 422, "completed");
		assertProblem(post("/api/v1/training-sessions/" + session + "/attendance", Map.of("attendance", List.of())), 400,
				"attendance");
		assertThat(get("/api/v1/projects/" + projectId + "/training").body().get("sessions").get(1).get("attendance")
			.size()).isZero();
		assertProblem(post("/api/v1/training-sessions/" + UUID.randomUUID() + "/attendance",
				Map.of("attendance", List.of(Map.of("attendee", "a", "attended", true, "completed", false)))), 404, null);
	}

	@Test
	void contentIsSearchableAndRecommendedAndEnablementIsKept() {
		String tag = "tag" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(post("/api/v1/content", Map.of("level", "USE_CASE", "title", "Approving invoices on mobile " + tag,
				"url", "https://docs.example.com/invoices", "tags", List.of("invoices", tag), "segments", List.of("SMB"),
				"useCases", List.of("invoice processing"))).status()).isEqualTo(201);
		post("/api/v1/content", Map.of("level", "GETTING_STARTED", "title", "Your first day " + tag, "url",
				"https://docs.example.com/start", "tags", List.of(tag)));
		post("/api/v1/content", Map.of("level", "USE_CASE", "title", "Field scheduling " + tag, "url",
				"https://docs.example.com/field", "tags", List.of(tag), "segments", List.of("ENTERPRISE"), "useCases",
				List.of("field service")));
		assertThat(get("/api/v1/content?q=approv%20" + tag).body().findValuesAsString("title"))
			.containsExactly("Approving invoices on mobile " + tag);
		assertThat(get("/api/v1/content?tag=" + tag + "&level=GETTING_STARTED").body().size()).isEqualTo(1);
		assertProblem(post("/api/v1/content", Map.of("level", "PODCAST", "title", "x", "url", "y")), 400, null);

		var account = new java.util.LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Content Co"));
		account.put("employees", 20);
		account.put("acv", Map.of("amount", 3000, "currency", "USD"));
		account.put("productType", "DAILY");
		account.put("useCase", "Invoice processing");
		UUID id = UUID.fromString(post("/api/v1/accounts", account).body().get("id").asString());
		List<String> recommended = get("/api/v1/accounts/" + id + "/content-recommendations").body()
			.findValuesAsString("title");
		assertThat(recommended).contains("Approving invoices on mobile " + tag, "Your first day " + tag)
			.doesNotContain("Field scheduling " + tag);

		assertThat(call("PUT", "/api/v1/accounts/" + id + "/enablement", Map.of("level", 2, "note", "Trains new hires"))
			.body().get("level").asInt()).isEqualTo(2);
		assertProblem(call("PUT", "/api/v1/accounts/" + id + "/enablement", Map.of("level", 5)), 400, "level");
		assertThat(get("/api/v1/accounts/" + id + "/enablement").body().get("level").asInt()).isEqualTo(2);
	}
}
