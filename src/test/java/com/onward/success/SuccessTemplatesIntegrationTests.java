package com.onward.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Success-criteria templates per product type and use case and the quick-win idea library: seeded, editable, applied. */
class SuccessTemplatesIntegrationTests extends IntegrationTest {

	private String indonesianProject() {
		var account = new LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Faktur Co"));
		account.put("employees", 300);
		account.put("acv", Map.of("amount", 20_000, "currency", "USD"));
		account.put("licensedSeats", 20);
		account.put("productType", "DAILY");
		account.put("language", "id");
		account.put("contacts", List.of());
		Response r = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt",
				LocalDate.now().atTime(9, 0).toInstant(ZoneOffset.UTC).toString(), "account", account));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return get("/api/v1/projects?accountId=" + r.body().get("accountId").asString()).body().get(0).get("id").asString();
	}

	private JsonNode byKpi(JsonNode list, String kpi) {
		for (JsonNode t : list) if (t.get("kpi").get("en").asString().equals(kpi)) return t;
		return null;
	}

	@Test
	void templatesPerProductTypeAndUseCaseBecomeCriteriaInTheAccountsLanguage() {
		JsonNode daily = get("/api/v1/success-templates?productType=DAILY").body();
		assertThat(byKpi(daily, "Weekly active users (share of licensed seats)")).isNotNull();
		assertThat(byKpi(daily, "Users active in the last 30 days (share of licensed seats)")).isNull();
		JsonNode invoice = byKpi(daily, "Average invoice processing time");
		assertThat(invoice.get("kpi").get("id").asString()).isEqualTo("Rata-rata waktu pemrosesan faktur");
		assertThat(invoice.get("kpi").get("ms").asString()).isEqualTo("Purata masa pemprosesan invois");
		// A use case, named in any of the languages.
		JsonNode pipeline = get("/api/v1/success-templates?useCase=Manajemen pipeline penjualan".replace(" ", "%20")).body();
		assertThat(pipeline.findValuesAsString("kind")).containsExactlyInAnyOrder("QUANTITATIVE", "QUALITATIVE");

		String project = indonesianProject();
		String id = invoice.get("id").asString();
		Response missing = post("/api/v1/projects/" + project + "/success-criteria/from-template", Map.of("templateId", id));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.raw()).contains("baseline", "target");
		Response created = post("/api/v1/projects/" + project + "/success-criteria/from-template",
				Map.of("templateId", id, "baseline", 6, "target", 3));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(created.body().get("kpi").asString()).isEqualTo("Rata-rata waktu pemrosesan faktur");
		assertThat(created.body().get("useCase").asString()).isEqualTo("Otomatisasi persetujuan faktur");
		assertThat(created.body().get("unit").asString()).isEqualTo("days");
		assertThat(get("/api/v1/projects/" + project + "/success-criteria").body().findValuesAsString("kpi"))
			.contains("Rata-rata waktu pemrosesan faktur");
	}

	@Test
	void adminsEditTemplatesAndIdeasInThreeLanguages() {
		var texts = Map.of("en", "Tickets closed on first reply", "id", "Tiket selesai pada balasan pertama", "ms",
				"Tiket selesai pada balasan pertama");
		Response half = post("/api/v1/admin/success-templates", Map.of("useCase", Map.of("en", "Support", "id", "Dukungan"),
				"kpi", texts, "kind", "QUANTITATIVE"));
		assertThat(half.status()).isEqualTo(400);
		assertThat(half.raw()).contains("useCase.ms");
		assertThat(get("/api/v1/success-templates").body().findValuesAsString("en")).doesNotContain("Tickets closed on first reply");
		Response added = post("/api/v1/admin/success-templates", Map.of("productType", "WEEKLY",
				"useCase", Map.of("en", "Support", "id", "Dukungan", "ms", "Sokongan"), "kpi", texts, "kind", "QUANTITATIVE",
				"unit", "%"));
		assertThat(added.status()).as(added.raw()).isEqualTo(201);
		String id = added.body().get("id").asString();
		assertThat(byKpi(get("/api/v1/success-templates?productType=WEEKLY").body(), "Tickets closed on first reply")).isNotNull();
		assertThat(byKpi(get("/api/v1/success-templates?productType=DAILY").body(), "Tickets closed on first reply")).isNull();
		Response edited = call("PUT", "/api/v1/admin/success-templates/" + id, Map.of("useCase",
				Map.of("en", "Support", "id", "Dukungan", "ms", "Sokongan"), "kpi", texts, "kind", "QUALITATIVE"));
		assertThat(edited.body().get("kind").asString()).isEqualTo("QUALITATIVE");
		assertThat(edited.body().path("productType").isMissingNode() || edited.body().get("productType").isNull()).isTrue();
		assertThat(call("DELETE", "/api/v1/admin/success-templates/" + id, null).status()).isEqualTo(204);
		assertThat(call("DELETE", "/api/v1/admin/success-templates/" + id, null).status()).isEqualTo(404);

		JsonNode thirty = get("/api/v1/quick-win-ideas?horizonDays=30").body();
		assertThat(thirty.size()).isGreaterThanOrEqualTo(4);
		boolean seeded = false;
		for (JsonNode i : thirty) seeded |= i.get("title").get("id").asString().equals("Otomatiskan satu laporan manual");
		assertThat(seeded).isTrue();
		Response wrongHorizon = post("/api/v1/admin/quick-win-ideas", Map.of("horizonDays", 45, "title", texts));
		assertThat(wrongHorizon.status()).isEqualTo(400);
		assertThat(wrongHorizon.raw()).contains("horizonDays");
		Response idea = post("/api/v1/admin/quick-win-ideas", Map.of("horizonDays", 60, "title", texts));
		assertThat(idea.status()).as(idea.raw()).isEqualTo(201);
		assertThat(get("/api/v1/quick-win-ideas?horizonDays=60").body().toString()).contains("Tiket selesai pada balasan pertama");
	}
}
