package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.testing.MailIntegrationTest;
import com.onward.shared.ContactRole;
import com.onward.testing.Scenarios;
import com.onward.usage.UsageTestSupport;
import com.onward.messaging.Delivery;

/** The sweep's re-engagement rules against a real SMTP server: once per (rule, account, occurrence). */
@MailIntegrationTest
class AutomationIntegrationTests extends UsageTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scenarios scenarios;

	/** An SMB account on day {@code day} of its onboarding whose project lead, Budi, has this address. */
	private UUID smbAccount(int day, String email) {
		return scenarios.smbAccount().onDay(day).contact("Budi", email, ContactRole.PROJECT_LEAD).sign().accountId();
	}

	private long reEngagements(UUID account) {
		return jdbc.sql("select count(*) from outbox_message where account_id = :a and template = 're-engagement'")
			.param("a", account).query(Long.class).single();
	}

	@Test
	void anSmbAccountWithNoLoginSevenDaysInIsNudgedOnce() {
		String email = unique("budi") + "@sweep.example";
		UUID account = smbAccount(7, email);
		var first = post("/api/v1/automation/sweeps", null).body();
		long sweepRules = java.util.stream.StreamSupport.stream(get("/api/v1/automation/rules").body().spliterator(), false)
			.filter(r -> r.get("kind").asString().equals("SWEEP") && r.get("enabled").asBoolean()).count();
		assertThat(sweepRules).isEqualTo(9); // the shipped time-based rules that are on (filling unassigned roles is off)
		assertThat(first.get("rulesEvaluated").asInt()).isEqualTo((int) sweepRules);
		assertThat(first.get("actionsFired").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(reEngagements(account)).isEqualTo(1);
		post("/api/v1/automation/sweeps", null);
		assertThat(reEngagements(account)).isEqualTo(1);

		delivery.deliverDue();
		// The rule's re-engagement and the series' day-7 step are about the same missing login: one of them goes.
		var received = java.util.Arrays.stream(smtp.getReceivedMessagesForDomain("sweep.example")).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (Exception e) {
				return false;
			}
		}).map(m -> {
			try {
				return m.getSubject();
			}
			catch (Exception e) {
				return "";
			}
		}).toList();
		assertThat(jdbc.sql("select template from outbox_message where account_id = :a and topic = 'login' and status = 'SENT'")
			.param("a", account).query(String.class).list()).hasSize(1);
		assertThat(jdbc.sql("select count(*) from outbox_message where account_id = :a and topic = 'login' and status = 'SKIPPED'")
			.param("a", account).query(Long.class).single()).isEqualTo(1);
		assertThat(received.stream().filter(s -> s.startsWith("Need a hand") || s.startsWith("Day 7")).count())
			.as(received.toString()).isEqualTo(1);
	}

	@Test
	void aContractPostedTenDaysLateRemindsTheCsmButDoesNotReEngageTheCustomerForADayThatPassedBeforehand() {
		UUID account = smbAccount(10, unique("late") + "@sweep.example");
		post("/api/v1/automation/sweeps", null);
		assertThat(reEngagements(account)).isZero();
		assertThat(jdbc.sql("select count(*) from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'")
			.param("a", account).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void thresholdsAreEditableAndTheDryRunShowsWhoWouldBeReached() {
		UUID account = smbAccount(10, unique("x") + "@dry.example");
		assertThat(get("/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS/dry-run").body().findValuesAsString("accountId"))
			.contains(account.toString());
		var updated = call("PUT", "/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS", Map.of("enabled", true, "days", 14)).body();
		assertThat(updated.get("params").get("days").asInt()).isEqualTo(14);
		assertThat(get("/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS/dry-run").body().findValuesAsString("accountId"))
			.doesNotContain(account.toString());
		assertProblem(call("PUT", "/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS", Map.of("enabled", true, "days", 0)),
				400, "days");
		String viewer = post("/api/v1/admin/tokens", Map.of("name", unique("viewer"), "role", "VIEWER")).body()
			.get("token").asString();
		assertThat(call("PUT", "/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS", Map.of("enabled", true, "days", 7), viewer)
			.status()).isEqualTo(403);
		assertThat(call("POST", "/api/v1/automation/sweeps", null, viewer).status()).isEqualTo(403);
		call("PUT", "/api/v1/automation/rules/NO_LOGIN_AFTER_ACCESS", Map.of("enabled", true, "days", 7));
		assertProblem(call("PUT", "/api/v1/automation/rules/NOPE", Map.of("enabled", true, "days", 7)), 404, null);
	}

	@Test
	void aTechTouchAccountThatStoppedLoggingInIsReEngagedOncePerLapse() {
		UUID account = smbAccount(10, unique("y") + "@lapse.example");
		assertThat(post("/api/v1/events", Map.of("events", List.of(Map.of("accountId", account.toString(), "userId", "u1",
				"type", "LOGIN", "occurredAt", Instant.now().minus(4, ChronoUnit.DAYS).toString())))).status()).isEqualTo(202);
		post("/api/v1/automation/sweeps", null);
		post("/api/v1/automation/sweeps", null);
		assertThat(jdbc.sql("""
				select count(*) from outbox_message where account_id = :a and uniqueness_key like 'rule:TECH_TOUCH_NO_RECENT_LOGIN:%'""")
			.param("a", account).query(Long.class).single()).isEqualTo(1);
		// It has logged in: the day-7 rule does not fire for it.
		assertThat(jdbc.sql("""
				select count(*) from outbox_message where account_id = :a and uniqueness_key like 'rule:NO_LOGIN_AFTER_ACCESS:%'""")
			.param("a", account).query(Long.class).single()).isZero();
	}

	@org.springframework.beans.factory.annotation.Autowired
	com.onward.usage.UsageCounting counting;

	@Test
	void aLoginAcknowledgedButNotYetCountedIsSeenByTheSweep() throws Exception {
		UUID account = smbAccount(10, unique("z") + "@counted.example");
		counting.stop();
		try {
			// Posted as a product does (not counted by the test): only the sweep's own count brings it in.
			var batch = Map.of("events", List.of(Map.of("accountId", account.toString(), "userId", "u1", "type", "LOGIN",
					"occurredAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())));
			var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/events"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch))).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(202);
			post("/api/v1/automation/sweeps", null);
		}
		finally {
			counting.start();
		}
		// It logged in: no "no login since access" task or email.
		assertThat(jdbc.sql("select count(*) from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'")
			.param("a", account).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from outbox_message where account_id = :a and uniqueness_key like 'rule:NO_LOGIN_AFTER_ACCESS:%'""")
			.param("a", account).query(Long.class).single()).isZero();
	}
}
