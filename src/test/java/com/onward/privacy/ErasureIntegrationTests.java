package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.identity.StaffRole;
import com.onward.testing.CatalogueScan;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Erasing a person leaves no trace: after the erasure, a scan of every text, JSON, bytea and uuid
 * column of every table finds neither their address nor their product user id, and the account's
 * adoption figures are what they were.
 */
class ErasureIntegrationTests extends PrivacyTestSupport {

	@Test
	void erasureLeavesNoTraceAndKeepsTheAdoptionFigures() throws Exception {
		String email = unique("siti") + "@erase.example";
		String userId = unique("product-user");
		LocalDate signed = LocalDate.now().minusDays(3);
		UUID account = account(25, "DAILY", signed, 300, 40000, contacts(email));
		// Welcome and kickoff invite (with its calendar) on signature.
		await(() -> count("select count(*) from outbox_message where lower(recipient) = :x", email) >= 2);
		answerKickoffSurvey(account, 3, "Slow start; write to " + email + " not to the team");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		sendOk(List.of(event(account, userId, "LOGIN", now.minusSeconds(3600)),
				feature(account, userId, "reports", now.minusSeconds(3000)),
				event(account, "colleague-of-siti", "LOGIN", now.minusSeconds(2000)),
				event(account, email, "LOGIN", now.minusSeconds(1000))));
		// A note on a plan item naming the contact (structured: the item's notes).
		UUID project = projectOf(account);
		String item = get("/api/v1/projects/" + project).body().get("phases").get(0).get("items").get(1).get("id").asString();
		var noted = call("PATCH", "/api/v1/projects/" + project + "/items/" + item, Map.of("notes", "Agreed with " + email));
		assertThat(noted.status()).as(noted.raw()).isEqualTo(200);
		deliverAll();
		awaitListeners(email);
		awaitListeners(userId);

		// Today the person is everywhere: the contact, the outbox with its calendar, the survey, usage, events.
		assertThat(smtp.getReceivedMessagesForDomain(email)).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
			.contains(email);
		assertThat(smtp.getReceivedMessagesForDomain(email)).anySatisfy(m -> assertThat(contentTypes((MimeMessage) m)).contains("text/calendar"));
		assertThat(CatalogueScan.find(jdbc, email)).extracting(CatalogueScan.Hit::table)
			.contains("contact", "outbox_message", "survey_request", "event_publication", "project_item", "usage_user");
		assertThat(CatalogueScan.find(jdbc, email).stream().filter(h -> h.table().equals("outbox_message")).map(h -> h.column()))
			.contains("recipient", "calendar");
		assertThat(CatalogueScan.find(jdbc, userId)).extracting(CatalogueScan.Hit::table)
			.contains("usage_event", "usage_user_day", "usage_user", "event_publication");
		var before = get("/api/v1/accounts/" + account + "/adoption").body();
		var usersBefore = get("/api/v1/accounts/" + account + "/adoption/users").body();
		long surveys = count("select count(*) from survey_request where account_id = :x and score = 3", account);
		long messages = count("select count(*) from outbox_message where account_id = :x", account);

		var byEmail = post("/api/v1/privacy/erasures", Map.of("email", email.toUpperCase(), "reason", "Asked by " + email));
		assertThat(byEmail.status()).as(byEmail.raw()).isEqualTo(200);
		assertThat(byEmail.body().get("found").asBoolean()).isTrue();
		assertThat(byEmail.body().get("kind").asString()).isEqualTo("ERASURE");
		assertThat(changes(byEmail, "stakeholder").get("contact").asLong()).isEqualTo(1);
		assertThat(changes(byEmail, "messaging").get("outbox_message.recipient").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(changes(byEmail, "survey").get("survey_request.recipient").asLong()).isEqualTo(1);
		assertThat(changes(byEmail, "usage").get("usage_user").asLong()).isEqualTo(1);
		assertThat(byEmail.raw()).doesNotContainIgnoringCase(email);

		var byUser = post("/api/v1/privacy/erasures", Map.of("accountId", account, "userId", userId, "reason", "Product user asked"));
		assertThat(byUser.status()).as(byUser.raw()).isEqualTo(200);
		assertThat(changes(byUser, "usage").get("usage_event").asLong()).isEqualTo(2);
		assertThat(changes(byUser, "usage").get("usage_user").asLong()).isEqualTo(1);

		assertThat(CatalogueScan.find(jdbc, email)).as("columns still holding the address").isEmpty();
		assertThat(CatalogueScan.find(jdbc, userId)).as("columns still holding the user id").isEmpty();
		assertThat(CatalogueScan.find(jdbc, phoneOf(email))).as("the phone number").isEmpty();

		// The figures are what they were: the users are pseudonyms now, the counts the same.
		var after = get("/api/v1/accounts/" + account + "/adoption").body();
		// (usageCountedThrough is the time of reading: nothing was left uncounted either time.)
		((tools.jackson.databind.node.ObjectNode) after).remove("usageCountedThrough");
		((tools.jackson.databind.node.ObjectNode) before).remove("usageCountedThrough");
		assertThat(after).isEqualTo(before);
		var usersAfter = get("/api/v1/accounts/" + account + "/adoption/users").body();
		assertThat(usersAfter).isEqualTo(usersBefore);
		assertThat(jdbc.sql("select user_id from usage_user where account_id = :a order by user_id").param("a", account)
			.query(String.class).list()).hasSize(3).contains("colleague-of-siti").filteredOn(u -> u.startsWith("erased-")).hasSize(2);
		assertThat(count("select count(*) from survey_request where account_id = :x and score = 3", account)).isEqualTo(surveys);
		assertThat(count("select count(*) from outbox_message where account_id = :x", account)).isEqualTo(messages);

		// Idempotent: nothing left to find.
		var again = post("/api/v1/privacy/erasures", Map.of("email", email, "reason", "Asked again"));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().get("found").asBoolean()).isFalse();
		var againUser = post("/api/v1/privacy/erasures", Map.of("accountId", account, "userId", userId, "reason", "Again"));
		assertThat(againUser.body().get("found").asBoolean()).isFalse();

		// Audited with who and why, without the address.
		var audit = jdbc.sql("select actor, detail from audit_log where action = 'PERSON_ERASED' and entity_id = :id")
			.param("id", byEmail.body().get("id").asString()).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).single();
		assertThat(audit).isEqualTo("bootstrap-admin|Asked by [erased]");
	}

	@Test
	void anUnknownPersonGetsANothingFoundReport() {
		var r = post("/api/v1/privacy/erasures", Map.of("email", unique("nobody") + "@nowhere.example", "reason", "Asked"));
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("found").asBoolean()).isFalse();
		assertThat(r.body().get("modules").findValues("changes")).allSatisfy(c -> assertThat(c.isEmpty()).isTrue());
		assertThat(r.body().get("modules").findValuesAsString("module")).contains("stakeholder", "messaging", "usage", "survey",
				"events", "account");
	}

	@Test
	void badRequestsNameTheFieldAndOnlyAdminsMayErase() {
		assertProblem(post("/api/v1/privacy/erasures", Map.of("email", "a@b.example")), 400, "reason");
		assertProblem(post("/api/v1/privacy/erasures", Map.of("reason", "why")), 400, "email");
		assertProblem(post("/api/v1/privacy/erasures", Map.of("email", "not-an-address", "reason", "why")), 400, "email");
		assertProblem(post("/api/v1/privacy/erasures", Map.of("userId", "u-123456", "reason", "why")), 400, "accountId");
		assertProblem(post("/api/v1/privacy/erasures", Map.of("accountId", "nope", "userId", "u", "reason", "why")), 400, "accountId");
		var manager = call("POST", "/api/v1/privacy/erasures", Map.of("email", "a@b.example", "reason", "why"),
				token(StaffRole.CS_MANAGER));
		assertThat(manager.status()).isEqualTo(403);
		assertThat(call("GET", "/api/v1/privacy/requests", null, token(StaffRole.VIEWER)).status()).isEqualTo(403);
	}

	private static tools.jackson.databind.JsonNode changes(Response r, String module) {
		for (var m : r.body().get("modules")) {
			if (m.get("module").asString().equals(module)) return m.get("changes");
		}
		throw new AssertionError("no module " + module + " in " + r.raw());
	}

	private static String contentTypes(MimeMessage m) {
		try {
			var out = new java.io.ByteArrayOutputStream();
			m.writeTo(out);
			return out.toString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
