package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class CsvImportIntegrationTests extends IntegrationTest {

	static final String HEADER = "externalId,name,employees,acvAmount,acvCurrency,licensedSeats,productType,language,contractExternalId,signedAt,complexity,integrations\n";

	@Test
	void importsAccountsAndContractsInOneGo() {
		String a = unique("crm"), b = unique("crm"), contract = unique("opp");
		String csv = HEADER
				+ a + ",Sinar Retail,40,4000,USD,10,WEEKLY,id,,,,\n"
				+ b + ",\"Maju, Bersama\",2500,900000000,IDR,500,DAILY,en," + contract + ",2026-02-01,HIGH,2\n";
		Response r = callCsv("/api/v1/imports/accounts", csv);
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("imported").asBoolean()).isTrue();
		assertThat(r.body().get("accountsCreated").asInt()).isEqualTo(2);
		assertThat(r.body().get("contractsCreated").asInt()).isEqualTo(1);

		JsonNode enterprise = get("/api/v1/accounts?q=" + b).body().get("items").get(0);
		assertThat(enterprise.get("name").asString()).isEqualTo("Maju, Bersama");
		assertThat(enterprise.get("segment").asString()).isEqualTo("ENTERPRISE");
		assertThat(get("/api/v1/projects?accountId=" + enterprise.get("id").asString()).body()).hasSize(1);

		// Importing the same contracts again is idempotent: nothing new, reported as known.
		Response again = callCsv("/api/v1/imports/accounts", HEADER
				+ b + ",\"Maju, Bersama\",2500,900000000,IDR,500,DAILY,en," + contract + ",2026-02-01,HIGH,2\n");
		assertThat(again.body().get("contractsAlreadyKnown").asInt()).isEqualTo(1);
		assertThat(again.body().get("contractsCreated").asInt()).isZero();
	}

	@Test
	void aFileWithOneBadRowImportsNothingAndTheReportNamesRowColumnAndProblem() {
		String good = unique("crm"), bad = unique("crm");
		String csv = HEADER
				+ good + ",Good Co,40,4000,USD,10,WEEKLY,en,,,,\n"
				+ bad + ",Bad Co,many,4000,GBP,10,HOURLY,en,,,,\n"
				+ unique("crm") + ",,40,4000,USD,10,DAILY,en," + unique("opp") + ",yesterday,,\n";
		Response r = callCsv("/api/v1/imports/accounts", csv);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().get("imported").asBoolean()).isFalse();
		JsonNode errors = r.body().get("errors");
		assertThat(errors.findValuesAsString("column")).contains("employees", "acvCurrency", "productType", "name",
				"signedAt");
		assertThat(errors.get(0).get("row").asInt()).isEqualTo(3);
		assertThat(errors.get(0).get("message").asString()).contains("'many'");
		assertThat(get("/api/v1/accounts?q=" + good).body().get("total").asInt()).as("nothing half-stored").isZero();
	}

	@Test
	void unknownOrMissingColumnsAreReported() {
		Response r = callCsv("/api/v1/imports/accounts", "name,employees,colour\nX,1,red\n");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().get("errors").findValuesAsString("column")).contains("colour", "acvAmount", "productType");
	}
}
