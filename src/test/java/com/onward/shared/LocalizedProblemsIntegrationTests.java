package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * A broken business rule reads in the API client's language ({@code Accept-Language}: English, Bahasa Indonesia
 * or Bahasa Melayu): the problem's detail and the field's message come from the bundles by the rule's message key,
 * which the problem names in {@code code}. One rule of each module, over real HTTP (and bad input said by its key,
 * {@code InvalidInputException.keyed}, the same way).
 */
class LocalizedProblemsIntegrationTests extends IntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private String signedProject() {
		return post("/api/v1/contracts", contract(unique("l10n"), "2026-03-01T09:00:00Z", 40, 5_000, "en")).body()
			.get("projectId").asString();
	}

	@Test
	void onboardingRefusesACompletionOutsideGraduationInTheReadersLanguage() {
		String project = signedProject();
		var body = Map.of("status", "COMPLETED", "reason", "done");
		JsonNode id = problem("PATCH", "/api/v1/projects/" + project, body, "id-ID,id;q=0.9,en;q=0.5", 422);
		assertThat(id.get("code").asString()).isEqualTo("error.project.completeByGraduating");
		assertThat(id.get("detail").asString()).startsWith("Proyek diselesaikan dengan meluluskannya");
		assertThat(id.get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(id.get("errors").get(0).get("message").asString()).startsWith("Proyek diselesaikan");
		assertThat(problem("PATCH", "/api/v1/projects/" + project, body, "ms", 422).get("detail").asString())
			.startsWith("Projek diselesaikan dengan meluluskannya");
		// No language asked for (or one Onward does not speak): English.
		assertThat(problem("PATCH", "/api/v1/projects/" + project, body, null, 422).get("detail").asString())
			.startsWith("A project is completed by graduating it");
		assertThat(problem("PATCH", "/api/v1/projects/" + project, body, "fr-FR", 422).get("detail").asString())
			.startsWith("A project is completed by graduating it");
	}

	@Test
	void onboardingNamesTheStatusByItsLabelInTheReadersLanguage() {
		String project = signedProject();
		assertThat(call("PATCH", "/api/v1/projects/" + project, Map.of("status", "CANCELLED", "reason", "Churned")).status())
			.isEqualTo(200);
		JsonNode id = problem("PATCH", "/api/v1/projects/" + project, Map.of("status", "ON_HOLD", "reason", "Busy"), "id",
				422);
		assertThat(id.get("detail").asString()).doesNotContain("CANCELLED").doesNotContain("{0}");
	}

	@Test
	void privacyRefusesToDeleteAnAccountNotExportedInTheReadersLanguage() {
		var signed = post("/api/v1/contracts", contract(unique("l10n"), "2026-03-01T09:00:00Z", 40, 5_000, "en")).body();
		JsonNode ms = problem("POST", "/api/v1/accounts/" + signed.get("accountId").asString() + "/deletion",
				Map.of("reason", "Customer asked"), "ms", 422);
		assertThat(ms.get("code").asString()).isEqualTo("error.privacy.exportFirst");
		assertThat(ms.get("detail").asString()).isEqualTo("Eksport akaun sebelum memadamkannya.");
	}

	@Test
	void analyticsRefusesAFirstValueInTheFutureInTheReadersLanguage() {
		String project = signedProject();
		JsonNode id = problem("PUT", "/api/v1/projects/" + project + "/first-value",
				Map.of("date", "2099-01-01"), "id", 422);
		assertThat(id.get("code").asString()).isEqualTo("error.date.future");
		assertThat(id.get("errors").get(0).get("field").asString()).isEqualTo("date");
		assertThat(id.get("errors").get(0).get("message").asString()).isEqualTo("tidak boleh di masa depan");
	}

	@Test
	void graduationRefusesAProjectWithoutAReadyScorecardInTheReadersLanguage() {
		String project = signedProject();
		JsonNode ms = problem("POST", "/api/v1/projects/" + project + "/graduate", Map.of("ongoingCsm", "Dewi"), "ms", 422);
		assertThat(ms.get("code").asString()).isEqualTo("error.graduation.notReady");
		assertThat(ms.get("detail").asString()).startsWith("Tamatkan onboarding apabila kad skor terkini");
	}

	@Test
	void identityRefusesATakenUserNameInTheReadersLanguage() {
		String name = unique("user").toLowerCase();
		var user = Map.of("username", name, "displayName", "Dewi", "role", "CSM", "password", "correct-horse-battery-1");
		assertThat(post("/api/v1/admin/users", user).status()).isEqualTo(201);
		JsonNode id = problem("POST", "/api/v1/admin/users", user, "id", 422);
		assertThat(id.get("code").asString()).isEqualTo("error.user.nameTaken");
		assertThat(id.get("errors").get(0).get("message").asString()).isEqualTo("sudah dipakai");
	}

	@Test
	void accountRefusesADuplicateExternalIdInTheReadersLanguage() {
		@SuppressWarnings("unchecked")
		var account = (Map<String, Object>) contract(unique("l10n"), "2026-03-01T09:00:00Z", 40, 5_000, "en").get("account");
		assertThat(post("/api/v1/accounts", account).status()).isEqualTo(201);
		JsonNode id = problem("POST", "/api/v1/accounts", account, "id", 422);
		assertThat(id.get("code").asString()).isEqualTo("error.account.externalIdExists");
		assertThat(id.get("errors").get(0).get("message").asString())
			.isEqualTo("akun dengan ID eksternal '" + account.get("externalId") + "' sudah ada");
	}

	@Test
	void healthRefusesResolvingAnEscalationTwiceInTheReadersLanguage() {
		String accountId = post("/api/v1/contracts", contract(unique("l10n"), "2026-03-01T09:00:00Z", 40, 5_000, "en"))
			.body().get("accountId").asString();
		String escalation = post("/api/v1/accounts/" + accountId + "/escalations", Map.of("raisedBy", "Dewi",
				"escalatedTo", "CEO", "summary", "Go-live slipped twice", "occurredOn", "2026-03-05")).body().get("id")
			.asString();
		String resolve = "/api/v1/accounts/" + accountId + "/escalations/" + escalation + "/resolve";
		assertThat(post(resolve, Map.of("resolution", "New plan agreed")).status()).isEqualTo(200);
		JsonNode ms = problem("POST", resolve, Map.of("resolution", "Again"), "ms", 422);
		assertThat(ms.get("code").asString()).isEqualTo("error.escalation.resolved");
		assertThat(ms.get("detail").asString()).isEqualTo("Eskalasi ini sudah diselesaikan.");
	}

	@Test
	void messagingRefusesADailyCapOutOfRangeInTheReadersLanguage() {
		JsonNode id = problem("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", 99), "id", 400);
		assertThat(id.get("code").asString()).isEqualTo("error.policy.capRange");
		assertThat(id.get("errors").get(0).get("field").asString()).isEqualTo("dailyCap");
		assertThat(id.get("errors").get(0).get("message").asString()).isEqualTo("harus antara 0 dan 50");
		assertThat(problem("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", 99), null, 400).get("detail").asString())
			.isEqualTo("dailyCap: must be between 0 and 50");
	}

	/** The problem answered to {@code method path} with {@code Accept-Language: language} (none when null). */
	private JsonNode problem(String method, String path, Object body, String language, int status) {
		try {
			var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
			if (language != null) builder.header("Accept-Language", language);
			HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
			return json.readTree(response.body());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}
}
