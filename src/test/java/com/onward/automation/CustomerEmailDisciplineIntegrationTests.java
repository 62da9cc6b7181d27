package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.testing.MailIntegrationTest;
import com.onward.IntegrationTest;
import com.onward.messaging.Delivery;
import com.onward.messaging.Outbox;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.testing.TestClock;

import jakarta.mail.internet.MimeMessage;

/**
 * Customer email discipline against GreenMail, the real PostgreSQL and a settable clock: no catch-up
 * flood for a back-dated contract, the daily cap with priorities, one nudge per topic, sending hours
 * in the customer's time zone, historical CSV imports, the weekly digest. The policy is the shipped
 * one (cap 2, 08:00–18:00 Monday–Friday), set through the API for these tests.
 */
@MailIntegrationTest
class CustomerEmailDisciplineIntegrationTests extends IntegrationTest {

	/** Wednesday 2 December 2026, 10:00 UTC: within sending hours for an account on the vendor's (UTC) time. */
	static final Instant WEDNESDAY_10_UTC = Instant.parse("2026-12-02T10:00:00Z");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	TestClock clock;

	@Autowired
	Automation automation;

	@Autowired
	Delivery delivery;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@BeforeEach
	void shippedPolicy() {
		var r = call("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", 2, "quietHours", true, "sendingFrom", "08:00",
				"sendingUntil", "18:00", "sendingDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
	}

	@AfterEach
	void systemClockAndTestPolicy() {
		clock.reset();
		call("DELETE", "/api/v1/delivery-policy", null);
	}

	@Test
	void aContractSignedTenDaysAgoForASilentSmbCustomerSendsAtMostTwoAutomatedEmailsADayPlusTheInvitation() {
		clock.setTo(WEDNESDAY_10_UTC);
		String email = unique("lead").toLowerCase() + "@backdated.example";
		UUID account = contract(WEDNESDAY_10_UTC.minus(Duration.ofDays(10)), email, null);
		// Enrolled in the contract's own transaction, at the step that fits day 10 (day 7), not at day 1.
		assertThat(jdbc.sql("select next_step from sequence_enrolment where account_id = :a and sequence_code = 'smb-welcome'")
			.param("a", account).query(Integer.class).single()).isEqualTo(2);
		await(() -> templates(account).containsAll(List.of("welcome", "kickoff-confirmation")));

		automation.sweep();
		// A milestone celebrated the same day: a third automated email competing for the two slots.
		outbox.enqueue("test-celebration:" + account, "milestone-celebration", account, email, "en",
				Map.of("account", "Acme", "contact", "Siti", "achievements", "first invoice"));
		delivery.deliverDue();

		assertThat(subjects(email)).hasSize(3)
			.anyMatch(s -> s.startsWith("Kickoff confirmed"))
			.anyMatch(s -> s.startsWith("Welcome to"))
			.anyMatch(s -> s.startsWith("Day 7"));
		// The day-7 "no login yet" passed before Onward knew the account: no re-engagement on top of the series' step.
		assertThat(templates(account)).doesNotContain("re-engagement", "smb-day-1", "smb-day-3");
		// (Staff notices to the account's CSM may wait on their own retries; only the customer's email counts here.)
		var held = java.util.stream.StreamSupport
			.stream(get("/api/v1/messages?accountId=" + account + "&status=PENDING").body().get("items").spliterator(), false)
			.filter(m -> m.get("recipient").asString().equals(email)).toList();
		assertThat(held).hasSize(1);
		assertThat(held.get(0).get("template").asString()).isEqualTo("milestone-celebration");
		assertThat(held.get(0).get("heldReason").asString()).isEqualTo("DAILY_CAP");
		assertThat(held.get(0).get("heldUntil").asString()).isEqualTo("2026-12-03T08:00:00Z");
		assertThat(page("/messages?status=PENDING&lang=id&accountId=" + account)).contains("Ditahan oleh batas harian sampai");
		assertThat(page("/messages?status=PENDING&lang=en&accountId=" + account)).contains("Held by the daily cap until");

		// Later sweeps the same day decide nothing new.
		for (int i = 0; i < 2; i++) {
			clock.moveBy(Duration.ofMinutes(15));
			automation.sweep();
			delivery.deliverDue();
		}
		assertThat(subjects(email)).hasSize(3);

		clock.setTo(Instant.parse("2026-12-03T08:00:00Z"));
		delivery.deliverDue();
		delivery.deliverDue();
		assertThat(subjects(email)).hasSize(4).anyMatch(s -> s.startsWith("Milestone reached"));
	}

	@Test
	void twoNudgesAboutTheSameMissingLoginBecomeOne() {
		clock.setTo(WEDNESDAY_10_UTC);
		String email = unique("lead").toLowerCase() + "@onenudge.example";
		UUID account = contract(WEDNESDAY_10_UTC.minus(Duration.ofDays(7)), email, null);
		await(() -> templates(account).contains("welcome"));
		automation.sweep();
		assertThat(templates(account)).contains("re-engagement", "smb-day-7");
		delivery.deliverDue();
		assertThat(jdbc.sql("select status from outbox_message where account_id = :a and topic = 'login' order by status")
			.param("a", account).query(String.class).list()).containsExactly("SENT", "SKIPPED");
		assertThat(subjects(email).stream().filter(s -> s.startsWith("Day 7") || s.startsWith("Need a hand"))).hasSize(1);
	}

	@Test
	void anAccountInJakartaAtTwoInTheMorningIsWrittenToAtEightLocalTimeOnce() {
		// Tuesday 1 December, 19:00 UTC = Wednesday 2 December, 02:00 in Jakarta (UTC+7).
		clock.setTo(Instant.parse("2026-12-01T19:00:00Z"));
		String email = unique("lead").toLowerCase() + "@jakarta.example";
		UUID account = contract(Instant.parse("2026-12-01T18:00:00Z"), email, "ID");
		assertThat(get("/api/v1/accounts/" + account).body().get("timeZone").asString()).isEqualTo("Asia/Jakarta");
		await(() -> templates(account).containsAll(List.of("welcome", "kickoff-confirmation")));

		delivery.deliverDue();
		assertThat(subjects(email)).isEmpty();
		var held = get("/api/v1/messages?accountId=" + account + "&status=PENDING").body().get("items");
		assertThat(held).isNotEmpty();
		assertThat(held.findValuesAsString("heldReason")).containsOnly("QUIET_HOURS");
		assertThat(held.findValuesAsString("heldUntil")).containsOnly("2026-12-02T01:00:00Z");

		clock.setTo(Instant.parse("2026-12-02T00:59:00Z")); // 07:59 in Jakarta
		delivery.deliverDue();
		assertThat(subjects(email)).isEmpty();

		clock.setTo(Instant.parse("2026-12-02T01:00:00Z")); // 08:00 in Jakarta
		delivery.deliverDue();
		delivery.deliverDue();
		assertThat(subjects(email)).hasSize(2);
		clock.moveBy(Duration.ofHours(1));
		delivery.deliverDue();
		assertThat(subjects(email)).hasSize(2);
	}

	@Test
	void staffNoticesAreNotHeldBySendingHours() {
		clock.setTo(Instant.parse("2026-12-05T23:00:00Z")); // Saturday night
		String email = unique("csm").toLowerCase() + "@staff.example";
		assertThat(outbox.enqueueHttp(unique("staff-notice"), "SLACK", "csm-notice", null, "http://localhost:9/none", null,
				"notice", "{}")).isTrue();
		outbox.enqueue(unique("customer"), "re-engagement", null, email, "en", Map.of("contact", "Siti"));
		delivery.deliverDue();
		assertThat(jdbc.sql("select held_reason from outbox_message where recipient = :r").param("r", email)
			.query(String.class).single()).isEqualTo("QUIET_HOURS");
		assertThat(jdbc.sql("""
				select count(*) from outbox_message where channel = 'SLACK' and recipient = 'http://localhost:9/none'
				  and held_reason is null and attempts >= 1""").query(Long.class).single()).isPositive();
	}

	@Test
	void aCsvImportOfCustomersSignedAYearAgoSendsNothingAndItsPreviewSaidSo() {
		clock.setTo(WEDNESDAY_10_UTC);
		String domain = unique("import").toLowerCase() + ".example";
		var csv = new StringBuilder(
				"externalId,name,employees,acvAmount,acvCurrency,productType,language,contractExternalId,signedAt,contactName,contactEmail\n");
		String prefix = unique("hist");
		for (int i = 0; i < 100; i++) {
			csv.append(prefix).append('-').append(i).append(",Historic ").append(i).append(",8,2500,USD,DAILY,id,")
				.append(prefix).append("-c-").append(i).append(",2025-12-01,Kontak ").append(i).append(",lead").append(i)
				.append('@').append(domain).append('\n');
		}
		var preview = callCsv("/api/v1/imports/accounts/preview", csv.toString());
		assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
		assertThat(preview.body().get("preview").asBoolean()).isTrue();
		assertThat(preview.body().get("historicalContracts").asInt()).isEqualTo(100);
		assertThat(preview.body().get("customerEmails").asInt()).isZero();
		assertThat(get("/api/v1/accounts?q=Historic%2042").body().get("total").asInt()).as("a preview stores nothing").isZero();

		// The same kind of row signed yesterday is live: the preview counts the welcome, the invitation and the series' day-1 step.
		String live = "externalId,name,employees,acvAmount,acvCurrency,productType,contractExternalId,signedAt,contactName,contactEmail\n"
				+ unique("live") + ",Live Co,8,2500,USD,DAILY," + unique("live-c") + ",2026-12-01,Siti,siti@" + domain + "\n";
		assertThat(callCsv("/api/v1/imports/accounts/preview", live).body().get("customerEmails").asInt()).isEqualTo(3);

		var imported = callCsv("/api/v1/imports/accounts", csv.toString());
		assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
		assertThat(imported.body().get("contractsCreated").asInt()).isEqualTo(100);
		assertThat(imported.body().get("customerEmails").asInt()).isZero();
		await(() -> jdbc.sql("""
				select count(*) from event_publication where completion_date is null
				  and event_type like '%ContractsSigned' and listener_id like '%AutomationListeners%'""")
			.query(Long.class).single() == 0);
		assertThat(jdbc.sql("select count(*) from contract where external_id like :p and historical")
			.param("p", prefix + "-c-%").query(Long.class).single()).isEqualTo(100);
		automation.sweep();
		delivery.deliverDue();
		assertThat(jdbc.sql("select count(*) from outbox_message where audience = 'CUSTOMER' and recipient like :d")
			.param("d", "%@" + domain).query(Long.class).single()).isZero();
		assertThat(smtp.getReceivedMessagesForDomain(domain)).isEmpty();
	}

	@Test
	void aContactWhoChoseTheWeeklyDigestGetsNudgesAndCelebrationsInOneEmailInTheAccountsLanguage() {
		clock.setTo(WEDNESDAY_10_UTC);
		String email = unique("lead").toLowerCase() + "@digest.example";
		UUID account = contract(WEDNESDAY_10_UTC.minus(Duration.ofDays(1)), email, null, "ms");
		await(() -> templates(account).contains("welcome"));
		String contactId = get("/api/v1/accounts/" + account + "/contacts").body().get(0).get("id").asString();
		var set = call("PUT", "/api/v1/accounts/" + account + "/contacts/" + contactId + "/email-preference",
				Map.of("weeklyDigest", true));
		assertThat(set.status()).as(set.raw()).isEqualTo(200);
		assertProblem(call("PUT", "/api/v1/accounts/" + account + "/contacts/" + contactId + "/email-preference", Map.of()),
				400, "weeklyDigest");

		outbox.enqueue("test-nudge:" + account, "feature-how-to", account, email, "ms",
				Map.of("account", "Syarikat", "contact", "Aminah", "feature", "aliran kelulusan"));
		outbox.enqueue("test-celebration:" + account, "milestone-celebration", account, email, "ms",
				Map.of("account", "Syarikat", "contact", "Aminah", "achievements", "invois pertama"));
		delivery.deliverDue();
		// The welcome and the invitation are no nudges: they go now; the other two wait for Monday's digest.
		assertThat(subjects(email)).hasSize(2);
		assertThat(jdbc.sql("select count(*) from outbox_message where account_id = :a and held_reason = 'DIGEST'")
			.param("a", account).query(Long.class).single()).isEqualTo(2);

		clock.setTo(Instant.parse("2026-12-07T08:00:00Z")); // Monday, start of sending hours
		delivery.deliverDue();
		List<String> subjects = subjects(email);
		assertThat(subjects).hasSize(3);
		assertThat(subjects.get(2)).startsWith("Minggu anda bersama");
		assertThat(jdbc.sql("select count(*) from outbox_message where account_id = :a and status = 'DIGESTED'")
			.param("a", account).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void timeZonesAndPoliciesAreCheckedFieldByField() {
		UUID account = contract(Instant.now(), unique("tz").toLowerCase() + "@tz.example", null);
		assertProblem(call("PUT", "/api/v1/accounts/" + account + "/time-zone", Map.of("timeZone", "Mars/Olympus")), 400,
				"timeZone");
		var changed = call("PUT", "/api/v1/accounts/" + account + "/time-zone", Map.of("timeZone", "Asia/Kuala_Lumpur"));
		assertThat(changed.body().get("timeZone").asString()).isEqualTo("Asia/Kuala_Lumpur");
		assertProblem(call("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", -1)), 400, "dailyCap");
		assertProblem(call("PUT", "/api/v1/delivery-policy", Map.of("sendingFrom", "18:00", "sendingUntil", "08:00")), 400,
				"sendingUntil");
		assertProblem(call("PUT", "/api/v1/delivery-policy", Map.of("dailyCapBySegment", Map.of("GIANT", 3))), 400,
				"dailyCapBySegment");
		var bySegment = call("PUT", "/api/v1/delivery-policy", Map.of("dailyCapBySegment", Map.of("ENTERPRISE", 3)));
		assertThat(bySegment.body().get("dailyCapBySegment").get("ENTERPRISE").asInt()).isEqualTo(3);
	}

	private UUID contract(Instant signedAt, String email, String country) {
		return contract(signedAt, email, country, "en");
	}

	private UUID contract(Instant signedAt, String email, String country, String language) {
		var account = new LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Considerate Co"));
		account.put("employees", 8);
		account.put("acv", Map.of("amount", 3000, "currency", "USD"));
		account.put("productType", "DAILY");
		account.put("language", language);
		if (country != null) account.put("country", country);
		account.put("contacts", List.of(Map.of("name", "Siti", "email", email, "role", "PROJECT_LEAD")));
		var r = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt", signedAt.toString(), "account",
				account));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return UUID.fromString(r.body().get("accountId").asString());
	}

	private List<String> templates(UUID account) {
		return jdbc.sql("select template from outbox_message where account_id = :a and audience = 'CUSTOMER'")
			.param("a", account).query(String.class).list();
	}

	private List<String> subjects(String email) {
		var subjects = new ArrayList<String>();
		for (MimeMessage m : smtp.getReceivedMessages()) {
			try {
				if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(email))) {
					subjects.add(m.getSubject());
				}
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}
		return subjects;
	}

	/** A staff page as a signed-in admin sees it. */
	private String page(String path) {
		if (users.find("discipline-admin").isEmpty()) {
			users.create("discipline-admin", "Discipline Admin", null, StaffRole.ADMIN, "discipline-pass");
		}
		try {
			HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
			assertThat(csrf.find()).isTrue();
			String form = "username=discipline-admin&password=discipline-pass&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> r = client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(200);
			return r.body();
		}
		catch (java.io.IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}
}
