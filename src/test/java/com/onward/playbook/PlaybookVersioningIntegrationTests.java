package com.onward.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PlaybookVersioningIntegrationTests extends IntegrationTest {

	JsonNode latest(String family) {
		for (JsonNode p : get("/api/v1/playbooks").body())
			if (p.get("family").asString().equals(family)) return p;
		throw new AssertionError(family);
	}

	@Test
	void shipsTheFourDefaultPlaybooksInThreeLanguages() {
		JsonNode all = get("/api/v1/playbooks").body();
		assertThat(all.findValuesAsString("family")).contains("enterprise", "mid-market", "smb", "generic-90");
		JsonNode generic = latest("generic-90");
		assertThat(generic.get("definition").get("phases")).hasSize(6);
		JsonNode name = generic.get("definition").get("phases").get(0).get("name");
		assertThat(name.get("en").asString()).isEqualTo("Welcome & orientation");
		assertThat(name.get("id").asString()).isEqualTo("Sambutan & orientasi");
		assertThat(name.get("ms").asString()).isEqualTo("Alu-aluan & orientasi");
		// Milestones of the generic 90-day plan: kickoff day 5, tech live day 30, training day 50, go-live day 60, review day 90.
		Map<String, Integer> days = Map.of("kickoff", 4, "tech-live", 29, "training-complete", 49, "golive", 59,
				"business-review", 89);
		for (JsonNode phase : generic.get("definition").get("phases"))
			for (JsonNode item : phase.get("items"))
				if (days.containsKey(item.get("key").asString()))
					assertThat(item.get("dayOffset").asInt()).as(item.get("key").asString())
						.isEqualTo(days.get(item.get("key").asString()));
	}

	@Test
	void editingSavesANewVersionAndRunningProjectsKeepTheirs() {
		String family = unique("pb").toLowerCase();
		JsonNode smb = latest("smb");
		Response clone = post("/api/v1/playbooks/" + smb.get("id").asString() + "/clone",
				Map.of("family", family, "name", Map.of("en", "Clone")));
		assertThat(clone.status()).as(clone.raw()).isEqualTo(201);
		assertThat(clone.body().get("version").asInt()).isEqualTo(1);

		ObjectNode definition = (ObjectNode) clone.body().get("definition").deepCopy();
		((ObjectNode) definition.get("phases").get(0).get("items").get(0)).put("durationDays", 9);
		Response v2 = call("PUT", "/api/v1/playbooks/" + clone.body().get("id").asString(),
				Map.of("definition", definition));
		assertThat(v2.status()).as(v2.raw()).isEqualTo(200);
		assertThat(v2.body().get("version").asInt()).isEqualTo(2);
		assertThat(get("/api/v1/playbooks/" + clone.body().get("id").asString()).body().get("definition").get("phases")
			.get(0).get("items").get(0).get("durationDays").asInt()).as("v1 unchanged").isEqualTo(1);
		assertThat(get("/api/v1/playbooks/families/" + family + "/versions").body()).hasSize(2);

		ObjectNode cyclic = definition.deepCopy();
		// setup-complete already depends on setup-wizard: closing the loop is a cycle.
		((ObjectNode) cyclic.get("phases").get(0).get("items").get(2)).putArray("dependsOn").add("setup-complete");
		assertProblem(call("PUT", "/api/v1/playbooks/" + v2.body().get("id").asString(), Map.of("definition", cyclic)), 400,
				null);
		assertThat(get("/api/v1/playbooks/families/" + family + "/versions").body()).as("nothing stored").hasSize(2);
	}

	@Test
	void aProjectKeepsThePlaybookVersionItStartedWith() {
		var before = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		JsonNode mid = latest("mid-market");
		ObjectNode definition = (ObjectNode) mid.get("definition").deepCopy();
		((ObjectNode) definition.get("phases").get(0).get("items").get(0)).put("durationDays", 3);
		JsonNode v = call("PUT", "/api/v1/playbooks/" + mid.get("id").asString(), Map.of("definition", definition)).body();
		var after = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		JsonNode oldProject = get("/api/v1/projects/" + before.body().get("projectId").asString()).body();
		JsonNode newProject = get("/api/v1/projects/" + after.body().get("projectId").asString()).body();
		assertThat(oldProject.get("playbookId").asString()).isEqualTo(mid.get("id").asString());
		assertThat(newProject.get("playbookId").asString()).isEqualTo(v.get("id").asString());
	}
}
