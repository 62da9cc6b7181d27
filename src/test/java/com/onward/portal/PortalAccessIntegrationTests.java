package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * PLT-4 for the portal: the magic link end to end through SMTP, every way a link can be wrong,
 * the same answer for every address, rate limits, a session of its own that opens nothing else,
 * and staff switching access off.
 */
class PortalAccessIntegrationTests extends PortalTestSupport {

	@Autowired
	Users users;

	private long sessions(Customer c) {
		return jdbc.sql("select count(*) from portal_session where contact_id = :c").param("c", c.contactId())
			.query(Long.class).single();
	}

	@Test
	void aContactSignsInWithALinkEmailedInTheAccountsLanguageOnceOnly() throws Exception {
		Customer c = customer("id", true);
		await(() -> linkMails(c.email()).size() == 1); // the invitation
		var browser = new Browser();
		Page answer = browser.post("/portal/sign-in", Map.of("email", c.email().toUpperCase()));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		String link = link(c.email(), 2);
		assertThat(linkMails(c.email()).get(1).getSubject()).contains("tautan masuk portal onboarding");
		// Only a hash of the token is stored.
		String token = link.replaceAll(".*/portal/magic/([^?]+).*", "$1");
		assertThat(jdbc.sql("select count(*) from portal_magic_link where token_hash = :t").param("t", token)
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from portal_magic_link where token_hash = :h").param("h", Tokens.hash(token))
			.query(Long.class).single()).isEqualTo(1);

		// The confirmation page does not use the link up (mail scanners open links).
		Page confirm = browser.get(link);
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(confirm.body()).contains("confirm-sign-in");
		// The portal's pages run no inline script: a strict policy, and the language menu without a handler.
		assertThat(confirm.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"));
		assertThat(confirm.body()).doesNotContain("onchange=", "onclick=", "<script>");
		assertThat(sessions(c)).isZero();
		Matcher m = CSRF.matcher(confirm.body());
		assertThat(m.find()).isTrue();
		browser.csrf = m.group(1);
		Page used = browser.post(link, Map.of());
		assertThat(used.status()).isEqualTo(302);
		String cookie = used.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("onward_portal="))
			.findFirst().orElseThrow();
		assertThat(cookie).contains("Path=/portal").contains("HttpOnly").contains("Max-Age=43200");
		Page home = browser.get("/portal");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Onboarding Anda").contains("Siti Rahma");
		assertThat(sessions(c)).isEqualTo(1);

		// Audit: staff see who signed in when.
		var signIns = get("/api/v1/accounts/" + c.accountId() + "/portal/sign-ins").body();
		assertThat(signIns).hasSize(1);
		assertThat(signIns.get(0).get("contactId").asString()).isEqualTo(c.contactId().toString());
		assertThat(jdbc.sql("select actor from audit_log where action = 'portal.sign-in' and entity_id = :a")
			.param("a", c.accountId().toString()).query(String.class).single()).isEqualTo("portal:" + c.email());

		// Used: the link offers a new one, with 400, and opens no session.
		var other = new Browser();
		assertThat(other.get(link).status()).isEqualTo(400);
		other.csrf();
		Page reused = other.post(link, Map.of());
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.body()).contains("link-invalid");
		assertThat(sessions(c)).isEqualTo(1);

