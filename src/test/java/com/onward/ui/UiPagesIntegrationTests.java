package com.onward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * Every staff page renders for a signed-in user in all three languages, and the role rules
 * hold for form posts: a plain HTTP client with a session cookie, no browser needed.
 */
class UiPagesIntegrationTests extends IntegrationTest {

	@Autowired
	Users users;

	String accountId;
	String projectId;
	String playbookId;
	String graduatedProjectId;

	@BeforeEach
	void data() {
		if (users.find("ui-admin").isEmpty()) users.create("ui-admin", "UI Admin", null, StaffRole.ADMIN, "ui-admin-pass");
		if (users.find("ui-viewer").isEmpty()) users.create("ui-viewer", "UI Viewer", null, StaffRole.VIEWER, "ui-viewer-pass");
		var signed = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 1500, 90_000, "id")).body();
		accountId = signed.get("accountId").asString();
		projectId = signed.get("projectId").asString();
		playbookId = get("/api/v1/playbooks").body().get(0).get("id").asString();
		// A success criterion with a measurement and a confirmation, so the success page shows them all.
		String criterion = post("/api/v1/projects/" + projectId + "/success-criteria", java.util.Map.of("useCase",
				"Invoices", "kpi", "Invoice processing time", "unit", "days", "kind", "QUANTITATIVE", "baseline", 6,
				"target", 3.6)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				java.util.Map.of("measuredOn", java.time.LocalDate.now().toString(), "value", 4.2));
		post("/api/v1/success-criteria/" + criterion + "/confirmations",
				java.util.Map.of("confirmedBy", "Siti", "quote", "Faster already", "evidence",
						java.util.List.of(java.util.Map.of("name", "Report", "url", "https://example.com/r"))));
		post("/api/v1/projects/" + projectId + "/scorecard", java.util.Map.of("technical", 9, "knowledge", 8,
				"adoption", 7, "value", 9, "stakeholder", 8));
		String target = get("/api/v1/projects/" + projectId).body().get("targetGraduationDate").asString();
		post("/api/v1/projects/" + projectId + "/extensions", java.util.Map.of("reason", "Busy season", "mustHappen",
				"UAT", "newTarget", java.time.LocalDate.parse(target).plusDays(45).toString(), "checkIn", "WEEKLY",
				"informed", "Sponsor"));
		// A second project, graduated, for the graduation page's other half.
		graduatedProjectId = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "ms"))
			.body().get("projectId").asString();
		com.onward.testing.MetValue.meet(this::post, graduatedProjectId);
		post("/api/v1/projects/" + graduatedProjectId + "/scorecard", java.util.Map.of("technical", 9, "knowledge", 9,
				"adoption", 9, "value", 9, "stakeholder", 9));
		post("/api/v1/projects/" + graduatedProjectId + "/graduate", java.util.Map.of("ongoingCsm", "Nadia"));
	}

	HttpClient signIn(String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		String form = "username=" + user + "&password=" + password + "&_csrf=" + enc(csrf(login));
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF field").isTrue();
		return m.group(1);
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Autowired
	com.onward.usage.UsageCounting counting;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theAdoptionPageSaysWhenUsageIsStillBeingCounted() throws Exception {
		HttpClient client = signIn("ui-admin", "ui-admin-pass");
		String page = "/accounts/" + accountId + "/adoption?lang=";
		counting.stop();
		try {
			// A batch acknowledged but not counted, while counting lags five minutes behind.
			var batch = java.util.Map.of("events", java.util.List.of(java.util.Map.of("accountId", accountId, "userId", "u-1",
					"type", "LOGIN", "occurredAt", java.time.Instant.now().minusSeconds(60).toString())));
			assertThat(HttpClient.newHttpClient().send(request("/api/v1/events").header("Authorization", "Bearer " + ADMIN_TOKEN)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch)))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
			jdbc.sql("update usage_pending set received_at = now() - interval '5 minutes'").update();
			assertThat(client.send(request(page + "en").build(), HttpResponse.BodyHandlers.ofString()).body())
				.contains("id=\"adoption-counting\"", "is still being counted");
			assertThat(client.send(request(page + "id").build(), HttpResponse.BodyHandlers.ofString()).body())
				.contains("masih sedang dihitung");
			assertThat(client.send(request(page + "ms").build(), HttpResponse.BodyHandlers.ofString()).body())
				.contains("masih sedang dikira");
		}
		finally {
			counting.start();
		}
		counting.countPending();
		// Counted: nothing to say, and the login is in the figures.
		String counted = client.send(request(page + "en").build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(counted).doesNotContain("adoption-counting").doesNotContain("No usage has been received");
		// Logins per active user, written the reader's way: one login by one user is 1,0 in Bahasa Indonesia.
		assertThat(client.send(request(page + "id").build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains("<div class=\"n\">1,0</div>");
		assertThat(counted).contains("<div class=\"n\">1.0</div>");
	}

	@Test
	void everyStaffPageRendersInEveryLanguage() throws Exception {
		HttpClient client = signIn("ui-admin", "ui-admin-pass");
		String[][] pages = { { "/", "portfolio-list" }, { "/accounts/" + accountId, "account-projects" },
				{ "/accounts/" + accountId + "/projects", "/projects/" + projectId },
				{ "/accounts/" + accountId + "/contacts", "contacts-panel" }, { "/projects/" + projectId, "timeline-chart" },
				{ "/projects/" + projectId + "/team", "team-panel" }, { "/projects/" + projectId + "/raci", "raci-panel" },
				{ "/playbooks", "playbooks" }, { "/playbooks/" + playbookId, "playbook-editor" }, { "/team", "members" },
				{ "/contracts/new", "contract-form" }, { "/imports", "file" }, { "/admin", "audit" },
				{ "/admin/operations", "event-publications" },
				{ "/accounts/" + accountId + "/health", "health-components" },
				{ "/accounts/" + accountId + "/health/summary", "health-summary" },
				{ "/accounts/" + accountId + "/adoption", "adoption-rates" },
				{ "/accounts/" + accountId + "/early-wins", "early-wins" }, { "/red-flags", "flag-list" },
				{ "/projects/" + projectId + "/risks", "risk-grid" }, { "/features", "feature-list" },
				{ "/projects/" + projectId + "/success", "Invoice processing time" },
				{ "/projects/" + projectId + "/training", "training-sessions" }, { "/messages", "outbox" },
				{ "/projects/" + projectId + "/graduation", "scorecard-history" },
				{ "/projects/" + graduatedProjectId + "/graduation", "Nadia" }, { "/content?q=invoice", "content-list" },
				{ "/?flag=ANY&band=RED", "portfolio-list" }, { "/automation", "rules" },
				{ "/automation/rules/NO_LOGIN_AFTER_ACCESS", "rule-form" },
				{ "/automation/rules/NO_LOGIN_AFTER_ACCESS?dryRun=true", "dry-run-hits" },
				{ "/automation/rules/CADENCE_MISSED", "rule-form" }, { "/automation/sequences", "enrolments" },
				{ "/segments", "segment-tiers" }, { "/inbox", "notifications" }, { "/messages/preview?template=smb-day-7&accountId=" + accountId, "preview-body" } };
		for (String lang : new String[] { "en", "id", "ms" }) {
			for (String[] page : pages) {
				String sep = page[0].contains("?") ? "&" : "?";
				HttpResponse<String> r = client.send(request(page[0] + sep + "lang=" + lang).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(r.statusCode()).as(page[0] + " in " + lang).isEqualTo(200);
				assertThat(r.body()).as(page[0] + " in " + lang).contains(page[1]).doesNotContain("??");
			}
		}
		String indonesian = client.send(request("/projects/" + projectId + "?lang=id").build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(indonesian).contains("Proyek onboarding", "Penemuan &amp; perencanaan");
		String malay = client.send(request("/team?lang=ms").build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(malay).contains("Pasukan", "Kapasiti");
		// A page past the end of the portfolio shows its last page.
		String pastTheEnd = client.send(request("/?page=999&lang=en").build(), HttpResponse.BodyHandlers.ofString()).body();
		var pager = java.util.regex.Pattern.compile("Page (\\d+) of (\\d+)").matcher(pastTheEnd);
		assertThat(pager.find()).as("the pager").isTrue();
		assertThat(pager.group(1)).isEqualTo(pager.group(2));
		assertThat(pastTheEnd).contains("class=\"portfolio-row");
		// Stopping a sequence cannot be undone: the form asks first, in the page's language (the small account
		// signed above is enrolled in the SMB welcome series).
		assertThat(client.send(request("/automation/sequences?status=ACTIVE&lang=id").build(),
				HttpResponse.BodyHandlers.ofString()).body())
			.contains("data-confirm=\"Hentikan rangkaian ini untuk akun tersebut? Rangkaian tidak akan dimulai lagi.\"");
		// The dry run's second column says why a rule would fire, in words.
		assertThat(client.send(request("/automation/rules/NO_LOGIN_AFTER_ACCESS?dryRun=true&lang=id").build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("<th>Alasan</th>").doesNotContain("Kejadian");
		assertThat(client.send(request("/automation/rules/NO_LOGIN_AFTER_ACCESS?dryRun=true&lang=en").build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("<th>Why it would fire</th>");
	}

	@Test
	void formsAreProtectedByCsrfAndRoles() throws Exception {
		HttpClient viewer = signIn("ui-viewer", "ui-viewer-pass");
		String page = viewer.send(request("/contracts/new").build(), HttpResponse.BodyHandlers.ofString()).body();
		// A viewer is not offered a form they could not submit.
		assertThat(page).contains("contract-read-only").doesNotContain("id=\"contract-form\"");
		String form = "_csrf=" + enc(csrf(page)) + "&segment=SMB&reason=x";
		HttpResponse<String> denied = viewer.send(request("/accounts/" + accountId + "/segment-override")
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(denied.statusCode()).isEqualTo(403);

		HttpClient admin = signIn("ui-admin", "ui-admin-pass");
		HttpResponse<String> noToken = admin.send(request("/accounts/" + accountId + "/segment-override")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("segment=SMB&reason=x")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noToken.statusCode()).as("no CSRF token").isEqualTo(403);
		assertThat(get("/api/v1/accounts/" + accountId).body().get("segment").asString()).isEqualTo("ENTERPRISE");
	}

	@Test
	void anUnknownProjectIsANotFoundPageNotAServerError() throws Exception {
		HttpClient client = signIn("ui-admin", "ui-admin-pass");
		HttpResponse<String> r = client.send(request("/projects/00000000-0000-0000-0000-000000000000").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(404);
		HttpResponse<String> bad = client.send(request("/projects/not-a-uuid").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(bad.statusCode()).isEqualTo(400);
	}
}
