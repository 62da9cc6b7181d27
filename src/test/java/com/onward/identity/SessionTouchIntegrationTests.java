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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/**
 * A signed-in session's row is written when something in it changes, and its last access at most
 * once per {@code onward.identity.session-touch-interval} (60 s): not at every request, which made
 * one person's parallel requests queue on the row.
 */
class SessionTouchIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Test
	void theLastAccessIsWrittenOnlyOnceTheIntervalHasPassed() throws Exception {
		if (users.find("touch-user").isEmpty()) users.create("touch-user", "Touch User", null, StaffRole.VIEWER, "touch-user-pass");
		HttpClient browser = signIn("touch-user", "touch-user-pass");
		long signedIn = lastAccess();
		String sessionId = sessionId();

		// Requests within the interval leave the row as it is, and are served.
		for (int i = 0; i < 3; i++) {
			Thread.sleep(20);
			HttpResponse<String> page = browser.send(fetch("/"), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("portfolio-list");
		}
		assertThat(lastAccess()).isEqualTo(signedIn);
		assertThat(sessionId()).isEqualTo(sessionId);

		// Once the recorded access is older than the interval, the next request writes it.
		long twoMinutesAgo = System.currentTimeMillis() - 120_000;
		jdbc.sql("update spring_session set last_access_time = :t where principal_name = 'touch-user'")
			.param("t", twoMinutesAgo).update();
		long before = System.currentTimeMillis();
		assertThat(browser.send(fetch("/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(lastAccess()).isGreaterThanOrEqualTo(before - 1000);
		long expiry = jdbc.sql("select expiry_time - last_access_time from spring_session where principal_name = 'touch-user'")
			.query(Long.class).single();
		assertThat(expiry).as("expiry moves with the access").isEqualTo(
				jdbc.sql("select max_inactive_interval::bigint * 1000 from spring_session where principal_name = 'touch-user'")
					.query(Long.class).single());

		// Signing out still ends the session.
		String page = browser.send(fetch("/"), HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		browser.send(HttpRequest.newBuilder(uri("/logout")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'touch-user'").query(Long.class)
			.single()).isZero();
	}

	@Test
	void parallelFirstPagesAfterSignInAreAllServedWithTheSameToken() throws Exception {
		if (users.find("touch-tabs").isEmpty()) users.create("touch-tabs", "Touch Tabs", null, StaffRole.VIEWER, "touch-tabs-pass");
		HttpClient browser = signIn("touch-tabs", "touch-tabs-pass");
		// Several tabs opened at once right after sign-in: every page is served, and every page's
		// forms carry the session's one token (masked differently on each page).
		Set<String> tokens = new HashSet<>();
		List<String> masked = new ArrayList<>();
		try (var pool = Executors.newFixedThreadPool(12)) {
			List<Future<HttpResponse<String>>> pages = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				pages.add(pool.submit(() -> browser.send(fetch("/"), HttpResponse.BodyHandlers.ofString())));
			}
			for (var page : pages) {
				HttpResponse<String> answer = page.get();
				assertThat(answer.statusCode()).isEqualTo(200);
				Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(answer.body());
				assertThat(csrf.find()).as("a CSRF field").isTrue();
				masked.add(csrf.group(1));
				tokens.add(unmasked(csrf.group(1)));
			}
		}
		assertThat(tokens).hasSize(1);
		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.principal_name = 'touch-tabs' and a.attribute_name like '%CsrfToken%'""")
			.query(Long.class).single()).isEqualTo(1);
		// A form from any of those pages is accepted: signing out with the first page's token works.
		var out = browser.send(HttpRequest.newBuilder(uri("/logout")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(masked.getFirst(), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
	}

	/** The token behind a page's masked one (Spring Security's XOR masking: random bytes, then token XOR them). */
	private static String unmasked(String masked) {
		byte[] bytes = Base64.getUrlDecoder().decode(masked);
		int half = bytes.length / 2;
		byte[] token = new byte[half];
		for (int i = 0; i < half; i++) token[i] = (byte) (bytes[half + i] ^ bytes[i]);
		return new String(token, StandardCharsets.UTF_8);
	}

	private long lastAccess() {
		return jdbc.sql("select last_access_time from spring_session where principal_name = 'touch-user'")
			.query(Long.class).single();
	}

	private String sessionId() {
		return jdbc.sql("select session_id from spring_session where principal_name = 'touch-user'")
			.query(String.class).single();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private HttpRequest fetch(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private HttpClient signIn(String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(fetch("/login"), HttpResponse.BodyHandlers.ofString()).body();
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(m.find()).as("a CSRF field").isTrue();
		String form = "username=" + user + "&password=" + password + "&_csrf="
				+ URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}
}
