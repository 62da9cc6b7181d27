package com.onward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

class SecurityIntegrationTests extends IntegrationTest {

	@Test
	void missingOrUnknownTokenIs401AsProblemDetail() {
		Response none = call("GET", "/api/v1/accounts", null, null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.body().get("title").asString()).isEqualTo("Unauthorized");
		assertThat(call("GET", "/api/v1/accounts", null, "onw_not-a-token").status()).isEqualTo(401);
	}

	@Test
	void viewerMayReadButNotChange() {
		String viewer = post("/api/v1/admin/tokens", Map.of("name", unique("viewer"), "role", "VIEWER")).body()
			.get("token").asString();
		assertThat(call("GET", "/api/v1/accounts", null, viewer).status()).isEqualTo(200);
		Response denied = call("POST", "/api/v1/contracts",
				contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 2_000, "en"), viewer);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.body().get("status").asInt()).isEqualTo(403);
		assertThat(call("GET", "/api/v1/admin/audit", null, viewer).status()).isEqualTo(403);
	}

	@Test
	void tokensAreShownOnceStoredHashedAndRevocable() {
		Response created = post("/api/v1/admin/tokens", Map.of("name", unique("crm"), "role", "CSM"));
		assertThat(created.status()).isEqualTo(201);
		String token = created.body().get("token").asString();
		String id = created.body().get("info").get("id").asString();
		assertThat(token).startsWith("onw_");
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(200);
		assertThat(get("/api/v1/admin/tokens").raw()).doesNotContain(token);

		assertThat(call("DELETE", "/api/v1/admin/tokens/" + id, null).status()).isEqualTo(204);
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(401);
		assertProblem(post("/api/v1/admin/tokens", Map.of("name", "", "role", "CSM")), 400, "name");
	}

	@Test
	void changesAreAudited() {
		String ext = unique("opp");
		post("/api/v1/contracts", contract(ext, "2026-03-01T09:00:00Z", 20, 2_000, "en"));
		var audit = get("/api/v1/admin/audit?entityType=contract&size=200").body();
		assertThat(audit.get("items").findValues("detail").stream().map(n -> n.asString()))
			.anyMatch(d -> d.startsWith(ext));
		assertThat(audit.get("items").get(0).get("actor").asString()).isEqualTo("bootstrap-admin");
	}

	@Test
	void unknownApiPathsAreProblemDetails() {
		Response r = get("/api/v1/nothing-here");
		assertThat(r.status()).isEqualTo(404);
		assertThat(r.body().get("title").asString()).isEqualTo("Not found");
	}

	@Test
	void healthAndPrometheusNeedNoSignIn() {
		assertThat(call("GET", "/actuator/health/readiness", null, null).status()).isEqualTo(200);
		Response metrics = call("GET", "/actuator/prometheus", null, null);
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
		assertThat(call("GET", "/v3/api-docs", null, null).raw()).contains("/api/v1/contracts");
	}
}
