package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.IntegrationTest;
import com.onward.messaging.Delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * Portal tests against a real SMTP server (GreenMail, the same context as the other mail tests):
 * accounts with an invited contact, a cookie-keeping client that plays the customer's browser,
 * and the magic link read from the email.
 */
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
		"onward.embedded-db.data-dir=target/test-postgres-mail", "onward.messaging.first-retry=0s",
		"onward.messaging.slack-webhook-url=http://localhost:3099/slack" })
abstract class PortalTestSupport extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	static final Pattern LINK = Pattern.compile("(/portal/magic/[A-Za-z0-9_-]{43}(\\?lang=[a-z]{2})?)");
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	record Customer(UUID accountId, UUID projectId, UUID contactId, String email) {
	}

	record Page(int status, String body, java.net.http.HttpHeaders headers) {
		String location() {
			return headers.firstValue("Location").orElse(null);
		}
	}

	/** A customer's browser: keeps cookies, follows no redirects. */
	final class Browser {

		final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER).build();
		String csrf;

		Page get(String path) {
			return send(HttpRequest.newBuilder(uri(path)).GET().build());
		}

		Page post(String path, Map<String, String> form) {
			var all = new LinkedHashMap<>(form);
			if (csrf == null) csrf();
			all.put("_csrf", csrf);
			String body = all.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build());
		}

		Page upload(String path, String filename, byte[] data) {
			if (csrf == null) csrf();
			String boundary = "----onward" + UUID.randomUUID();
			var out = new java.io.ByteArrayOutputStream();
			String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--" + boundary
					+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
			out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(data);
			out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
		}

		/** A CSRF token from the portal's own pages (its cookie is set on the way). */
		void csrf() {
			Page page = get("/portal/sign-in");
			Matcher m = CSRF.matcher(page.body());
			assertThat(m.find()).as(page.body()).isTrue();
			csrf = m.group(1);
		}

		Page send(HttpRequest request) {
			try {
				var r = http.send(request, HttpResponse.BodyHandlers.ofString());
				return new Page(r.statusCode(), r.body(), r.headers());
			}
			catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}

		String cookie(String name) {
			return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
		}

		/** Opens the link from the email, confirms, and lands signed in on the portal home. */
		Page signInWith(String link) {
			Page confirm = get(link);
			assertThat(confirm.status()).as(confirm.body()).isEqualTo(200);
			Matcher m = CSRF.matcher(confirm.body());
			assertThat(m.find()).isTrue();
			csrf = m.group(1);
			Page used = post(link, Map.of());
			assertThat(used.status()).as(used.body()).isEqualTo(302);
			assertThat(used.location()).endsWith("/portal");
			return get("/portal");
		}
	}

	/** Each test starts with no link requests counted: the per-IP limit would otherwise span tests. */
	@org.junit.jupiter.api.BeforeEach
	void forgetLinkRequests() {
		jdbc.sql("delete from portal_link_request").update();
	}

	URI uri(String path) {
		return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
	}

	/** A new account (language given) with its project and one project-lead contact, invited to the portal. */
	Customer customer(String language, boolean invite) {
		ensureCsm();
		String email = unique("lead") + "@portal.example";
		var account = new LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Portal Co"));
		account.put("employees", 300);
		account.put("acv", Map.of("amount", 20000, "currency", "USD"));
		account.put("licensedSeats", 100);
		account.put("productType", "DAILY");
		account.put("language", language);
		account.put("contacts", List.of(Map.of("name", "Siti Rahma", "email", email, "role", "PROJECT_LEAD")));
		var r = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt", "2026-11-20T09:00:00Z", "account",
				account));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		UUID accountId = UUID.fromString(r.body().get("accountId").asString());
		UUID projectId = UUID.fromString(r.body().get("projectId").asString());
		UUID contactId = UUID.fromString(get("/api/v1/accounts/" + accountId + "/contacts").body().get(0).get("id").asString());
		if (invite) {
			assertThat(post("/api/v1/accounts/" + accountId + "/contacts/" + contactId + "/portal-invite", null).status())
				.isEqualTo(202);
		}
		return new Customer(accountId, projectId, contactId, email);
	}

	private void ensureCsm() {
		boolean any = false;
		for (var m : get("/api/v1/team/members").body()) {
			if ("CSM".equals(m.get("role").asString()) && m.get("active").asBoolean()) any = true;
		}
		if (!any) {
			post("/api/v1/team/members", Map.of("name", "Daniel Lee", "email", "daniel@vendor.example", "role", "CSM",
					"segments", List.of("SMB", "MID_MARKET", "ENTERPRISE"), "capacity", 1000));
		}
	}

	/** Emails delivered to an address so far (the outbox is delivered on each look). */
	List<MimeMessage> mails(String email) {
		delivery.deliverDue();
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equalsIgnoreCase(email);
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
	}

	/** Sign-in emails (invitations and requested links) delivered to an address so far. */
	List<MimeMessage> linkMails(String email) {
		return mails(email).stream().filter(m -> body(m).contains("/portal/magic/")).toList();
	}

	static String body(MimeMessage m) {
		return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
	}

	/** Waits for the n-th sign-in email to an address and returns the magic link in it. */
	String link(String email, int nth) {
		await(() -> linkMails(email).size() >= nth);
		String body = body(linkMails(email).get(nth - 1));
		Matcher m = LINK.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return m.group(1);
	}

	Browser signedIn(Customer c) {
		int before = linkMails(c.email()).size();
		var browser = new Browser();
		browser.post("/portal/sign-in", Map.of("email", c.email()));
		String link = link(c.email(), before + 1);
		Page home = browser.signInWith(link);
		assertThat(home.status()).as(home.body()).isEqualTo(200);
		return browser;
	}

	/** The customer's homework items (id → key), from the staff API. */
	Map<String, UUID> homework(Customer c) {
		var items = new LinkedHashMap<String, UUID>();
		for (var i : items(c)) {
			if (i.get("customerHomework").asBoolean()) items.put(i.get("key").asString(), UUID.fromString(i.get("id").asString()));
		}
		return items;
	}

	List<tools.jackson.databind.JsonNode> items(Customer c) {
		var all = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
		for (var phase : get("/api/v1/projects/" + c.projectId()).body().get("phases")) {
			phase.get("items").forEach(all::add);
		}
		return all;
	}

	UUID item(Customer c, String key) {
		for (var i : items(c)) {
			if (i.get("key").asString().equals(key)) return UUID.fromString(i.get("id").asString());
		}
		throw new AssertionError("no item " + key);
	}

	String itemStatus(Customer c, UUID itemId) {
		for (var i : items(c)) {
			if (i.get("id").asString().equals(itemId.toString())) return i.get("status").asString();
		}
		throw new AssertionError("no item " + itemId);
	}
}
