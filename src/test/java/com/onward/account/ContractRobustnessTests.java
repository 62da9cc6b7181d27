package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.node.ObjectNode;

/** The contract endpoint under concurrent repeats and under malformed input: never a 5xx. */
class ContractRobustnessTests extends IntegrationTest {

	@Test
	void concurrentRepeatsOfOneContractCreateOneProject() throws Exception {
		var body = contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en");
		List<Callable<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) calls.add(() -> post("/api/v1/contracts", body));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Response> responses = new ArrayList<>();
		for (Future<Response> f : pool.invokeAll(calls)) responses.add(f.get());
		pool.shutdown();
		assertThat(responses).extracting(Response::status).allMatch(s -> s == 200 || s == 201);
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		Set<String> projects = responses.stream().map(r -> r.body().get("projectId").asString()).collect(Collectors.toSet());
		assertThat(projects).hasSize(1);
		String accountId = responses.getFirst().body().get("accountId").asString();
		assertThat(get("/api/v1/projects?accountId=" + accountId).body()).hasSize(1);
	}

	@Test
	void malformedContractsAreClientErrorsAndStoreNothing() {
		String[] bodies = { "", "null", "[]", "{}", "{\"externalId\":123}", "{\"externalId\":\"x\",\"signedAt\":1}",
				"{\"externalId\":\"x\",\"signedAt\":\"2026-03-01T09:00:00Z\",\"account\":[]}",
				"{\"externalId\":\"x\",\"signedAt\":\"2026-03-01T09:00:00Z\",\"account\":{\"name\":\"\",\"employees\":\"many\"}}",
				"{\"externalId\":\"x\",\"signedAt\":\"2026-03-01T09:00:00Z\",\"factors\":{\"integrations\":-1},\"accountId\":\"nope\"}",
				"{\"externalId\":\"" + "x".repeat(500) + "\",\"signedAt\":\"2026-03-01T09:00:00Z\"}" };
		long before = get("/api/v1/accounts?size=1").body().get("total").asLong();
		for (String body : bodies) {
			Response r = post("/api/v1/contracts", body);
			assertThat(r.status()).as(body).isBetween(400, 499);
			assertThat(r.body().get("detail")).as(body).isNotNull();
		}
		ObjectNode valid = json.valueToTree(contract(unique("opp"), "2026-03-01T09:00:00Z", 10, 2_000, "en"));
		((ObjectNode) valid.get("account")).put("employees", -1);
		assertThat(post("/api/v1/contracts", valid.toString()).status()).isEqualTo(400);
		assertThat(get("/api/v1/accounts?size=1").body().get("total").asLong()).isEqualTo(before);
	}
}
