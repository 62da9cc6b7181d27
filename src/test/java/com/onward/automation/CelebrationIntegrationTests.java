package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import com.onward.messaging.Delivery;
import com.onward.usage.UsageTestSupport;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/** A completed milestone emails the customer once, in their language; the kickoff does not celebrate. */
@MailIntegrationTest
class CelebrationIntegrationTests extends UsageTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	com.onward.testing.TestClock clock;

	private long count(String sql, UUID account) {
		return jdbc.sql(sql).param("a", account).query(Long.class).single();
	}

	private List<MimeMessage> mailTo(String email) {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().contains(email);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	@Test
	void aMilestoneCompletionEmailsTheCustomerOnceInTheirLanguage() throws Exception {
		String email = unique("m") + "@celebrate.example";
		var account = new java.util.LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Rayakan"));
		account.put("employees", 300);
		account.put("acv", Map.of("amount", 20000, "currency", "USD"));
		account.put("licensedSeats", 20);
		account.put("productType", "DAILY");
		account.put("language", "id");
		account.put("contacts", List.of(Map.of("name", "Siti", "email", email, "role", "PROJECT_LEAD")));
		JsonNode signed = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt",
				LocalDate.now().minusDays(1).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC).toString(), "account",
				account)).body();
		UUID accountId = UUID.fromString(signed.get("accountId").asString());
		String projectId = signed.get("projectId").asString();
		String kickoff = null, milestone = null, milestoneName = null;
		for (JsonNode phase : get("/api/v1/projects/" + projectId).body().get("phases")) {
			for (JsonNode item : phase.get("items")) {
				String key = item.get("key").asString();
				if (key.equals("kickoff")) kickoff = item.get("id").asString();
				else if (milestone == null && item.get("kind").asString().equals("MILESTONE")) {
					milestone = item.get("id").asString();
				}
			}
		}
		assertThat(kickoff).isNotNull();
		assertThat(milestone).isNotNull();
		com.onward.Gates.ready(this, projectId);
		assertThat(call("PATCH", "/api/v1/projects/" + projectId + "/items/" + kickoff, Map.of("status", "DONE")).status())
			.isEqualTo(200);
		assertThat(call("PATCH", "/api/v1/projects/" + projectId + "/items/" + milestone, Map.of("status", "DONE")).status())
			.isEqualTo(200);
		String sql = "select count(*) from outbox_message where account_id = :a and template = 'milestone-reached'";
		await(() -> count(sql, accountId) == 1);
		// Reopened and completed again: still one celebration for this milestone.
		call("PATCH", "/api/v1/projects/" + projectId + "/items/" + milestone, Map.of("status", "IN_PROGRESS"));
		call("PATCH", "/api/v1/projects/" + projectId + "/items/" + milestone, Map.of("status", "DONE"));
		Thread.sleep(500);
		assertThat(count(sql, accountId)).isEqualTo(1);
		// Two milestones were completed (the kickoff and another) and one celebration exists: the kickoff has its own summary.
		// The daily cap may hold a celebration behind more urgent mail: deliver over the next days if it does.
		List<MimeMessage> mail = List.of();
		try {
			for (int day = 0; day < 4 && mail.isEmpty(); day++) {
				delivery.deliverDue();
				mail = celebrations(email);
				if (mail.isEmpty()) clock.moveBy(java.time.Duration.ofDays(1));
			}
		}
		finally {
			clock.reset();
		}
		assertThat(mail).hasSize(1);
		assertThat(mail.get(0).getSubject()).doesNotContain("{milestone}").hasSizeGreaterThan("Milestone tercapai: ".length());
		assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail.get(0))).contains("Siti");
	}

	private List<MimeMessage> celebrations(String email) {
		return mailTo(email).stream().filter(m -> {
			try {
				return m.getSubject().startsWith("Milestone tercapai: ");
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}
}
