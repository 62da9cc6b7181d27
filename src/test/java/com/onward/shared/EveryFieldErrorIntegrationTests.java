package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/**
 * A request body with several bad fields answers one {@code errors} entry per field, in words a
 * person understands (API.md's problem format), and stores nothing; and JSON over the parser's
 * limits (nesting depth, number and text length) is refused as a 400 problem.
 */
class EveryFieldErrorIntegrationTests extends IntegrationTest {

	private static List<String> fields(Response r) {
		return r.body().get("errors").findValuesAsString("field");
	}

	@Test
	void aContractWithABadDateABlankNameAndNegativeNumbersNamesEachField() {
		String externalId = unique("every");
		var body = Map.of("externalId", externalId, "signedAt", "2026-13-45", "account",
				Map.of("name", " ", "employees", -5, "acv", Map.of("amount", -1, "currency", "USD"), "productType",
						"DAILY", "licensedSeats", "lots", "contacts",
						List.of(Map.of("name", "Siti", "email", "siti@acme.example", "role", "NOBODY"))));
		Response r = post("/api/v1/contracts", body);
		assertProblem(r, 400, null);
		assertThat(fields(r)).as(r.raw()).containsExactlyInAnyOrder("signedAt", "account.name", "account.employees",
				"account.acv.amount", "account.licensedSeats", "account.contacts[0].role");
		assertThat(r.raw()).contains("a date and time like 2026-03-01T09:00:00Z", "a whole number", "one of ")
			.doesNotContain("Cannot deserialize").doesNotContain("java.").doesNotContain("tools.jackson");
		assertThat(r.body().get("detail").asString()).contains("signedAt").contains("account.name");
		assertThat(get("/api/v1/accounts?q=" + externalId).raw()).doesNotContain(externalId);
	}

	@Test
	void anObjectWhereTextIsExpectedIsOneFieldErrorAndTheRestIsStillJudged() {
		Response r = post("/api/v1/contracts", Map.of("externalId", Map.of("nested", List.of(1, 2)), "signedAt",
				"2026-03-01T09:00:00Z", "account", Map.of("name", "", "employees", "x")));
		assertProblem(r, 400, null);
		assertThat(fields(r)).as(r.raw()).contains("externalId", "account.name", "account.employees");
	}

	@Test
	void aSingleBadFieldStillAnswersAsBefore() {
		Response r = post("/api/v1/contracts", contract(unique("one"), "2026-03-01T09:00:00Z", -3, 1_000, "en"));
		assertProblem(r, 400, "account.employees");
		assertThat(fields(r)).hasSize(1);
	}

	@Test
	void bodiesNestedDeeperThanTheLimitAreA400() {
		assertThat(json.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(64);
		String deep = "{\"events\":[{\"type\":\"LOGIN\",\"accountId\":\"x\",\"properties\":"
				+ "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}]}";
		Response r = post("/api/v1/events", deep);
		assertProblem(r, 400, null);
		assertThat(r.raw()).contains("nested too deeply").doesNotContain("StreamReadConstraints");
	}

	@Test
	void numbersWithTooManyDigitsAreA400() {
		Response r = post("/api/v1/contracts", "{\"externalId\":\"x\",\"signedAt\":\"2026-03-01T09:00:00Z\","
				+ "\"account\":{\"employees\":" + "9".repeat(200) + "}}");
		assertProblem(r, 400, null);
		assertThat(r.raw()).contains("too many digits").doesNotContain("StreamReadConstraints");
	}

	@Test
	void textValuesLongerThanTheLimitAreA400() {
		// /events takes bodies up to 25 MB, but one text value stays under the string limit (2 MB).
		String longText = "x".repeat(2_100_000);
		Response r = post("/api/v1/events", "{\"events\":[{\"type\":\"LOGIN\",\"accountId\":\"" + longText + "\"}]}");
		assertThat(r.status()).as(r.raw()).isEqualTo(400);
		assertThat(r.raw()).contains("too long").doesNotContain("StreamReadConstraints");
	}
}