		// Sign-out ends the session.
		assertThat(browser.post("/portal/sign-out", Map.of()).location()).contains("/portal/sign-in");
		assertThat(browser.get("/portal").location()).endsWith("/portal/sign-in");
	}

	@Test
	void expiredTamperedAndUnknownTokensOpenNoSession() {
		Customer c = customer("en", true);
		String invite = link(c.email(), 1).replaceAll("\\?.*", "");
		var browser = new Browser();
		browser.csrf();
		char last = invite.charAt(invite.length() - 1);
		String tampered = invite.substring(0, invite.length() - 1) + (last == 'A' ? 'B' : 'A');
		assertThat(browser.get(tampered).status()).isEqualTo(400);
		assertThat(browser.post(tampered, Map.of()).status()).isEqualTo(400);
		String unknown = "/portal/magic/" + Tokens.random();
		assertThat(browser.get(unknown).status()).isEqualTo(400);
		assertThat(browser.post(unknown, Map.of()).status()).isEqualTo(400);
		assertThat(browser.get("/portal/magic/short").status()).isEqualTo(400);

		jdbc.sql("update portal_magic_link set expires_at = now() - interval '1 minute' where contact_id = :c")
			.param("c", c.contactId()).update();
		assertThat(browser.get(invite).status()).isEqualTo(400);
		assertThat(browser.post(invite, Map.of()).status()).isEqualTo(400);
		assertThat(sessions(c)).isZero();
		assertThat(browser.get("/portal").location()).endsWith("/portal/sign-in");
	}

	@Test
	void everyAddressGetsTheSameAnswerAndOnlyContactsWithAccessGetAnEmail() {
		Customer c = customer("en", true);
		Customer notInvited = customer("en", false);
		link(c.email(), 1);
		String stranger = unique("nobody") + "@unknown.example";
		Page known = new Browser().post("/portal/sign-in", Map.of("email", c.email()));
		Page unknown = new Browser().post("/portal/sign-in", Map.of("email", stranger));
		Page uninvited = new Browser().post("/portal/sign-in", Map.of("email", notInvited.email()));
		Page malformed = new Browser().post("/portal/sign-in", Map.of("email", "not an address"));
		assertThat(known.status()).isEqualTo(200);
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknown.body()).isEqualTo(known.body());
		assertThat(uninvited.body()).isEqualTo(known.body());
		assertThat(malformed.body()).isEqualTo(known.body());
		await(() -> requests(stranger) == 1 && requests(notInvited.email()) == 1);
		link(c.email(), 2);
		assertThat(linkMails(stranger)).isEmpty();
		assertThat(linkMails(notInvited.email())).isEmpty();
	}

	private long requests(String email) {
		return jdbc.sql("select count(*) from portal_link_request where email_hash = :h")
			.param("h", Tokens.hash(email.toLowerCase())).query(Long.class).single();
	}

	@Test
	void atMostFiveLinksPerAddressInTenMinutesAndTheAnswerStaysTheSame() {
		Customer c = customer("ms", true);
		link(c.email(), 1);
		var browser = new Browser();
		String first = null;
		for (int i = 0; i < 7; i++) {
			Page p = browser.post("/portal/sign-in", Map.of("email", c.email()));
			assertThat(p.status()).isEqualTo(200);
			if (first == null) first = p.body();
			assertThat(p.body()).isEqualTo(first);
		}
		await(() -> requests(c.email()) == 7);
		link(c.email(), 6);
		assertThat(linkMails(c.email())).hasSize(6); // the invitation and five links
		assertThat(jdbc.sql("select count(*) from portal_magic_link where contact_id = :c").param("c", c.contactId())
			.query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void aPortalSessionOpensNoStaffPageAndNoApiAndAStaffSessionNoPortalPage() throws Exception {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		String session = browser.cookie(PortalSecurity.COOKIE);
		assertThat(session).isNotNull();
		var api = browser.send(HttpRequest.newBuilder(uri("/api/v1/accounts/" + c.accountId()))
			.header("Cookie", PortalSecurity.COOKIE + "=" + session).GET().build());
		assertThat(api.status()).isEqualTo(401);
		var staffPage = browser.send(HttpRequest.newBuilder(uri("/accounts/" + c.accountId()))
			.header("Cookie", PortalSecurity.COOKIE + "=" + session).GET().build());
		assertThat(staffPage.status()).isEqualTo(302);
		assertThat(staffPage.location()).endsWith("/login");
		assertThat(browser.get("/").location()).endsWith("/login");

		if (users.find("portal-staff").isEmpty()) {
			users.create("portal-staff", "Portal Staff", null, StaffRole.ADMIN, "portal-staff-pass-1");
		}
		var staff = new Browser();
		Page login = staff.get("/login");
		Matcher m = CSRF.matcher(login.body());
		assertThat(m.find()).isTrue();
		staff.csrf = m.group(1);
		Page signedIn = staff.post("/login", Map.of("username", "portal-staff", "password", "portal-staff-pass-1"));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(staff.get("/accounts/" + c.accountId()).status()).isEqualTo(200);
		Page portal = staff.get("/portal");
		assertThat(portal.status()).isEqualTo(302);
		assertThat(portal.location()).endsWith("/portal/sign-in");
	}

	@Test
	void staffSwitchAccessOffPerContactAndPerAccount() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		var contact = call("PUT", "/api/v1/accounts/" + c.accountId() + "/contacts/" + c.contactId() + "/portal",
				Map.of("enabled", false));
		assertThat(contact.status()).isEqualTo(200);
		assertThat(contact.body().get("contacts").get(0).get("enabled").asBoolean()).isFalse();
		assertThat(browser.get("/portal").location()).endsWith("/portal/sign-in");
		new Browser().post("/portal/sign-in", Map.of("email", c.email()));
		await(() -> requests(c.email()) == 2);

		call("PUT", "/api/v1/accounts/" + c.accountId() + "/contacts/" + c.contactId() + "/portal", Map.of("enabled", true));
		// The session is honoured again (and remembered by this instance), until the whole account is switched off.
		assertThat(browser.get("/portal").status()).isEqualTo(200);
		assertThat(browser.get("/portal").status()).isEqualTo(200);
		var account = call("PUT", "/api/v1/accounts/" + c.accountId() + "/portal", Map.of("enabled", false));
		assertThat(account.body().get("enabled").asBoolean()).isFalse();
		assertThat(browser.get("/portal").location()).endsWith("/portal/sign-in");
		new Browser().post("/portal/sign-in", Map.of("email", c.email()));
		await(() -> requests(c.email()) == 3);
		assertProblem(post("/api/v1/accounts/" + c.accountId() + "/contacts/" + c.contactId() + "/portal-invite", null), 422,
				"portal");
		assertThat(linkMails(c.email())).hasSize(2); // the invitation and the sign-in above only
		assertProblem(call("PUT", "/api/v1/accounts/" + c.accountId() + "/portal", Map.of()), 400, "enabled");
		assertProblem(post("/api/v1/accounts/" + c.accountId() + "/contacts/" + java.util.UUID.randomUUID() + "/portal-invite",
				null), 404, null);
	}

	@Test
	void aRememberedSessionShowsAChangeToTheContactAtOnce() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		assertThat(browser.get("/portal").body()).contains("Siti Rahma");
		var renamed = call("PUT", "/api/v1/accounts/" + c.accountId() + "/contacts/" + c.contactId(),
				Map.of("name", "Siti Rahmawati", "email", c.email(), "role", "PROJECT_LEAD"));
		assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
		assertThat(browser.get("/portal").body()).contains("Siti Rahmawati");
	}

	@Test
	void erasingAContactEndsItsRememberedSessionAtOnce() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		// Seen valid just now, so this instance remembers it for the next seconds (onward.portal.session-cache-ttl).
		assertThat(browser.get("/portal").status()).isEqualTo(200);
		assertThat(sessions(c)).isEqualTo(1);

		var erased = post("/api/v1/privacy/erasures", Map.of("email", c.email(), "reason", "Asked by the contact"));
		assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
		assertThat(erased.body().get("found").asBoolean()).isTrue();
		assertThat(sessions(c)).isZero();

		// Well within the TTL: the very next request with the same cookie gets no portal page.
		Page after = browser.get("/portal");
		assertThat(after.status()).isEqualTo(302);
		assertThat(after.location()).endsWith("/portal/sign-in");
		assertThat(after.body()).doesNotContain("Siti Rahma");
	}

	@Test
	void brandingShowsOnPortalPagesAndEmails() {
		assertProblem(call("PUT", "/api/v1/admin/portal-branding", Map.of("accentColour", "red")), 400, "accentColour");
		assertProblem(call("PUT", "/api/v1/admin/portal-branding", Map.of("logoUrl", "javascript:alert(1)")), 400, "logoUrl");
		var brand = call("PUT", "/api/v1/admin/portal-branding", Map.of("vendorName", "Kasir Cloud", "accentColour", "#1a7f37",
				"logoUrl", "https://cdn.example/logo.png"));
		assertThat(brand.status()).isEqualTo(200);
		try {
			Page signIn = new Browser().get("/portal/sign-in");
			assertThat(signIn.body()).contains("Kasir Cloud").contains("--brand:#1a7f37").contains("https://cdn.example/logo.png");
			Customer c = customer("en", true);
			link(c.email(), 1);
			assertThat(linkMails(c.email()).get(0).getSubject()).startsWith("Kasir Cloud:");
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
		finally {
			call("PUT", "/api/v1/admin/portal-branding", Map.of());
		}
		assertThat(get("/api/v1/admin/portal-branding").body().get("vendorName").asString()).isEqualTo("Onward");
	}
}
