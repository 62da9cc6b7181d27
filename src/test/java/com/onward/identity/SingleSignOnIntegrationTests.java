package com.onward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.onward.IntegrationTest;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server on this machine): the
 * whole authorization-code flow over HTTP (redirect to the provider, code back, token exchange, ID
 * token checks), the role mapped from a claim, the local user linked, and refusals for no role and
 * for a user disabled here.
 */
@TestPropertySource(properties = { "onward.embedded-db.data-dir=target/test-postgres-sso", "onward.sso.enabled=true",
		"onward.sso.client-id=onward-test", "onward.sso.client-secret=not-secret-in-tests", "onward.sso.role-claim=groups",
		"onward.sso.roles[onward-managers]=CS_MANAGER", "onward.sso.roles[onward-admins]=ADMIN",
		"onward.sso.roles[onward-csm]=CSM" })
class SingleSignOnIntegrationTests extends IntegrationTest {

	private static final MockOAuth2Server provider = new MockOAuth2Server();

	static {
		provider.start();
	}

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("onward.sso.issuer-uri", () -> provider.issuerUrl("default").toString());
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	/** The provider signs in {@code subject} with these claims at the next authorization request. */
	private static void nextSignIn(String subject, Map<String, Object> claims) {
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("onward-test"), claims,
				3600));
	}

	/** A browser: follows the flow by hand (no automatic redirects) and keeps its cookies. */
	private record Browser(HttpClient http) {
		Browser() {
			this(HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build());
		}

		HttpResponse<String> get(String url) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/** Runs the authorization-code flow; returns where Onward sends the browser at the end. */
	private String signIn(Browser browser) throws Exception {
		var start = browser.get("http://localhost:" + port + "/oauth2/authorization/sso");
		assertThat(start.statusCode()).isEqualTo(302);
		String authorize = start.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(provider.issuerUrl("default").toString()).contains("nonce=", "state=",
				"redirect_uri=");
		var atProvider = browser.get(authorize);
		assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
		String callback = atProvider.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith("http://localhost:" + port + "/login/oauth2/code/sso?code=");
		var back = browser.get(callback);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
		return back.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, "");
	}

	private JsonNode user(String username) {
		for (JsonNode u : get("/api/v1/admin/users").body()) {
			if (u.get("username").asString().equals(username)) return u;
		}
		return null;
	}

	@Test
	void theSignInPageOffersSingleSignOn() throws Exception {
		var page = new Browser().get("http://localhost:" + port + "/login");
		assertThat(page.body()).contains("id=\"sso\"", "/oauth2/authorization/sso", "Sign in with single sign-on");
	}

	@Test
	void aManagerSignsInThroughTheProviderWithTheRoleOfTheirGroup() throws Exception {
		nextSignIn("sub-siti", Map.of("preferred_username", "Siti.Rahma@Acme.example", "name", "Siti Rahma", "email",
				"siti@acme.example", "groups", List.of("everyone", "onward-managers")));
		var browser = new Browser();
		assertThat(signIn(browser)).isEqualTo("/");
		var home = browser.get("http://localhost:" + port + "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("siti.rahma.acme.example");
		JsonNode user = user("siti.rahma.acme.example");
		assertThat(user).isNotNull();
		assertThat(user.get("role").asString()).isEqualTo("CS_MANAGER");
		assertThat(get("/api/v1/admin/audit?size=50").raw()).contains("sign-in.succeeded");
		// A manager may open what managers open; an admin page stays closed.
		assertThat(browser.get("http://localhost:" + port + "/admin").statusCode()).isEqualTo(403);

		// The provider is the source of the role: next time the group grants more.
		nextSignIn("sub-siti", Map.of("preferred_username", "siti.rahma@acme.example", "name", "Siti Rahma", "groups",
				List.of("onward-managers", "onward-admins")));
		var again = new Browser();
		assertThat(signIn(again)).isEqualTo("/");
		assertThat(user("siti.rahma.acme.example").get("role").asString()).isEqualTo("ADMIN");
		assertThat(again.get("http://localhost:" + port + "/admin").statusCode()).isEqualTo(200);
	}

	@Test
	void someoneWithoutAnOnwardRoleIsRefusedAndNothingIsCreated() throws Exception {
		nextSignIn("sub-guest", Map.of("preferred_username", "guest.person", "groups", List.of("everyone")));
		var browser = new Browser();
		assertThat(signIn(browser)).isEqualTo("/login?sso-failed");
		assertThat(user("guest.person")).isNull();
		assertThat(browser.get("http://localhost:" + port + "/").statusCode()).isEqualTo(302);
		assertThat(browser.get("http://localhost:" + port + "/login?sso-failed").body()).contains("id=\"sso-failed\"");
	}

	@Test
	void aUserDisabledHereCannotComeBackThroughTheProvider() throws Exception {
		nextSignIn("sub-budi", Map.of("preferred_username", "budi", "groups", "onward-csm"));
		var first = new Browser();
		assertThat(signIn(first)).isEqualTo("/");
		JsonNode budi = user("budi");
		assertThat(budi.get("role").asString()).isEqualTo("CSM");
		assertThat(call("PATCH", "/api/v1/admin/users/" + budi.get("id").asString(), Map.of("enabled", false)).status())
			.isEqualTo(200);
		// The open session ends at its next request...
		assertThat(first.get("http://localhost:" + port + "/").statusCode()).isEqualTo(302);
		// ...and the provider cannot sign them in again.
		nextSignIn("sub-budi", Map.of("preferred_username", "budi", "groups", "onward-csm"));
		assertThat(signIn(new Browser())).isEqualTo("/login?sso-failed");
	}

	@Test
	void aNameHeldByALocalUserIsNotTakenOverByTheProvider() throws Exception {
		String name = unique("local").toLowerCase();
		assertThat(post("/api/v1/admin/users", Map.of("username", name, "displayName", "Local", "role", "VIEWER",
				"password", "a-long-enough-password")).status()).isEqualTo(201);
		nextSignIn("sub-other", Map.of("preferred_username", name, "groups", List.of("onward-admins")));
		assertThat(signIn(new Browser())).isEqualTo("/login?sso-failed");
		assertThat(user(name).get("role").asString()).isEqualTo("VIEWER");
	}

	@Test
	void theMostPrivilegedMappedRoleWins() {
		var sso = new SsoProperties(true, "x", "c", null, null, null, null,
				Map.of("a", StaffRole.VIEWER, "b", StaffRole.CS_MANAGER), null);
		assertThat(SingleSignOn.role(sso, List.of("a", "b", "c"))).isEqualTo(StaffRole.CS_MANAGER);
		assertThat(SingleSignOn.role(sso, "a")).isEqualTo(StaffRole.VIEWER);
		assertThat(SingleSignOn.role(sso, List.of("c"))).isNull();
		assertThat(SingleSignOn.role(new SsoProperties(true, "x", "c", null, null, null, null, Map.of(), StaffRole.VIEWER),
				null)).isEqualTo(StaffRole.VIEWER);
	}
}
