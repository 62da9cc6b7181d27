package com.onward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/** Response headers that limit what a browser runs and sends, and links that can only be web links. */
class WebSecurityIntegrationTests extends IntegrationTest {

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndSafeCookies() throws Exception {
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login")).build());
		var headers = page.headers();
		String csp = headers.firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
			.doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
		assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
		assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
		assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
		String cookie = headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
			.orElseThrow();
		assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
		assertThat(cookie).doesNotContainIgnoringCase("Secure;").doesNotEndWithIgnoringCase("Secure");
		assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
		// No page keeps an inline handler the policy would block.
		assertThat(page.body()).doesNotContainPattern("\\son[a-z]+=");
		assertThat(get("/api/v1/accounts").raw()).isNotNull();
		assertThat(sendApi("/api/v1/accounts").headers().firstValue("Content-Security-Policy")).isPresent();
	}

	@Test
	void behindATlsProxyTheCookieIsSecureAndHstsIsSent() throws Exception {
		var headers = send(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "203.0.113.7").build()).headers();
		assertThat(headers.firstValue("Strict-Transport-Security").orElse("")).contains("max-age=31536000")
			.contains("includeSubDomains");
		String cookie = headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
			.orElseThrow();
		assertThat(cookie).containsIgnoringCase("Secure");
	}

	@Test
	void storedLinksMustBeWebLinksInTheApi() {
		String projectId = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "en"))
			.body().get("projectId").asString();
		for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
				"data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/x", "http:/no-host",
				"https://exa mple.com")) {
			assertProblem(post("/api/v1/content", Map.of("level", "GETTING_STARTED", "title", "Guide", "url", bad)), 400,
					"url");
			String criterion = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Ops",
					"kpi", "Happier", "kind", "QUALITATIVE")).body().get("id").asString();
			Response evidence = post("/api/v1/success-criteria/" + criterion + "/confirmations", Map.of("confirmedBy",
					"Siti", "quote", "Great", "evidence", List.of(Map.of("name", "Report", "url", bad))));
			assertThat(evidence.status()).as(bad + " " + evidence.raw()).isEqualTo(400);
			Response review = call("PUT", "/api/v1/projects/" + projectId + "/completion-review", Map.of("scheduledOn",
					"2026-06-01", "customerSignOff", false, "documentationUrl", bad));
			assertProblem(review, 400, "documentationUrl");
		}
		assertThat(jdbc.sql("select count(*) from content_item where url !~* '^https?://'").query(Long.class).single())
			.isZero();
		assertThat(post("/api/v1/content", Map.of("level", "GETTING_STARTED", "title", "Guide", "url",
				"https://docs.example/guide")).status()).isEqualTo(201);
	}

	@Test
	void storedLinksMustBeWebLinksInTheUi() throws Exception {
		if (users.find("links-admin").isEmpty()) users.create("links-admin", "Links", null, StaffRole.ADMIN, "links-admin-pass");
		String projectId = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "en"))
			.body().get("projectId").asString();
		HttpClient browser = signIn("links-admin", "links-admin-pass");
		String title = unique("Script guide");
		String csrf = csrf(browser.send(HttpRequest.newBuilder(uri("/content")).build(), HttpResponse.BodyHandlers.ofString()).body());
		var r = browser.send(form("/content", "_csrf=" + enc(csrf) + "&level=GETTING_STARTED&title=" + enc(title)
				+ "&url=" + enc("javascript:alert(document.cookie)")), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from content_item where title = :t").param("t", title).query(Long.class)
			.single()).isZero();

		r = browser.send(form("/projects/" + projectId + "/checklist", "_csrf=" + enc(csrf)
				+ "&item=technical.integrations&done=true&evidenceUrl=" + enc("javascript:alert(1)")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from graduation_check where project_id = :p and evidence_url is not null")
			.param("p", java.util.UUID.fromString(projectId)).query(Long.class).single()).isZero();
	}

	private HttpClient signIn(String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
		var r = client.send(form("/login", "username=" + user + "&password=" + password + "&_csrf=" + enc(csrf(login))),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}

	private HttpRequest form(String path, String body) {
		return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> sendApi(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String csrf(String html) {
		var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		if (!m.find()) m = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
		assertThat(m.find(0)).as("csrf in page").isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
