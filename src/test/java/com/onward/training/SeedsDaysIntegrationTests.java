package com.onward.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Plans anchored to the seeds' days: the training schedule on weeks 6–9 of the standard plan
 * (before its day-60 go-live), scaled only for plans whose go-live is elsewhere, never on or after
 * the go-live; tech-touch SMB gets no specialist and no live sessions; hours per week vs phase totals.
 */
class SeedsDaysIntegrationTests extends UsageTestSupport {

	@Autowired
	Training training;

	@Test
	void theStandardPlanKeepsTheSeedsDaysAndOtherPlansScaleByTheirGoLive() {
		// A go-live on day 59–63 is the seeds' plan: no scaling, whatever the last item's date (119 for the generic plan).
		assertThat(training.scale(59L, 119)).isEqualTo(1.0);
		assertThat(training.scale(60L, 90)).isEqualTo(1.0);
		assertThat(Math.round(7 * 7 * training.scale(59L, 119))).isEqualTo(49); // week 8: day 49, not 74
		assertThat(training.scale(30L, 55)).isEqualTo(0.5);
		assertThat(training.scale(null, 45)).isEqualTo(0.5);
	}

	@Test
	void noSessionLandsOnOrAfterTheGoLive() {
		for (var size : List.of(new long[] { 300, 20_000 }, new long[] { 2000, 120_000 })) {
			UUID account = account(20, "DAILY", LocalDate.now(), (int) size[0], size[1], List.of());
			JsonNode project = get("/api/v1/projects?accountId=" + account).body().get(0);
			String id = project.get("id").asString();
			LocalDate goLive = null;
			for (JsonNode i : get("/api/v1/projects/" + id).body().findValues("items").stream()
				.flatMap(items -> java.util.stream.StreamSupport.stream(items.spliterator(), false)).toList()) {
				if (i.get("goLive").asBoolean()) goLive = LocalDate.parse(i.get("plannedDueDate").asString());
			}
			assertThat(goLive).isNotNull();
			JsonNode sessions = get("/api/v1/projects/" + id + "/training").body().get("sessions");
			assertThat(sessions.size()).isEqualTo(7);
			for (JsonNode s : sessions) {
				assertThat(LocalDate.parse(s.get("plannedOn").asString())).as(s.get("code").asString()).isBefore(goLive);
			}
			assertThat(sessions.findValuesAsString("format")).contains("LIVE_WEBINAR");
		}
	}

	@Test
	void techTouchSmbGetsNoSpecialistAndNoLiveSessions() {
		UUID account = account(20, "DAILY", LocalDate.now(), 40, 5_000, List.of());
		String id = get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
		JsonNode team = get("/api/v1/projects/" + id + "/team").body();
		assertThat(team.get("assignments").findValuesAsString("role")).doesNotContain("IMPLEMENTATION_SPECIALIST")
			.contains("CSM");
		JsonNode sessions = get("/api/v1/projects/" + id + "/training").body().get("sessions");
		assertThat(sessions.size()).isPositive();
		assertThat(sessions.findValuesAsString("format")).containsOnly("RECORDED_VIDEO");
		assertThat(sessions.findValuesAsString("code")).doesNotContain("OFFICE_HOURS");
		// A mid-market contract still gets its specialist.
		UUID mid = account(20, "DAILY", LocalDate.now(), 300, 20_000, List.of());
		String midId = get("/api/v1/projects?accountId=" + mid).body().get(0).get("id").asString();
		assertThat(get("/api/v1/projects/" + midId + "/team").body().get("assignments").findValuesAsString("role"))
			.contains("IMPLEMENTATION_SPECIALIST");
		// Hours: per week for the CSM, totals over the phase for training lead, SMEs and end users.
		assertThat(team.get("hoursPerWeek").has("CSM")).isTrue();
		assertThat(team.get("hoursPerWeek").has("END_USER")).isFalse();
		assertThat(team.get("phaseTotalHours").get("END_USER").get("max").asInt()).isEqualTo(5);
		assertThat(team.get("phaseTotalHours").get("TRAINING_LEAD").get("min").asInt()).isEqualTo(10);
	}
}
