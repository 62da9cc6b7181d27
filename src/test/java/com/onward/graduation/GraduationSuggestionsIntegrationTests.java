package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.onboarding.Projects;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** Each dimension's suggested score from known data (GRD-2). */
class GraduationSuggestionsIntegrationTests extends UsageTestSupport {

	@Autowired
	Suggestions suggestions;

	@Autowired
	Projects projects;

	@Test
	void suggestedScoresFromKnownData() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(20));
		JsonNode project = get("/api/v1/projects?accountId=" + account).body().get(0);
		UUID projectId = UUID.fromString(project.get("id").asString());
		var p = projects.get(projectId);
		var noData = suggestions.suggest(p, LocalDate.now());
		assertThat(noData.get(Dimension.KNOWLEDGE).score()).isNull();
		// No success criterion: value is scored 0 (nothing measured), never left to a high manual score.
		assertThat(noData.get(Dimension.VALUE).score()).isEqualByComparingTo("0");
		assertThat(noData.get(Dimension.STAKEHOLDER).score()).isNull();

		// Technical: two of the plan's items done.
		var items = p.items();
		com.onward.Gates.ready(this, projectId);
		for (int i = 0; i < 2; i++) {
			call("PATCH", "/api/v1/projects/" + projectId + "/items/" + items.get(i).id(), Map.of("status", "DONE"));
		}
		// Knowledge: 4 invited and attended, 3 completed, scores 90/80/70: completion 75 %, passed 2 of 3.
		String session = get("/api/v1/projects/" + projectId + "/training").body().get("sessions").get(0).get("id")
			.asString();
		var records = new ArrayList<Map<String, Object>>();
		int[] scores = { 90, 80, 70 };
		for (int i = 0; i < 4; i++) {
			records.add(i < 3 ? Map.of("attendee", "a" + i, "attended", true, "completed", true, "assessmentScore", scores[i])
					: Map.of("attendee", "a" + i, "attended", true, "completed", false));
		}
		post("/api/v1/training-sessions/" + session + "/attendance", Map.of("attendance", records));
		// Adoption: 4 of 10 seats active today (daily use: 80 % weekly and 50 % daily expected).
		var events = new ArrayList<Map<String, Object>>();
		for (int u = 0; u < 4; u++) events.add(event(account, "u" + u, "LOGIN", Instant.now().minus(1, ChronoUnit.MINUTES)));
		sendOk(events);
		// Value: 6 → 3.6 days, measured 4.8: half way, not confirmed.
		String criterion = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Invoices", "kpi",
				"Invoice processing time", "kind", "QUANTITATIVE", "baseline", 6, "target", 3.6)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 4.8));
		// Stakeholder: a positive sponsor and a neutral champion.
		post("/api/v1/accounts/" + account + "/contacts", Map.of("name", "Dewi", "role", "EXECUTIVE_SPONSOR", "sentiment", "POSITIVE"));
		post("/api/v1/accounts/" + account + "/contacts", Map.of("name", "Budi", "role", "CHAMPION", "sentiment", "NEUTRAL"));

		var s = suggestions.suggest(projects.get(projectId), LocalDate.now());
		assertThat(s.get(Dimension.TECHNICAL).score())
			.isEqualByComparingTo(java.math.BigDecimal.valueOf(Math.round(100.0 * 2 / items.size()) / 10.0));
		assertThat(s.get(Dimension.TECHNICAL).evidence()).containsExactly(2L, items.size(), "-");
		assertThat(s.get(Dimension.KNOWLEDGE).score()).isEqualByComparingTo("7.2"); // 10 x (0.6 x 0.75 + 0.4 x 0.667)
		assertThat(s.get(Dimension.ADOPTION).score()).isEqualByComparingTo("5.2"); // 8 x mean(0.4/0.8, 0.4/0.5)
		assertThat(s.get(Dimension.VALUE).score()).isEqualByComparingTo("5.0");
		assertThat(s.get(Dimension.STAKEHOLDER).score()).isEqualByComparingTo("8.0");
		assertThat(s.get(Dimension.STAKEHOLDER).evidence()).containsExactly(1L, 2);

		// Confirmed and met: value suggests 10; with value unconfirmed it stays at most 8.
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 3.5));
		assertThat(suggestions.suggest(projects.get(projectId), LocalDate.now()).get(Dimension.VALUE).score())
			.isEqualByComparingTo("8");
		post("/api/v1/success-criteria/" + criterion + "/confirmations", Map.of("confirmedBy", "Dewi", "quote", "Yes"));
		assertThat(suggestions.suggest(projects.get(projectId), LocalDate.now()).get(Dimension.VALUE).score())
			.isEqualByComparingTo("10");
		assertThat(List.of(Dimension.values())).hasSize(5);
	}
}
