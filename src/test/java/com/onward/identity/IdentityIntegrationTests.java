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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/** Passwords can be changed and reset, sign-in is throttled and audited, disabled users are out at once. */
class IdentityIntegrationTests extends IntegrationTest {

	@Autowired
	Users users;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	JdbcClient jdbc;

	@Test
	void changingThePasswordEndsTheOtherSessions() throws Exception {
		String name = unique("pat");
		users.create(name, "Pat", null, StaffRole.CSM, "first-password-1");
		HttpClient a = signIn(name, "first-password-1");
		HttpClient b = signIn(name, "first-password-1");
		String form = page(a, "/account/password").body();

		var wrong = post(a, "/account/password", "currentPassword=nope-nope-nope&password=second-password-2&confirm=second-password-2&_csrf=" + enc(csrf(form)));
		assertThat(page(a, redirect(wrong)).body()).contains("id=\"password-error\"");
		var shortOne = post(a, "/account/password", "currentPassword=first-password-1&password=short&confirm=short&_csrf=" + enc(csrf(form)));
		assertThat(page(a, redirect(shortOne)).body()).contains("id=\"password-error\"");

		var changed = post(a, "/account/password", "currentPassword=first-password-1&password=second-password-2&confirm=second-password-2&_csrf=" + enc(csrf(form)));
		assertThat(page(a, redirect(changed)).body()).contains("id=\"password-changed\"");
		assertThat(page(a, "/").statusCode()).as("this session stays").isEqualTo(200);
		var other = page(b, "/");
		assertThat(other.statusCode()).isEqualTo(302);
		assertThat(redirect(other)).contains("/login");
		assertThat(attempt(name, "first-password-1")).contains("error");
		assertThat(attempt(name, "second-password-2")).doesNotContain("error");
		assertThat(audit("user.password-changed", null)).isPositive();
	}

	@Test
	void anAdminResetLinkLetsTheUserChooseANewPasswordOnce() throws Exception {
		String name = unique("rey");
		UUID id = users.create(name, "Rey", null, StaffRole.VIEWER, "forgotten-password").id();
		Response link = post("/api/v1/admin/users/" + id + "/password-reset", null);
		assertThat(link.status()).as(link.raw()).isEqualTo(200);
		String url = link.body().get("link").asString();
		String token = url.substring(url.indexOf("token=") + 6);
		assertThat(jdbc.sql("select count(*) from password_reset_token where token_hash = :t").param("t", token)
			.query(Long.class).single()).as("only a hash is stored").isZero();

		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String form = page(browser, "/reset?token=" + token).body();
		assertThat(form).doesNotContain("reset-invalid");
		var done = post(browser, "/reset", "token=" + enc(token) + "&password=brand-new-password&confirm=brand-new-password&_csrf=" + enc(csrf(form)));
		assertThat(redirect(done)).endsWith("/login?reset");
		assertThat(attempt(name, "brand-new-password")).doesNotContain("error");
		assertThat(attempt(name, "forgotten-password")).contains("error");
		assertThat(page(browser, "/reset?token=" + token).body()).as("used up").contains("reset-invalid");
	}

