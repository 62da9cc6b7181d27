package com.onward.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class CrmWebhooksIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private JsonNode connection(String preset) {
		Response r = post("/api/v1/admin/crm/connections", Map.of("name", unique(preset), "preset", preset));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return r.body();
	}

	/** Posted as the CRM does: no bearer token, the body signed with the connection's secret. */
	private Response deliver(String id, String secret, String body) throws Exception {
		var mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/integrations/crm/" + id))
			.header("Content-Type", "application/json").header("X-Onward-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
		HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()), r.body());
	}

	private int contracts(String externalId) {
		return jdbc.sql("select count(*) from contract where external_id = :e").param("e", externalId).query(Integer.class).single();
	}

	@Test
	void aHubSpotWorkflowWebhookThroughItsPresetSignsAContractOnce() throws Exception {
		JsonNode created = connection("HUBSPOT");
		String id = created.get("connection").get("id").asString();
		String secret = created.get("secret").asString();
		String deal = String.valueOf(System.nanoTime());
		long closed = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
		// A workflow "Send a webhook" action on a deal: properties as value objects, dates in epoch milliseconds.
		String payload = """
				{"objectId": %s, "objectType": "DEAL", "portalId": 62515,
				 "properties": {"dealname": {"value": "Acme platform"}, "amount": {"value": "24000"},
				   "closedate": {"value": "%d"}, "deal_currency_code": {"value": "USD"},
				   "associatedcompanyid": {"value": "hs-%s"}, "company_name": {"value": "Acme Logistik"},
				   "numberofemployees": {"value": "250"}, "seats": {"value": "40"},
				   "contact_name": {"value": "Siti Rahma"}, "contact_email": {"value": "siti@acme.example"}}}"""
			.formatted(deal, closed, deal);
		Response r = deliver(id, secret, payload);
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		String accountId = r.body().get("accountId").asString();
		JsonNode account = get("/api/v1/accounts/" + accountId).body();
		assertThat(account.get("name").asString()).isEqualTo("Acme Logistik");
		assertThat(account.get("externalId").asString()).isEqualTo("hs-" + deal);
		assertThat(account.get("licensedSeats").asInt()).isEqualTo(40);
		assertThat(get("/api/v1/projects/" + r.body().get("projectId").asString()).status()).isEqualTo(200);
		assertThat(get("/api/v1/accounts/" + accountId + "/contacts").body().findValuesAsString("email"))
			.contains("siti@acme.example");

		Response again = deliver(id, secret, payload);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().get("contractId").asString()).isEqualTo(r.body().get("contractId").asString());
		assertThat(contracts(deal)).isEqualTo(1);

		// A wrong signature: 401, nothing stored.
		String other = payload.replace(deal, deal + "7");
		assertThat(deliver(id, "crm_wrong", other).status()).isEqualTo(401);
		assertThat(contracts(deal + "7")).isZero();
		JsonNode deliveries = get("/api/v1/admin/crm/connections/" + id + "/deliveries").body();
		assertThat(deliveries.findValuesAsString("status")).containsExactly("401", "200", "201");
	}

	@Test
	void aSalesforceFlowCalloutThroughItsPresetAndAnUnmappablePayload() throws Exception {
		JsonNode created = connection("SALESFORCE");
		String id = created.get("connection").get("id").asString();
		String secret = created.get("secret").asString();
		String opp = "006" + System.nanoTime();
		String payload = """
				{"Id": "%s", "Name": "Maju Jaya - 2026", "Amount": 18000, "CloseDate": "%s", "CurrencyIsoCode": "MYR",
				 "Account": {"Id": "001%s", "Name": "Maju Jaya Sdn Bhd", "Industry": "Retail", "NumberOfEmployees": 120},
				 "Contact": {"Name": "Aminah Yusof", "Email": "aminah@majujaya.example"}}"""
			.formatted(opp, LocalDate.now().minusDays(2), opp);
		Response preview = post("/api/v1/admin/crm/connections/" + id + "/preview", Map.of("payload", payload));
		assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
		assertThat(preview.body().get("errors").size()).isZero();
		assertThat(preview.body().get("contract").get("account").get("acv").get("currency").asString()).isEqualTo("MYR");
		assertThat(contracts(opp)).as("a preview stores nothing").isZero();

		Response r = deliver(id, secret, payload);
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		assertThat(get("/api/v1/accounts/" + r.body().get("accountId").asString()).body().get("name").asString())
			.isEqualTo("Maju Jaya Sdn Bhd");
		assertThat(deliver(id, secret, payload).status()).isEqualTo(200);

		// No Amount and no Account name: 400 naming both fields, nothing stored.
		String broken = payload.replace(opp, opp + "9").replace("\"Amount\": 18000, ", "").replace("\"Name\": \"Maju Jaya Sdn Bhd\", ", "");
		Response bad = deliver(id, secret, broken);
		assertProblem(bad, 400, "account.acv.amount");
		assertProblem(bad, 400, "account.name");
		assertThat(bad.raw()).contains("/Amount");
		assertThat(contracts(opp + "9")).isZero();
		Response previewBad = post("/api/v1/admin/crm/connections/" + id + "/preview", Map.of("payload", broken));
		assertThat(previewBad.body().get("errors").findValuesAsString("field")).contains("account.acv.amount");
		JsonNode deliveries = get("/api/v1/admin/crm/connections/" + id + "/deliveries").body();
		assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(400);
		assertThat(deliveries.get(0).get("problem").asString()).contains("account.acv.amount");
	}

	@Test
	void mappingsAreCheckedWhenSaved() {
		JsonNode created = connection("CUSTOM");
		String id = created.get("connection").get("id").asString();
		assertProblem(call("PUT", "/api/v1/admin/crm/connections/" + id + "/mapping",
				Map.of("mapping", Map.of("externalId", "/id", "signedAt", "/at", "account.name", "no-slash"))), 400,
				"mapping.account.name");
		assertProblem(call("PUT", "/api/v1/admin/crm/connections/" + id + "/mapping",
				Map.of("mapping", Map.of("externalId", "/id", "colour", "/c"))), 400, "mapping.colour");
		var mapping = Map.of("externalId", "/deal/id", "signedAt", "/deal/won_at", "account.name", "/org/name",
				"account.employees", "/org/size|=0", "account.acv.amount", "/deal/value", "account.acv.currency", "=EUR",
				"account.productType", "=WEEKLY");
		Response ok = call("PUT", "/api/v1/admin/crm/connections/" + id + "/mapping", Map.of("mapping", mapping));
		assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
		Response preview = post("/api/v1/admin/crm/connections/" + id + "/preview", Map.of("payload",
				"{\"deal\": {\"id\": \"d-1\", \"won_at\": \"2026-03-01T09:00:00Z\", \"value\": 1200}, \"org\": {\"name\": \"Pipedrive Co\"}}"));
		assertThat(preview.body().get("errors").size()).as(preview.raw()).isZero();
		assertThat(preview.body().get("contract").get("account").get("employees").asInt()).isZero();
		assertThat(preview.body().get("contract").get("account").get("productType").asString()).isEqualTo("WEEKLY");
	}
}
