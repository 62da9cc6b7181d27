package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class CsvImportIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

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

	/**
	 * An import of many contracts announces them to the asynchronous listeners in chunks (one event per 500
	 * contracts, not one per row), and the signing rules still act once for every contract: each customer gets
	 * exactly one welcome.
	 */
	@Test
	void aLargeImportAnnouncesItsContractsInChunksAndWelcomesEveryCustomerOnce() {
		String prefix = unique("bulk");
		String signed = java.time.LocalDate.now().minusDays(1).toString();
		var csv = new StringBuilder("externalId,name,employees,acvAmount,acvCurrency,licensedSeats,productType,language,"
				+ "contractExternalId,signedAt,contactName,contactEmail\n");
		int rows = Contracts.EVENT_CHUNK + 1;
		for (int i = 0; i < rows; i++) {
			csv.append(prefix).append('-').append(i).append(",Bulk ").append(i).append(",40,4000,USD,10,WEEKLY,en,")
				.append(prefix).append("-opp-").append(i).append(',').append(signed).append(",Ana ").append(i)
				.append(",ana").append(i).append('@').append(prefix).append(".example\n");
		}
		var before = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
		Response r = callCsv("/api/v1/imports/accounts", csv.toString());
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("contractsCreated").asInt()).isEqualTo(rows);

		// The publications that carry this import's accounts (their ids are in the serialized events).
		String publications = """
				select count(*) from event_publication e where e.event_type like :type and e.publication_date >= :t
				  and exists (select 1 from account a where a.external_id like :prefix and e.serialized_event like '%' || a.id || '%')""";
		assertThat(jdbc.sql(publications).param("type", "%.ContractsSigned").param("t", before).param("prefix", prefix + "-%")
			.query(Long.class).single()).as("one event per chunk of 500").isEqualTo(2);
		assertThat(jdbc.sql(publications).param("type", "%.ContractSigned").param("t", before).param("prefix", prefix + "-%")
			.query(Long.class).single()).as("no asynchronous reaction per contract").isZero();
		String welcomed = """
				select count(*) from outbox_message o join account a on a.id = o.account_id
				where o.template = 'welcome' and a.external_id like :prefix""";
		long deadline = System.currentTimeMillis() + 60_000;
		while (jdbc.sql(welcomed).param("prefix", prefix + "-%").query(Long.class).single() < rows
				&& System.currentTimeMillis() < deadline) {
			sleep(200);
		}
		assertThat(jdbc.sql(welcomed).param("prefix", prefix + "-%").query(Long.class).single()).isEqualTo(rows);
		assertThat(jdbc.sql("""
				select count(distinct o.account_id) from outbox_message o join account a on a.id = o.account_id
				where o.template = 'welcome' and a.external_id like :prefix""").param("prefix", prefix + "-%")
			.query(Long.class).single()).as("each customer welcomed once").isEqualTo(rows);
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}
}
