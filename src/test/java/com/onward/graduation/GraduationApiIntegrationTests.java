package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.testing.Scenarios;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/projects/{id}/scorecard} exactly as API.md says, with blockers and bad input. */
class GraduationApiIntegrationTests extends UsageTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scenarios scenarios;

	private static Map<String, Object> scores(Object t, Object k, Object a, Object v, Object s) {
		var m = new LinkedHashMap<String, Object>();
		m.put("technical", t);
		m.put("knowledge", k);
		m.put("adoption", a);
		m.put("value", v);
		m.put("stakeholder", s);
		return m;
	}

	private long stored(String projectId) {
		return jdbc.sql("select count(*) from scorecard where project_id = :p").param("p", UUID.fromString(projectId))
			.query(Long.class).single();
	}

	@Test
	void theWorkedExampleIsReadyAndKept() {
		String project = scenarios.smbAccount().seats(10).sign().projectId().toString();
		com.onward.testing.MetValue.meet(this::post, project);
		Response r = post("/api/v1/projects/" + project + "/scorecard", scores(9, 8, 7, 9, 8));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("total").asDouble()).isEqualTo(8.3);
		assertThat(r.body().get("total").toString()).isEqualTo("8.3");
		assertThat(r.body().get("verdict").asString()).isEqualTo("READY");
		assertThat(r.body().get("blockers").isArray()).isTrue();
		assertThat(r.body().get("blockers").size()).isZero();
		var adjusted = scores(9, 8, 7, 5, 8);
		adjusted.put("note", "Value not yet confirmed by the sponsor");
		JsonNode second = post("/api/v1/projects/" + project + "/scorecard", adjusted).body();
		assertThat(second.get("total").asDouble()).isEqualTo(7.1);
		assertThat(second.get("verdict").asString()).isEqualTo("CLOSE");
		JsonNode history = get("/api/v1/projects/" + project + "/scorecards").body();
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.get(0).get("note").asString()).isEqualTo("Value not yet confirmed by the sponsor");
		assertThat(history.get(1).get("verdict").asString()).isEqualTo("READY");
	}

	@Test
	void scoresOutsideZeroToTenAre400AndNothingIsStored() {
		String project = scenarios.smbAccount().seats(10).sign().projectId().toString();
		assertProblem(post("/api/v1/projects/" + project + "/scorecard", scores(11, 8, 7, 9, 8)), 400, "technical");
		assertProblem(post("/api/v1/projects/" + project + "/scorecard", scores(9, 8, -0.5, 9, 8)), 400, "adoption");
		var missing = scores(9, 8, 7, 9, 8);
		missing.remove("knowledge");
		assertProblem(post("/api/v1/projects/" + project + "/scorecard", missing), 400, "knowledge");
		assertThat(post("/api/v1/projects/" + project + "/scorecard", scores("high", 8, 7, 9, 8)).status()).isEqualTo(400);
		assertThat(stored(project)).isZero();
		assertProblem(post("/api/v1/projects/" + UUID.randomUUID() + "/scorecard", scores(9, 8, 7, 9, 8)), 404, null);
	}

	@Test
	void aBlockingRedFlagKeepsTenOutOfTenFromReady() {
		// Telemetry is connected, and this account has had nobody log in for 20 days: NO_LOGIN_AFTER_ACCESS.
		sendOk(List.of(event(scenarios.smbAccount().seats(5).onDay(2).sign().accountId(), "someone", "LOGIN",
				Instant.now().minus(1, ChronoUnit.HOURS))));
		var scenario = scenarios.smbAccount().seats(10).onDay(20).sign();
		post("/api/v1/accounts/" + scenario.accountId() + "/health/recompute", null);
		JsonNode r = post("/api/v1/projects/" + scenario.projectId() + "/scorecard", scores(10, 10, 10, 10, 10)).body();
		assertThat(r.get("total").toString()).isEqualTo("10");
		assertThat(r.get("verdict").asString()).isEqualTo("CLOSE");
		assertThat(r.get("blockers").findValuesAsString("code")).contains("NO_LOGIN_AFTER_ACCESS");
		assertThat(r.get("blockers").get(0).get("title").asString()).isNotBlank();
	}
}
