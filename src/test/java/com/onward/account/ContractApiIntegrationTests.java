package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class ContractApiIntegrationTests extends IntegrationTest {

	@Test
	void signedContractBecomesAProjectFromTheSegmentsPlaybookWithConcreteDates() {
		Response r = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 1200, 80_000, "id"));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		String projectId = r.body().get("projectId").asString();

		JsonNode account = get("/api/v1/accounts/" + r.body().get("accountId").asString()).body();
		assertThat(account.get("segment").asString()).isEqualTo("ENTERPRISE");
		assertThat(account.get("touchModel").asString()).isEqualTo("HIGH_TOUCH");
		assertThat(account.get("contractSignedDate").asString()).isEqualTo("2026-03-01");

		JsonNode project = get("/api/v1/projects/" + projectId).body();
		assertThat(project.get("playbook").asString()).isEqualTo("Enterprise");
		assertThat(project.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(project.get("startDate").asString()).isEqualTo("2026-03-01");
		// The shipped Enterprise playbook ends with graduation on day 97 (week 14).
		assertThat(project.get("targetGraduationDate").asString()).isEqualTo("2026-06-06");
		assertThat(project.get("progressPercent").asInt()).isZero();
		assertThat(project.get("phases")).hasSize(5);
		JsonNode firstPhase = project.get("phases").get(0);
		assertThat(firstPhase.get("name").asString()).isEqualTo("Discovery & planning");
		JsonNode kickoff = firstPhase.get("items").get(1);
		assertThat(kickoff.get("kind").asString()).isEqualTo("MILESTONE");
		assertThat(kickoff.get("name").asString()).isEqualTo("Executive kickoff");
		assertThat(kickoff.get("dueDate").asString()).isEqualTo("2026-03-03");
		assertThat(kickoff.get("ownerRole").asString()).isEqualTo("CSM");
		assertThat(kickoff.get("status").asString()).isEqualTo("NOT_STARTED");
	}

	@Test
	void eachSegmentGetsItsOwnPlaybook() {
		Response mid = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		Response smb = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 3_000, "ms"));
		JsonNode midProject = get("/api/v1/projects/" + mid.body().get("projectId").asString()).body();
		JsonNode smbProject = get("/api/v1/projects/" + smb.body().get("projectId").asString()).body();
		assertThat(midProject.get("playbook").asString()).isEqualTo("Mid-Market");
		assertThat(midProject.get("targetGraduationDate").asString()).isEqualTo(LocalDate.of(2026, 3, 1).plusDays(55).toString());
		assertThat(smbProject.get("playbook").asString()).isEqualTo("SMB");
		assertThat(smbProject.get("targetGraduationDate").asString()).isEqualTo(LocalDate.of(2026, 3, 1).plusDays(29).toString());
	}

	@Test
	void repeatingAContractReturnsTheSameIdsWith200() {
		var body = contract(unique("opp"), "2026-04-01T09:00:00Z", 300, 20_000, "en");
		Response first = post("/api/v1/contracts", body);
		Response again = post("/api/v1/contracts", body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		JsonNode projects = get("/api/v1/projects?accountId=" + first.body().get("accountId").asString()).body();
		assertThat(projects).hasSize(1);
	}

	@Test
	void customisationFactorsLengthenThePlanAndSayWhy() {
		var plain = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		var body = new HashMap<>(contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		body.put("factors", Map.of("complexity", "HIGH", "integrations", 3));
		var stretched = post("/api/v1/contracts", body);
		JsonNode a = get("/api/v1/projects/" + plain.body().get("projectId").asString()).body();
		JsonNode b = get("/api/v1/projects/" + stretched.body().get("projectId").asString()).body();
		assertThat(LocalDate.parse(b.get("targetGraduationDate").asString()))
			.isAfter(LocalDate.parse(a.get("targetGraduationDate").asString()));
		assertThat(b.get("factorPercent").get("COMPLEXITY").asInt()).isEqualTo(25);
		assertThat(b.get("factorPercent").get("INTEGRATIONS").asInt()).isEqualTo(20);
		JsonNode lastPhase = b.get("phases").get(b.get("phases").size() - 1);
		JsonNode graduation = lastPhase.get("items").get(lastPhase.get("items").size() - 1);
		// Graduation at day 56 (exclusive end): 25 % → 14 days, 20 % → 11 days.
		assertThat(graduation.get("factorShiftDays").get("COMPLEXITY").asInt()).isEqualTo(14);
		assertThat(graduation.get("factorShiftDays").get("INTEGRATIONS").asInt()).isEqualTo(11);
	}

	@Test
	void contractForAnExistingAccount() {
		var first = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 300, 20_000, "en"));
		String accountId = first.body().get("accountId").asString();
		var second = post("/api/v1/contracts",
				Map.of("externalId", unique("opp"), "signedAt", "2026-05-01T09:00:00Z", "accountId", accountId));
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body().get("accountId").asString()).isEqualTo(accountId);
		assertThat(get("/api/v1/accounts/" + accountId + "/contracts").body()).hasSize(2);
	}

	@Test
	void invalidInputIsAProblemDetailNamingTheFieldAndStoresNothing() {
		String ext = unique("opp");
		var body = new HashMap<>(contract(ext, "2026-03-01T09:00:00Z", -5, 20_000, "en"));
		assertProblem(post("/api/v1/contracts", body), 400, "account.employees");
		assertThat(get("/api/v1/projects?accountId=00000000-0000-0000-0000-000000000000").body()).isEmpty();

		assertProblem(post("/api/v1/contracts", Map.of("signedAt", "2026-03-01T09:00:00Z", "accountId",
				"00000000-0000-0000-0000-000000000001")), 400, "externalId");
		assertProblem(post("/api/v1/contracts", "{\"externalId\":\"x\",\"signedAt\":\"not a date\"}"), 400, "signedAt");
		assertProblem(post("/api/v1/contracts", "{ not json"), 400, null);
		assertProblem(post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt", "2026-03-01T09:00:00Z")),
				400, "account");
		assertProblem(post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt", "2026-03-01T09:00:00Z",
				"accountId", "00000000-0000-0000-0000-000000000001")), 404, null);

		var badEnum = new HashMap<>(contract(unique("opp"), "2026-03-01T09:00:00Z", 10, 2_000, "en"));
		@SuppressWarnings("unchecked")
		var account = new HashMap<>((Map<String, Object>) badEnum.get("account"));
		account.put("productType", "HOURLY");
		badEnum.put("account", account);
		assertProblem(post("/api/v1/contracts", badEnum), 400, "account.productType");

		assertProblem(get("/api/v1/accounts?segment=GIANT"), 400, "segment");
		assertProblem(get("/api/v1/accounts?size=100000"), 400, "size");
		assertProblem(get("/api/v1/accounts/not-a-uuid"), 400, "id");
		assertThat(get("/api/v1/accounts?q=" + ext).body().get("total").asInt()).isZero();
	}

	@Test
	void accountsArePagedAndFilteredBySegment() {
		post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 2_000, "en"));
		JsonNode page = get("/api/v1/accounts?segment=SMB&page=0&size=1").body();
		assertThat(page.get("size").asInt()).isEqualTo(1);
		assertThat(page.get("page").asInt()).isZero();
		assertThat(page.get("total").asInt()).isPositive();
		assertThat(page.get("items")).hasSize(1);
		assertThat(page.get("items").get(0).get("segment").asString()).isEqualTo("SMB");
	}

	@Test
	void accountPagesFollowTheNameOrderAndCarryTheTotalEvenPastTheLastPage() {
		String tag = unique("pages");
		for (String suffix : List.of("c", "a", "b")) {
			var body = new HashMap<>(contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 2_000, "en"));
			@SuppressWarnings("unchecked")
			var account = new HashMap<>((Map<String, Object>) body.get("account"));
			account.put("name", tag + " " + suffix);
			body.put("account", account);
			post("/api/v1/contracts", body);
		}
		JsonNode first = get("/api/v1/accounts?q=" + tag + "&size=2&page=0").body();
		assertThat(first.get("total").asInt()).isEqualTo(3);
		assertThat(first.get("items").valueStream().map(a -> a.get("name").asString()))
			.containsExactly(tag + " a", tag + " b");
		JsonNode second = get("/api/v1/accounts?q=" + tag + "&size=2&page=1").body();
		assertThat(second.get("total").asInt()).isEqualTo(3);
		assertThat(second.get("items").valueStream().map(a -> a.get("name").asString())).containsExactly(tag + " c");
		JsonNode past = get("/api/v1/accounts?q=" + tag + "&size=2&page=7").body();
		assertThat(past.get("items")).isEmpty();
		assertThat(past.get("total").asInt()).as("the total past the last page").isEqualTo(3);
	}

	@Test
	void segmentOverrideNeedsAReasonAndAManagerAndIsKeptInHistory() {
		var signed = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 2_000, "en"));
		String id = signed.body().get("accountId").asString();
		String csm = post("/api/v1/admin/tokens", Map.of("name", unique("csm"), "role", "CSM")).body().get("token").asString();

		assertThat(call("POST", "/api/v1/accounts/" + id + "/segment-override",
				Map.of("segment", "MID_MARKET", "reason", "strategic"), csm).status()).isEqualTo(403);
		assertProblem(post("/api/v1/accounts/" + id + "/segment-override", Map.of("segment", "MID_MARKET")), 400, "reason");

		Response ok = post("/api/v1/accounts/" + id + "/segment-override",
				Map.of("segment", "MID_MARKET", "reason", "Strategic logo, treat as mid-market"));
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.body().get("segment").asString()).isEqualTo("MID_MARKET");
		assertThat(ok.body().get("touchModel").asString()).isEqualTo("LOW_TOUCH");
		assertThat(ok.body().get("segmentOverridden").asBoolean()).isTrue();
		JsonNode history = get("/api/v1/accounts/" + id + "/segment-history").body();
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("reason").asString()).isEqualTo("Strategic logo, treat as mid-market");
		assertThat(history.get(0).get("from").asString()).isEqualTo("SMB");
	}

	@Test
	void contactsGivenWithTheAccountAreKept() {
		var signed = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 20, 2_000, "en"));
		String id = signed.body().get("accountId").asString();
		assertThat(get("/api/v1/accounts/" + id + "/contacts").body().get(0).get("name").asString()).isEqualTo("Siti Rahma");
		Response added = post("/api/v1/accounts/" + id + "/contacts",
				Map.of("name", "Budi", "role", "CHAMPION", "engagement", "HIGH"));
		assertThat(added.status()).isEqualTo(201);
		assertProblem(post("/api/v1/accounts/" + id + "/contacts", Map.of("name", "X", "role", "BOSS")), 400, "role");
		assertProblem(post("/api/v1/accounts/" + id + "/contacts", Map.of("name", "X", "role", "SME", "email", "nope")),
				400, "email");
		assertThat(get("/api/v1/accounts/" + id + "/contacts").body()).hasSize(2);
		String budi = added.body().get("id").asString();
		Response updated = call("PUT", "/api/v1/accounts/" + id + "/contacts/" + budi, Map.of("name", "Budi Santoso",
				"role", "CHAMPION", "engagement", "LOW", "sentiment", "NEGATIVE", "lastContactOn", "2026-03-10"));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body().get("sentiment").asString()).isEqualTo("NEGATIVE");
		assertThat(updated.body().get("lastContactOn").asString()).isEqualTo("2026-03-10");
		assertProblem(call("PUT", "/api/v1/accounts/" + id + "/contacts/00000000-0000-0000-0000-000000000000",
				Map.of("name", "X", "role", "SME")), 404, null);
	}

	@Test
	void newAccountsAreSegmentedOnCreation() {
		Response r = post("/api/v1/accounts", Map.of("externalId", unique("crm"), "name", "Kecil", "employees", 12,
				"acv", Map.of("amount", 5000, "currency", "USD"), "productType", "WEEKLY", "language", "ms"));
		assertThat(r.status()).isEqualTo(201);
		assertThat(r.body().get("segment").asString()).isEqualTo("SMB");
		assertThat(r.body().get("touchModel").asString()).isEqualTo("TECH_TOUCH");
		assertThat(r.body().get("language").asString()).isEqualTo("ms");
		assertProblem(post("/api/v1/accounts", Map.of("name", "X", "employees", 1, "acv", Map.of("amount", 1,
				"currency", "USD"), "productType", "DAILY", "language", "fr")), 400, "language");
		assertProblem(post("/api/v1/accounts", Map.of("name", "X", "employees", 1, "acv", Map.of("amount", 1,
				"currency", "GBP"), "productType", "DAILY")), 400, "acv.currency");
		List<String> dup = List.of(r.body().get("externalId").asString());
		assertProblem(post("/api/v1/accounts", Map.of("externalId", dup.getFirst(), "name", "Twin", "employees", 1,
				"acv", Map.of("amount", 1, "currency", "USD"), "productType", "DAILY")), 422, "externalId");
	}
}
