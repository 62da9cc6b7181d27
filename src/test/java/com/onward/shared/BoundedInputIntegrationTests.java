package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import com.onward.IntegrationTest;

/** Bodies are bounded, imports capped, and errors speak to people without showing internals. */
class BoundedInputIntegrationTests extends IntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void oversizedBodiesAre413ProblemsWithOrWithoutALength() throws Exception {
		String big = "{\"externalId\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		var declared = http.send(request("/api/v1/contracts").POST(HttpRequest.BodyPublishers.ofString(big)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		var chunked = http.send(request("/api/v1/contracts").POST(HttpRequest.BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
		assertThat(chunked.body()).contains("\"status\":413");
		// Usage batches may be larger, up to their own limit.
		String events = "{\"events\":[" + "{\"type\":\"x\"},".repeat(100_000) + "{\"type\":\"x\"}]}";
		var batch = http.send(request("/api/v1/events").POST(HttpRequest.BodyPublishers.ofString(events)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(batch.statusCode()).isNotEqualTo(500);
		assertThat(batch.body()).doesNotContain("may have at most 1048576 bytes");
	}

	@Test
	void badFieldsAreNamedInWordsNotParserInternals() {
		var body = new HashMap<>(contract(unique("opp"), "yesterday", 20, 2_000, "en"));
		Response r = post("/api/v1/contracts", body);
		assertProblem(r, 400, "signedAt");
		assertThat(r.raw()).contains("a date and time like").doesNotContain("Cannot deserialize").doesNotContain("java.");
		Response e = post("/api/v1/contracts", Map.of("externalId", "x", "signedAt", "2026-03-01T09:00:00Z", "account",
				Map.of("name", "X", "employees", "many")));
		assertThat(e.status()).isEqualTo(400);
		assertThat(e.raw()).contains("a whole number").doesNotContain("java.");
	}

	@Test
	void csvImportsAreCappedInRowsAndReportTheFirstHundredErrors() {
		String header = "name,employees,acvAmount,acvCurrency,productType\n";
		StringBuilder bad = new StringBuilder(header);
		for (int i = 0; i < 150; i++) bad.append("Bad ").append(i).append(",-1,100,USD,DAILY\n");
		Response r = callCsv("/api/v1/imports/accounts", bad.toString());
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().get("errors").size()).isEqualTo(100);

		StringBuilder many = new StringBuilder(header);
		for (int i = 0; i <= 10_000; i++) many.append("Co ").append(i).append(",5,100,USD,DAILY\n");
		Response capped = callCsv("/api/v1/imports/accounts", many.toString());
		assertThat(capped.status()).isEqualTo(400);
		assertThat(capped.raw()).contains("more than 10000 rows");
		assertThat(capped.body().get("accountsCreated").asInt()).isZero();
	}

	@Test
	void aLongDependencyChainIsCheckedWithoutRecursion() {
		Map<String, List<String>> chain = new HashMap<>();
		for (int i = 0; i < 200_000; i++) chain.put("k" + i, i == 0 ? List.of() : List.of("k" + (i - 1)));
		assertThat(com.onward.playbook.PlaybookTestAccess.findCycle(chain)).isNull();
		chain.put("k0", List.of("k199999"));
		assertThat(com.onward.playbook.PlaybookTestAccess.findCycle(chain)).isNotNull();
	}

	@Test
	void oversizedPlaybooksAreRefused() {
		String family = get("/api/v1/playbooks").body().get(0).get("id").asString();
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			items.add(Map.of("key", "i" + i, "kind", "TASK", "name", Map.of("en", "Item " + i), "dayOffset", 0,
					"durationDays", 1, "ownerRole", "CSM", "customerHomework", false, "goLive", false));
		}
		Response r = call("PUT", "/api/v1/playbooks/" + family, Map.of("definition", Map.of("phases", List.of(Map.of("key",
				"p", "name", Map.of("en", "P"), "items", items)))));
		assertProblem(r, 400, "phases");
		Response longName = call("PUT", "/api/v1/playbooks/" + family, Map.of("definition", Map.of("phases",
				List.of(Map.of("key", "p", "name", Map.of("en", "P".repeat(500)), "items", items.subList(0, 2))))));
		assertProblem(longName, 400, "phases[0].name");
	}

	@Test
	void unexpectedErrorsAre500ProblemsWithoutInternals() throws Exception {
		var response = new ApiProblems().unexpected(new IllegalStateException("select password_hash from app_user"),
				new MockHttpServletRequest("GET", "/api/v1/x"));
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody().getDetail()).doesNotContain("password_hash").doesNotContain("IllegalState")
			.contains("reference");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json");
	}
}
