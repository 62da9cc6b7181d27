package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.onward.identity.StaffRole;
import com.onward.testing.CatalogueScan;

import tools.jackson.databind.JsonNode;

/**
 * An account's export holds the rows of every module; a churned account is deleted (after its
 * export, by a manager, with a reason) and then no column of any table holds its id.
 */
class AccountExportAndDeletionIntegrationTests extends PrivacyTestSupport {

	@org.springframework.beans.factory.annotation.Autowired
	com.onward.usage.UsageCounting counting;

	record Download(int status, String contentType, byte[] body) {
	}

	Download download(String path, String token) throws Exception {
		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
	}

	Map<String, JsonNode> unzip(byte[] zip) throws Exception {
		var files = new LinkedHashMap<String, JsonNode>();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), json.readTree(in.readAllBytes()));
			}
		}
		return files;
	}

	/** A busy account: contacts, messages, a survey answered, usage, a team member, plan notes. */
	UUID busyAccount(String email) throws Exception {
		var member = post("/api/v1/team/members", Map.of("name", "Dewi Lestari", "email", unique("dewi") + "@vendor.example",
				"role", "CSM", "capacity", 500));
		assertThat(member.status()).as(member.raw()).isIn(200, 201);
		UUID account = account(25, "DAILY", LocalDate.now().minusDays(3), 300, 40000, contacts(email));
		await(() -> count("select count(*) from outbox_message where account_id = :x", account) >= 2);
		answerKickoffSurvey(account, 4, "Good kickoff");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		sendOk(List.of(event(account, "u-export-1", "LOGIN", now.minusSeconds(600)),
				feature(account, "u-export-1", "reports", now.minusSeconds(500))));
		UUID project = projectOf(account);
		var criterion = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Invoicing", "kpi",
				"Invoices per day", "kind", "QUANTITATIVE", "baseline", 10, "target", 40));
		assertThat(criterion.status()).as(criterion.raw()).isIn(200, 201);
		var measured = post("/api/v1/success-criteria/" + criterion.body().get("id").asString() + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 25, "note", "first month"));
		assertThat(measured.status()).as(measured.raw()).isIn(200, 201);
		assertThat(post("/api/v1/accounts/" + account + "/health/recompute", null).status()).isIn(200, 202, 204);
		deliverAll();
		awaitListeners(account.toString());
		return account;
	}

	@Test
	void theExportHoldsEveryModulesRowsAndDeletionLeavesNoRowReferringToTheAccount() throws Exception {
		String email = unique("rina") + "@export.example";
		UUID account = busyAccount(email);
		UUID project = projectOf(account);

		var export = download("/api/v1/accounts/" + account + "/export", ADMIN_TOKEN);
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).isEqualTo("application/zip");
		Map<String, JsonNode> files = unzip(export.body());
		JsonNode manifest = files.get("manifest.json");
		assertThat(manifest.get("format").asString()).isEqualTo("onward-account-export/1");
		assertThat(manifest.get("accountId").asString()).isEqualTo(account.toString());
		var listed = new ArrayList<String>();
		manifest.get("files").forEach(f -> listed.add(f.asString()));
		assertThat(files.keySet()).containsAll(listed);
		assertThat(listed).contains("account.json", "onboarding.json", "stakeholder.json", "usage.json", "messaging.json",
				"survey.json", "health.json", "success.json", "training.json", "graduation.json", "automation.json",
				"team.json", "identity.json");

		var expected = Map.ofEntries(Map.entry("account", List.of("account", "contracts")),
				Map.entry("onboarding", List.of("projects", "phases", "items")),
				Map.entry("stakeholder", List.of("contacts", "raci")),
				Map.entry("usage", List.of("events", "userDays", "users", "features")),
				Map.entry("messaging", List.of("messages")),
				Map.entry("survey", List.of("surveys")),
				Map.entry("health", List.of("risks", "healthScore")),
				Map.entry("success", List.of("criteria", "measurements", "quickWins")),
				Map.entry("training", List.of("sessions")),
				Map.entry("graduation", List.of("handoffs")),
				Map.entry("automation", List.of("sequenceEnrolments")),
				Map.entry("team", List.of("assignments")),
				Map.entry("identity", List.of("audit")));
		var counts = new java.util.TreeMap<String, Integer>();
		files.forEach((name, file) -> {
			if (file.has("tables")) file.get("tables").properties().forEach(t -> counts.put(name + "/" + t.getKey(), t.getValue().size()));
		});
		expected.forEach((module, tables) -> tables.forEach(t -> assertThat(counts.get(module + ".json/" + t))
			.as(module + "/" + t + " in " + counts).isPositive()));
		JsonNode stakeholder = files.get("stakeholder.json");
		assertThat(stakeholder.get("accountId").asString()).isEqualTo(account.toString());
		assertThat(stakeholder.get("tables").get("contacts").get(0).get("email").asString()).isEqualTo(email);
		assertThat(files.get("onboarding.json").get("tables").get("projects").get(0).get("id").asString())
			.isEqualTo(project.toString());
		assertThat(files.get("onboarding.json").get("tables").get("projects").get(0).get("factors").isObject()).isTrue();
		assertThat(files.get("survey.json").get("tables").get("surveys").get(0).get("comment").asString()).isEqualTo("Good kickoff");

		// Before the deletion, the account is everywhere.
		assertThat(CatalogueScan.find(jdbc, account.toString())).extracting(CatalogueScan.Hit::table)
			.contains("account", "contract", "project", "contact", "usage_event", "outbox_message", "survey_request", "audit_log");

		// A customer still renewing is not deleted; once its churn is recorded, it is.
		var notChurned = call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "Churned; contract ended"),
				token(StaffRole.CS_MANAGER));
		assertProblem(notChurned, 422, "accountId");
		assertThat(post("/api/v1/accounts/" + account + "/renewals",
				Map.of("date", LocalDate.now().minusDays(1).toString(), "outcome", "CHURNED")).status()).isEqualTo(201);
		// The churn sends the exit interview after commit; the deletion follows it, as it would in practice.
		awaitListeners(account.toString());
		// Usage acknowledged just before, not yet counted into the rollups when the deletion starts.
		Response deleted;
		counting.stop();
		try {
			var late = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("events", java.util.List.of(Map.of(
						"accountId", account.toString(), "userId", "late-user", "type", "LOGIN", "occurredAt",
						Instant.now().minusSeconds(30).toString())))))).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(late.statusCode()).isEqualTo(202);
			deleted = call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "Churned; contract ended"),
					token(StaffRole.CS_MANAGER));
		}
		finally {
			counting.start();
		}
		counting.countPending();
		assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
		// Counted inside the deletion and deleted with the rest: no later count brings rollup rows back.
		assertThat(count("select count(*) from usage_user where account_id = :x", account)).isZero();
		assertThat(count("select count(*) from usage_user_day where account_id = :x", account)).isZero();
		assertThat(deleted.body().get("kind").asString()).isEqualTo("DELETION");
		assertThat(deleted.raw()).doesNotContain(account.toString());
		assertThat(CatalogueScan.find(jdbc, account.toString())).as("columns still referring to the account").isEmpty();
		assertThat(CatalogueScan.find(jdbc, project.toString())).as("columns still referring to its project").isEmpty();
		assertThat(CatalogueScan.find(jdbc, email)).as("its contact").isEmpty();
		assertThat(get("/api/v1/accounts/" + account).status()).isEqualTo(404);
		assertThat(download("/api/v1/accounts/" + account + "/export", ADMIN_TOKEN).status()).isEqualTo(404);
		assertThat(jdbc.sql("select actor || '|' || detail from audit_log where action = 'ACCOUNT_DELETED' and entity_id = :id")
			.param("id", deleted.body().get("id").asString()).query(String.class).single())
			.startsWith("token:t-cs_manager-").endsWith("Churned; contract ended");
		var log = get("/api/v1/privacy/requests").body();
		assertThat(log.findValuesAsString("kind")).contains("EXPORT", "DELETION");
	}

	@Test
	void deletionNeedsAnExportAReasonAndAManager() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(1), 50, 5000, contacts(unique("x") + "@del.example"));
		assertProblem(post("/api/v1/accounts/" + account + "/deletion", Map.of()), 400, "reason");
		var notExported = post("/api/v1/accounts/" + account + "/deletion", Map.of("reason", "churned"));
		assertProblem(notExported, 422, "accountId");
		assertThat(get("/api/v1/accounts/" + account).status()).isEqualTo(200);
		assertThat(call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "churned"), token(StaffRole.CSM))
			.status()).isEqualTo(403);
		assertThat(call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "churned"), token(StaffRole.VIEWER))
			.status()).isEqualTo(403);
		assertThat(post("/api/v1/accounts/" + UUID.randomUUID() + "/deletion", Map.of("reason", "x")).status()).isEqualTo(404);
	}

	@Test
	void exportAnswers404ForAnUnknownAccount400ForABadIdAnd403ToAViewer() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(1), 50, 5000, List.of());
		assertThat(download("/api/v1/accounts/" + UUID.randomUUID() + "/export", ADMIN_TOKEN).status()).isEqualTo(404);
		assertThat(download("/api/v1/accounts/not-an-id/export", ADMIN_TOKEN).status()).isEqualTo(400);
		assertThat(download("/api/v1/accounts/" + account + "/export", token(StaffRole.VIEWER)).status()).isEqualTo(403);
		assertThat(download("/api/v1/accounts/" + account + "/export", token(StaffRole.CSM)).status()).isEqualTo(403);
		var manager = download("/api/v1/accounts/" + account + "/export", token(StaffRole.CS_MANAGER));
		assertThat(manager.status()).isEqualTo(200);
		assertThat(unzip(manager.body())).containsKey("account.json");
	}
}