	@Test
	void repeatedFailuresLockTheNameEvenForTheRightPasswordAndAreAudited() throws Exception {
		String name = unique("lou");
		users.create(name, "Lou", null, StaffRole.CSM, "right-password-1");
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(name, "wrong-password-" + i)).contains("error");
		}
		assertThat(attempt(name, "right-password-1")).contains("locked");
		assertThat(attempt(name.toUpperCase(), "right-password-1")).as("the name is normalised").contains("locked");
		assertThat(jdbc.sql("select failures from sign_in_throttle where key = :k").param("k", "user:" + name)
			.query(Integer.class).single()).isEqualTo(5);
		assertThat(audit("sign-in.failed", name)).isEqualTo(5);
		assertThat(audit("sign-in.locked", name)).isEqualTo(2);
		// Another user from the same address is not locked by it.
		String other = unique("ola");
		users.create(other, "Ola", null, StaffRole.CSM, "right-password-2");
		assertThat(attempt(other, "right-password-2")).doesNotContain("error").doesNotContain("locked");
		assertThat(audit("sign-in.succeeded", other)).isEqualTo(1);
	}

	@Test
	void anAddressIsLockedAfterManyFailuresAcrossNames() {
		String address = "198.51.100." + (int) (Math.random() * 200);
		for (int i = 0; i < 20; i++) throttle.failed(unique("guess"), address);
		assertThat(throttle.lockedUntil("anyone", address)).get().matches(t -> t.isAfter(Instant.now()));
		assertThat(throttle.lockedUntil("anyone", "198.51.100.250")).isEmpty();
	}

	@Test
	void disablingAUserEndsTheirSessionAndRevokesTheirTokens() throws Exception {
		String name = unique("ada");
		UUID id = users.create(name, "Ada", null, StaffRole.ADMIN, "admin-password-9").id();
		HttpClient session = signIn(name, "admin-password-9");
		String admin = page(session, "/admin").body();
		var created = post(session, "/admin/tokens", "name=" + unique("ci") + "&role=ADMIN&scope=FULL&_csrf=" + enc(csrf(admin)));
		var m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(page(session, redirect(created)).body());
		assertThat(m.find()).isTrue();
		String token = m.group(1);
		String child = call("POST", "/api/v1/admin/tokens", Map.of("name", unique("child"), "role", "CSM"), token).body()
			.get("token").asString();
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(200);
		assertThat(call("GET", "/api/v1/accounts", null, child).status()).isEqualTo(200);

		assertThat(call("PATCH", "/api/v1/admin/users/" + id, Map.of("enabled", false)).status()).isEqualTo(200);
		assertThat(page(session, "/").statusCode()).isEqualTo(302);
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(401);
		assertThat(call("GET", "/api/v1/accounts", null, child).status()).as("a token its token made").isEqualTo(401);
		assertThat(attempt(name, "admin-password-9")).contains("error");
	}

	@Test
	void tokensCanExpire() throws Exception {
		assertProblem(post("/api/v1/admin/tokens", Map.of("name", unique("old"), "role", "CSM", "expiresAt",
				"2020-01-01T00:00:00Z")), 400, "expiresAt");
		var created = post("/api/v1/admin/tokens", Map.of("name", unique("short"), "role", "CSM", "expiresAt",
				Instant.now().plusMillis(1500).toString()));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String token = created.body().get("token").asString();
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(200);
		Thread.sleep(1800);
		assertThat(call("GET", "/api/v1/accounts", null, token).status()).isEqualTo(401);
	}

	@Test
	void usernamesAreNormalisedAndReserved() throws Exception {
		String name = unique("Dewi.CSM");
		Response created = post("/api/v1/admin/users", Map.of("username", "  " + name + " ", "displayName", "Dewi",
				"role", "CSM", "password", "dewi-password-1"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(created.body().get("username").asString()).isEqualTo(name.toLowerCase());
		assertProblem(post("/api/v1/admin/users", Map.of("username", name.toUpperCase(), "displayName", "Dewi 2",
				"role", "CSM", "password", "dewi-password-1")), 422, "username");
		for (String bad : new String[] { "system", "bootstrap-admin", "token:ci", "a b", "<b>x</b>" }) {
			assertProblem(post("/api/v1/admin/users", Map.of("username", bad, "displayName", "X", "role", "CSM",
					"password", "some-password-1")), 422, "username");
		}
		assertThat(attempt(name.toUpperCase(), "dewi-password-1")).doesNotContain("error");
	}

	private long audit(String action, String actor) {
		return jdbc.sql("select count(*) from audit_log where action = :a and (:actor::text is null or actor = :actor)")
			.param("a", action).param("actor", actor).query(Long.class).single();
	}

	/** One sign-in attempt; the Location it redirects to. */
	private String attempt(String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = page(client, "/login").body();
		return redirect(post(client, "/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf="
				+ enc(csrf(login))));
	}

	private HttpClient signIn(String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = page(client, "/login").body();
		var r = post(client, "/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf(login)));
		assertThat(redirect(r)).doesNotContain("error").doesNotContain("locked");
		return client;
	}

	private HttpResponse<String> page(HttpClient client, String path) throws IOException, InterruptedException {
		String target = path.startsWith("http") ? path : "http://localhost:" + port + path;
		return client.send(HttpRequest.newBuilder(URI.create(target)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(HttpClient client, String path, String form) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String redirect(HttpResponse<String> r) {
		return r.headers().firstValue("Location").orElse("(no redirect: " + r.statusCode() + ")");
	}

	private static String csrf(String html) {
		var m = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("csrf in page").isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
