package com.onward.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class ProjectApiIntegrationTests extends IntegrationTest {

	JsonNode newProject() {
		var signed = post("/api/v1/contracts", contract(unique("opp"), "2026-03-02T09:00:00Z", 300, 20_000, "en"));
		return get("/api/v1/projects/" + signed.body().get("projectId").asString()).body();
	}

	static JsonNode item(JsonNode project, String key) {
		for (JsonNode phase : project.get("phases"))
			for (JsonNode item : phase.get("items"))
				if (item.get("key").asString().equals(key)) return item;
		throw new AssertionError("no item " + key);
	}

	@Test
	void completingItemsRaisesProgress() {
		JsonNode p = newProject();
		String id = p.get("id").asString();
		Response r = call("PATCH", "/api/v1/projects/" + id + "/items/" + item(p, "questionnaire").get("id").asString(),
				Map.of("status", "DONE"));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		int total = 0;
		for (JsonNode phase : r.body().get("phases")) total += phase.get("items").size();
		assertThat(r.body().get("progressPercent").asInt()).isEqualTo(100 / total);
		assertThat(item(r.body(), "questionnaire").get("status").asString()).isEqualTo("DONE");
		assertThat(item(r.body(), "questionnaire").get("completedOn")).isNotNull();
	}

	@Test
	void aSlipMovesDependentsAndTheForecastGraduation() {
		JsonNode p = newProject();
		String id = p.get("id").asString();
		JsonNode configure = item(p, "configure");
		LocalDate due = LocalDate.parse(configure.get("dueDate").asString());
		LocalDate target = LocalDate.parse(p.get("targetGraduationDate").asString());
		Response r = call("PATCH", "/api/v1/projects/" + id + "/items/" + configure.get("id").asString(),
				Map.of("dueDate", due.plusDays(14).toString()));
		assertThat(r.status()).isEqualTo(200);
		assertThat(LocalDate.parse(item(r.body(), "tech-ready").get("dueDate").asString()))
			.isEqualTo(LocalDate.parse(item(p, "tech-ready").get("dueDate").asString()).plusDays(14));
		assertThat(r.body().get("targetGraduationDate").asString()).isEqualTo(target.toString());
		assertThat(LocalDate.parse(r.body().get("forecastGraduationDate").asString())).isEqualTo(target.plusDays(14));
		assertThat(r.body().get("slipDays").asInt()).isEqualTo(14);
		assertThat(item(r.body(), "golive").get("slipped").asBoolean()).isTrue();
	}

	@Test
	void badItemChangesAreProblemDetails() {
		JsonNode p = newProject();
		String path = "/api/v1/projects/" + p.get("id").asString() + "/items/" + item(p, "configure").get("id").asString();
		assertProblem(call("PATCH", path, Map.of("status", "FINISHED")), 400, "status");
		assertProblem(call("PATCH", path, Map.of("dueDate", "2020-01-01")), 422, "dueDate");
		assertProblem(call("PATCH", "/api/v1/projects/" + p.get("id").asString() + "/items/00000000-0000-0000-0000-000000000000",
				Map.of("status", "DONE")), 404, null);
		assertThat(item(get("/api/v1/projects/" + p.get("id").asString()).body(), "configure").get("dueDate").asString())
			.isEqualTo(item(p, "configure").get("dueDate").asString());
	}

	@Test
	void phaseOneScopeIsPreviewedThenAcceptedAndKeptAsHistory() {
		JsonNode p = newProject();
		String id = p.get("id").asString();
		String phaseId = p.get("phases").get(1).get("id").asString();
		var request = Map.of("name", "Single sign-on", "scopeTag", "PHASE_1", "phaseId", phaseId, "durationDays", 90,
				"ownerRole", "TECHNICAL_RESOURCE", "dependsOn", List.of(item(p, "kickoff").get("id").asString()));
		Response preview = post("/api/v1/projects/" + id + "/scope-changes/preview", request);
		assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
		LocalDate before = LocalDate.parse(preview.body().get("goLiveBefore").asString());
		LocalDate after = LocalDate.parse(preview.body().get("goLiveAfter").asString());
		assertThat(after).isAfter(before);
		assertThat(preview.body().get("goLiveWeekAfter").asInt()).isGreaterThan(preview.body().get("goLiveWeekBefore").asInt());
		assertThat(get("/api/v1/projects/" + id).body().get("forecastGoLiveDate").asString()).as("preview stores nothing")
			.isEqualTo(before.toString());

		Response proposed = post("/api/v1/projects/" + id + "/scope-changes", request);
		assertThat(proposed.body().get("status").asString()).isEqualTo("PROPOSED");
		String changeId = proposed.body().get("id").asString();
		Response accepted = post("/api/v1/projects/" + id + "/scope-changes/" + changeId + "/accept", null);
		assertThat(accepted.body().get("status").asString()).isEqualTo("ACCEPTED");
		JsonNode project = get("/api/v1/projects/" + id).body();
		assertThat(project.get("forecastGoLiveDate").asString()).isEqualTo(after.toString());
		assertThat(project.get("phases").get(1).get("items").findValuesAsString("name")).contains("Single sign-on");
		assertProblem(post("/api/v1/projects/" + id + "/scope-changes/" + changeId + "/accept", null), 422, "status");

		JsonNode history = get("/api/v1/projects/" + id + "/scope-changes").body();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("impact").get("goLiveAfter").asString()).isEqualTo(after.toString());
		assertProblem(post("/api/v1/projects/" + id + "/scope-changes/preview", Map.of("name", "x", "scopeTag", "PHASE_3")),
				400, "scopeTag");
	}

	@Test
	void deliverablesAreTrackedAndTheRaciIsGeneratedAndEditable() {
		JsonNode p = newProject();
		String id = p.get("id").asString();
		JsonNode deliverables = get("/api/v1/projects/" + id + "/deliverables").body();
		assertThat(deliverables.findValuesAsString("name")).contains("UAT sign-off", "Usage report");
		JsonNode raci = get("/api/v1/projects/" + id + "/raci").body();
		JsonNode kickoff = raci.get("rows").get(0);
		assertThat(kickoff.get("cells").get("CSM").asString()).isEqualTo("A");
		assertThat(kickoff.get("cells").get("PROJECT_LEAD").asString()).isEqualTo("R");
		assertThat(kickoff.get("cells").get("EXECUTIVE_SPONSOR").asString()).isEqualTo("I");
		Response changed = call("PUT", "/api/v1/projects/" + id + "/raci",
				Map.of("phaseKey", kickoff.get("phaseKey").asString(), "role", "EXECUTIVE_SPONSOR", "value", "A"));
		assertThat(changed.body().get("rows").get(0).get("cells").get("EXECUTIVE_SPONSOR").asString()).isEqualTo("A");
		assertThat(changed.body().get("rows").get(0).get("cells").get("CSM").asString()).as("one accountable").isEqualTo("R");
		assertProblem(call("PUT", "/api/v1/projects/" + id + "/raci",
				Map.of("phaseKey", kickoff.get("phaseKey").asString(), "role", "CSM", "value", "X")), 400, "value");
	}

	@Test
	void closedProjectsRejectChanges() {
		JsonNode p = newProject();
		String id = p.get("id").asString();
		assertThat(call("PATCH", "/api/v1/projects/" + id, Map.of("status", "CANCELLED", "reason", "The customer churned")).status()).isEqualTo(200);
		assertProblem(call("PATCH", "/api/v1/projects/" + id + "/items/" + item(p, "kickoff").get("id").asString(),
				Map.of("status", "DONE")), 422, "status");
	}
}
