package com.onward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;
import com.onward.shared.Secrets;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Nothing shipped is a live credential: the first admin comes from a one-time link or the
 * environment, signing keys are generated and shared through the database, short secrets refuse
 * the start, and the embedded PostgreSQL wants a password.
 */
class FailClosedIntegrationTests extends IntegrationTest {

	@Autowired
	AdminSetup setup;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Secrets secrets;

	@Autowired
	EmbeddedPostgres postgres;

	@Test
	void withoutAnAdminAOneTimeLinkCreatesTheFirstOne() throws Exception {
		List<UUID> admins = disableAdmins();
		try {
			String token = setup.issue();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			assertThat(page(browser, "/setup?token=not-the-token")).contains("id=\"setup-invalid\"");
			String form = page(browser, "/setup?token=" + token);
			assertThat(form).doesNotContain("setup-invalid").contains("name=\"password\"");

			String username = unique("first-admin");
			var weak = submit(browser, csrf(form), token, username, "short");
			assertThat(weak.body()).contains("id=\"setup-error\"");
			assertThat(users.find(username)).isEmpty();

			var done = submit(browser, csrf(form), token, username, "a-long-enough-passphrase");
			assertThat(done.statusCode()).isEqualTo(302);
			assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?setup");
			assertThat(users.find(username)).get().extracting(Users.StaffUser::role).isEqualTo(StaffRole.ADMIN);

			// The link is used up.
			assertThat(setup.valid(token)).isFalse();
			assertThat(page(browser, "/setup?token=" + token)).contains("id=\"setup-invalid\"");
			assertThat(jdbc.sql("select count(*) from admin_setup_token").query(Long.class).single()).isZero();
			// Only a hash was ever stored.
			assertThat(jdbc.sql("select count(*) from audit_log where detail like :t").param("t", "%" + token + "%")
				.query(Long.class).single()).isZero();
		}
		finally {
			restore(admins);
		}
	}

	@Test
	void theEnvironmentCreatesTheFirstAdminAndNothingWhenOneExists() {
		List<UUID> admins = disableAdmins();
		String username = unique("env-admin");
		try {
			setup.ensureAdmin(new AdminSetup.BootstrapProperties(null, username, "ops@vendor.example",
					"an-operator-chosen-password", Duration.ofHours(1)));
			assertThat(users.find(username)).get().extracting(Users.StaffUser::role).isEqualTo(StaffRole.ADMIN);
			String other = unique("second");
			setup.ensureAdmin(new AdminSetup.BootstrapProperties(null, other, "ops@vendor.example",
					"an-operator-chosen-password", Duration.ofHours(1)));
			assertThat(users.find(other)).isEmpty();
		}
		finally {
			restore(admins);
		}
	}

	@Test
	void aSetupLinkDoesNothingOnceAnAdminExists() {
		if (!users.anyEnabledAdmin()) users.create(unique("adm"), "Admin", null, StaffRole.ADMIN, "admin-password-1");
		String token = setup.issue();
		assertThat(setup.valid(token)).isFalse();
		assertThat(setup.complete(token, unique("intruder"), "Intruder", null, "intruder-password")).isFalse();
	}

	@Test
	void signingKeysAreGeneratedOnceAndKeptInTheDatabase() {
		byte[] key = secrets.key("test-" + UUID.randomUUID());
		assertThat(key).hasSize(32);
		String name = "test-" + UUID.randomUUID();
		byte[] first = secrets.key(name);
		assertThat(secrets.key(name)).isEqualTo(first);
		assertThat(jdbc.sql("select value from app_secret where name = :n").param("n", name).query(byte[].class)
			.single()).isEqualTo(first);
		assertThat(first).isNotEqualTo(key);
		// The unsubscribe key is one of them, not a shipped default.
		assertThat(jdbc.sql("select count(*) from app_secret where name = 'unsubscribe'").query(Long.class).single())
			.isLessThanOrEqualTo(1L);
	}

	@Test
	void unsubscribeLinksSignedWithTheOldDefaultsAreRefused() throws Exception {
		String address = "someone@customer.example";
		String encoded = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(address.getBytes(StandardCharsets.UTF_8));
		HttpClient browser = HttpClient.newHttpClient();
		for (String shipped : List.of("change-me", "onward-unsubscribe")) {
			String forged = encoded + "." + com.onward.messaging.Webhooks.hmac(shipped, address);
			var r = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/unsubscribe?t=" + forged))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(400);
		}
	}

	@Test
	void shortConfiguredSecretsRefuseTheStart() {
		assertThatThrownBy(() -> Secrets.requireStrong("onward.messaging.unsubscribe-secret", "change-me"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("32");
		assertThat(Secrets.requireStrong("x", "0123456789abcdef0123456789abcdef")).hasSize(32);
		assertThatThrownBy(() -> SecurityConfiguration.bootstrapToken("dev-secret"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("32");
		assertThat(SecurityConfiguration.bootstrapToken("")).isNull();
		assertThat(SecurityConfiguration.bootstrapToken(ADMIN_TOKEN)).isEqualTo(ADMIN_TOKEN);
	}

	@Test
	void theEmbeddedDatabaseWantsAPassword() throws SQLException {
		String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
			.isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
			.isInstanceOf(SQLException.class);
		try (var ok = postgres.getPostgresDatabase().getConnection()) {
			assertThat(ok.isValid(1)).isTrue();
		}
	}

	private List<UUID> disableAdmins() {
		return jdbc.sql("update app_user set enabled = false where role = 'ADMIN' and enabled returning id")
			.query(UUID.class).list();
	}

	private void restore(List<UUID> admins) {
		jdbc.sql("update app_user set enabled = true where id in (:ids)").param("ids", admins.isEmpty() ? List.of(UUID.randomUUID()) : admins)
			.update();
	}

	private String page(HttpClient browser, String path) throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private HttpResponse<String> submit(HttpClient browser, String csrf, String token, String username, String password)
			throws IOException, InterruptedException {
		String form = "_csrf=" + enc(csrf) + "&token=" + enc(token) + "&username=" + enc(username)
				+ "&displayName=First+Admin&email=&password=" + enc(password);
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/setup"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String html) {
		var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("csrf field in %s", html).isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
