package com.onward.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.health.Health;
import com.onward.testing.Scenarios;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

class SupportTicketsIntegrationTests extends UsageTestSupport {

	@Autowired
	Scenarios scenarios;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Health health;

	private final HttpClient http = HttpClient.newHttpClient();
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private String ingestToken() {
		Response created = post("/api/v1/admin/tokens", Map.of("name", unique("helpdesk"), "scope", "INGEST"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.body().get("token").asString();
	}

	private String externalIdOf(UUID account) {
		return get("/api/v1/accounts/" + account).body().get("externalId").asString();
	}

	private long stored(UUID account) {
		return jdbc.sql("select count(*) from support_ticket where account_id = :a").param("a", account)
			.query(Long.class).single();
	}

	private static Map<String, Object> ticket(String id, UUID account, String category, String status, Instant created,
			Instant updated) {
		var t = new LinkedHashMap<String, Object>();
		t.put("externalId", id);
		t.put("accountId", account.toString());
		t.put("requesterEmail", "it@acme.example");
		t.put("subject", "Ticket " + id);
		t.put("category", category);
		t.put("priority", "high");
		t.put("status", status);
		t.put("createdAt", created.toString());
		t.put("updatedAt", updated.toString());
		return t;
	}

	private Response raw(String path, String token, String body, Map<String, String> headers) throws Exception {
		var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(b::header);
		HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()), r.body());
	}

	@Test
	void batchesAreIdempotentOnExternalIdAndALaterUpdateWins() {
		UUID account = scenarios.smbAccount().seats(10).onDay(10).sign().accountId();
		String a = unique("t");
		String b = unique("t");
		Instant t0 = now.minus(3, ChronoUnit.DAYS);
		Response first = call("POST", "/api/v1/tickets", Map.of("tickets", List.of(
				ticket(a, account, "technical", "open", t0, t0),
				ticket(b, account, "how-to", "open", t0, t0))), ingestToken());
		assertThat(first.status()).as(first.raw()).isEqualTo(202);
		assertThat(first.body().get("created").asInt()).isEqualTo(2);

		// The same batch again changes nothing; a later update wins, an older one is ignored.
		Response again = post("/api/v1/tickets", Map.of("tickets", List.of(ticket(a, account, "technical", "open", t0, t0))));
		assertThat(again.body().get("unchanged").asInt()).isEqualTo(1);
		Response solved = post("/api/v1/tickets", Map.of("tickets", List.of(
				ticket(a, account, "technical", "solved", t0, t0.plus(1, ChronoUnit.DAYS)))));
		assertThat(solved.body().get("updated").asInt()).isEqualTo(1);
		Response stale = post("/api/v1/tickets", Map.of("tickets", List.of(
				ticket(a, account, "technical", "open", t0, t0.plus(2, ChronoUnit.HOURS)))));
		assertThat(stale.body().get("unchanged").asInt()).isEqualTo(1);
		JsonNode list = get("/api/v1/accounts/" + account + "/tickets").body();
		assertThat(list.size()).isEqualTo(2);
		for (JsonNode t : list) {
			if (t.get("externalId").asString().equals(a)) {
				assertThat(t.get("status").asString()).isEqualTo("SOLVED");
				assertThat(t.get("solvedAt").asString()).isEqualTo(t0.plus(1, ChronoUnit.DAYS).toString());
			}
			else {
				assertThat(t.get("category").asString()).isEqualTo("HOW_TO");
			}
		}
	}

	@Test
	void aBadTicketRejectsTheBatchNamingTheFieldAndStoresNothing() {
		UUID account = scenarios.smbAccount().seats(10).onDay(10).sign().accountId();
		var bad = ticket(unique("t"), account, "complaint", "open", now, now);
		Response r = post("/api/v1/tickets", Map.of("tickets", List.of(ticket(unique("t"), account, "billing", "open", now, now), bad)));
		assertProblem(r, 400, "tickets[1].category");
		var unknown = ticket(unique("t"), UUID.randomUUID(), "billing", "open", now, now);
		assertProblem(post("/api/v1/tickets", Map.of("tickets", List.of(unknown))), 400, "tickets[0].accountId");
		var noSubject = ticket(unique("t"), account, "billing", "open", now, now);
		noSubject.remove("subject");
		assertProblem(post("/api/v1/tickets", Map.of("tickets", List.of(noSubject))), 400, "tickets[0].subject");
		assertProblem(post("/api/v1/tickets", Map.of("nothing", 1)), 400, "tickets");
		assertThat(stored(account)).isZero();
	}

	@Test
	void zendeskWebhooksAreVerifiedAndCreateAndUpdateTickets() throws Exception {
		UUID account = scenarios.smbAccount().seats(10).onDay(10).sign().accountId();
		String secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
		assertThat(call("PUT", "/api/v1/admin/integrations/zendesk", Map.of("signingSecret", secret)).status()).isEqualTo(204);
		String token = ingestToken();
		String id = String.valueOf(System.nanoTime() % 1_000_000_000L);
		// A trigger webhook body built from Zendesk's ticket placeholders (docs/integrations.md).
		String created = """
				{"ticket": {"id": "%s", "subject": "SSO login fails for every user", "status": "Open", "priority": "High",
				  "type": "Problem", "tags": "sso vip", "requester_email": "it@acme.example",
				  "organization_external_id": "%s", "created_at": "%s", "updated_at": "%s", "solved_at": ""}}"""
			.formatted(id, externalIdOf(account), now.minus(2, ChronoUnit.HOURS), now.minus(2, ChronoUnit.HOURS));
		String timestamp = now.toString();
		Response r = raw("/api/v1/integrations/zendesk/tickets", token, created, signed(secret, timestamp, created));
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
		assertThat(r.body().get("created").asInt()).isEqualTo(1);
		String pending = created.replace("\"Open\"", "\"Pending\"").replace("\"updated_at\": \"" + now.minus(2, ChronoUnit.HOURS),
				"\"updated_at\": \"" + now.minus(1, ChronoUnit.HOURS));
		r = raw("/api/v1/integrations/zendesk/tickets", token, pending, signed(secret, timestamp, pending));
		assertThat(r.body().get("updated").asInt()).as(r.raw()).isEqualTo(1);
		JsonNode t = get("/api/v1/accounts/" + account + "/tickets").body().get(0);
		assertThat(t.get("source").asString()).isEqualTo("ZENDESK");
		assertThat(t.get("status").asString()).isEqualTo("PENDING_CUSTOMER");
		assertThat(t.get("category").asString()).isEqualTo("TECHNICAL");
		assertThat(t.get("priority").asString()).isEqualTo("HIGH");
		assertThat(t.get("pendingSince").asString()).isEqualTo(now.minus(1, ChronoUnit.HOURS).toString());

		// A wrong signature, or none: 401 and nothing stored.
		String other = created.replace(id, id + "9");
		Response forged = raw("/api/v1/integrations/zendesk/tickets", token, other, signed("wrong", timestamp, other));
		assertThat(forged.status()).isEqualTo(401);
		Response tampered = raw("/api/v1/integrations/zendesk/tickets", token, other, signed(secret, timestamp, created));
		// A correctly signed delivery captured an hour ago cannot be replayed.
		String old = now.minus(1, ChronoUnit.HOURS).toString();
		assertThat(raw("/api/v1/integrations/zendesk/tickets", token, other, signed(secret, old, other)).status()).isEqualTo(401);
		assertThat(tampered.status()).isEqualTo(401);
		assertThat(raw("/api/v1/integrations/zendesk/tickets", token, other, Map.of()).status()).isEqualTo(401);
		assertThat(stored(account)).isEqualTo(1);
		// An unknown organization names Zendesk's field.
		String unknown = other.replace(externalIdOf(account), "no-such-org");
		Response bad = raw("/api/v1/integrations/zendesk/tickets", token, unknown, signed(secret, timestamp, unknown));
		assertProblem(bad, 400, "ticket.organization_external_id");
		JsonNode deliveries = get("/api/v1/admin/integrations/zendesk/deliveries").body();
		assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(400);
		assertThat(deliveries.findValuesAsString("status").subList(0, 6)).containsExactly("400", "401", "401", "401", "401", "202");
	}

	@Test
	void freshdeskWebhooksUseTheSharedSecret() throws Exception {
		UUID account = scenarios.smbAccount().seats(10).onDay(10).sign().accountId();
		Response generated = post("/api/v1/admin/integrations/freshdesk/secret", null);
		assertThat(generated.status()).isEqualTo(201);
		String secret = generated.body().get("secret").asString();
		String token = ingestToken();
		String id = String.valueOf(System.nanoTime() % 1_000_000_000L);
		// Freshdesk's automation webhook with its placeholders ({{ticket.id}}, {{ticket.status}}, ...).
		String body = """
				{"freshdesk_webhook": {"ticket_id": %s, "ticket_subject": "How do I export a report?",
				  "ticket_status": "Waiting on Customer", "ticket_priority": "Medium", "ticket_type": "Question",
				  "ticket_contact_email": "ana@acme.example", "onward_account": "%s",
				  "ticket_created_at": "%s", "ticket_updated_at": "%s"}}"""
			.formatted(id, account, now.minus(1, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
		Response r = raw("/api/v1/integrations/freshdesk/tickets", token, body, Map.of("X-Onward-Webhook-Secret", secret));
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
		JsonNode t = get("/api/v1/accounts/" + account + "/tickets").body().get(0);
		assertThat(t.get("source").asString()).isEqualTo("FRESHDESK");
		assertThat(t.get("category").asString()).isEqualTo("HOW_TO");
		assertThat(t.get("status").asString()).isEqualTo("PENDING_CUSTOMER");
		assertThat(t.get("priority").asString()).isEqualTo("NORMAL");
		String resolved = body.replace("Waiting on Customer", "Resolved").replace(
				"\"ticket_updated_at\": \"" + now.minus(1, ChronoUnit.DAYS), "\"ticket_updated_at\": \"" + now);
		assertThat(raw("/api/v1/integrations/freshdesk/tickets", token, resolved,
				Map.of("X-Onward-Webhook-Secret", secret)).body().get("updated").asInt()).isEqualTo(1);
		assertThat(get("/api/v1/accounts/" + account + "/tickets").body().get(0).get("status").asString()).isEqualTo("SOLVED");

		String another = body.replace("\"ticket_id\": " + id, "\"ticket_id\": " + id + "1");
		assertThat(raw("/api/v1/integrations/freshdesk/tickets", token, another,
				Map.of("X-Onward-Webhook-Secret", secret + "x")).status()).isEqualTo(401);
		assertThat(raw("/api/v1/integrations/freshdesk/tickets", token, another, Map.of()).status()).isEqualTo(401);
		// A staff token without admin role is not a receiver token.
		String csm = post("/api/v1/admin/tokens", Map.of("name", unique("csm"), "role", "CSM")).body().get("token").asString();
		assertThat(raw("/api/v1/integrations/freshdesk/tickets", csm, another,
				Map.of("X-Onward-Webhook-Secret", secret)).status()).isEqualTo(403);
		assertThat(stored(account)).isEqualTo(1);
	}

	@Test
	void supportLoadAndBothTicketFlagsAppearAndClearWithKnownData() {
		UUID account = scenarios.smbAccount().seats(10).onDay(20).sign().accountId();
		health.recompute(List.of(account));
		JsonNode before = support(get("/api/v1/accounts/" + account + "/health").body());
		assertThat(before.get("noData").asBoolean()).isTrue();

		// One technical ticket the week before, three this week (one of them waiting on the customer for 6 days).
		String p1 = unique("t"), w1 = unique("t"), w2 = unique("t"), w3 = unique("t");
		Instant lastWeek = now.minus(10, ChronoUnit.DAYS);
		Instant sixDaysAgo = now.minus(6, ChronoUnit.DAYS);
		sendTickets(List.of(ticket(p1, account, "technical", "solved", lastWeek, lastWeek.plus(1, ChronoUnit.DAYS)),
				ticket(w1, account, "technical", "pending", sixDaysAgo, sixDaysAgo),
				ticket(w2, account, "technical", "open", now.minus(2, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS)),
				ticket(w3, account, "technical", "open", now.minus(1, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS))));
		health.recompute(List.of(account));
		JsonNode h = get("/api/v1/accounts/" + account + "/health").body();
		JsonNode s = support(h);
		assertThat(s.get("inputs").get("ticketsLastWeek").asInt()).isEqualTo(3);
		assertThat(s.get("inputs").get("weeklyTarget").asInt()).isEqualTo(10); // day 20 < day 60
		assertThat(s.get("inputs").get("technical28Days").asInt()).isEqualTo(4);
		assertThat(s.get("inputs").get("oldestOpenDays").asInt()).isEqualTo(6);
		// volume 100 (3 < 10), technical share 100 % → 0, oldest open 6 days → 100: (100 + 0 + 100) / 3
		assertThat(s.get("score").asInt()).isEqualTo(67);
		assertThat(s.get("explanation").asString()).contains("3 ticket(s) in the last 7 days", "100% technical");
		assertThat(s.get("toRaise").asString()).contains("100% of recent tickets are technical");
		List<String> flags = h.get("redFlags").findValuesAsString("code");
		assertThat(flags).contains("TECHNICAL_ISSUES_GROWING", "IT_UNRESPONSIVE");
		for (JsonNode f : h.get("redFlags")) {
			if (f.get("code").asString().equals("IT_UNRESPONSIVE")) {
				assertThat(f.get("evidence").asString()).contains("1 technical ticket(s)", "more than 5 days", "6 days");
			}
			if (f.get("code").asString().equals("TECHNICAL_ISSUES_GROWING")) {
				assertThat(f.get("evidence").asString()).contains("3 technical", "from 1");
			}
		}

		// The customer's IT answers, and two tickets are re-triaged as how-to questions: both flags clear.
		sendTickets(List.of(ticket(w1, account, "technical", "open", sixDaysAgo, now.minusSeconds(60)),
				ticket(w2, account, "how-to", "open", now.minus(2, ChronoUnit.DAYS), now.minusSeconds(60)),
				ticket(w3, account, "how-to", "open", now.minus(1, ChronoUnit.DAYS), now.minusSeconds(60))));
		health.recompute(List.of(account));
		JsonNode after = get("/api/v1/accounts/" + account + "/health").body();
		assertThat(after.get("redFlags").findValuesAsString("code")).doesNotContain("TECHNICAL_ISSUES_GROWING",
				"IT_UNRESPONSIVE");
		assertThat(support(after).get("inputs").get("technical28Days").asInt()).isEqualTo(2);
	}

	private void sendTickets(List<Map<String, Object>> tickets) {
		Response r = post("/api/v1/tickets", Map.of("tickets", tickets));
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
	}

	private static JsonNode support(JsonNode health) {
		for (JsonNode c : health.get("components")) {
			if (c.get("name").asString().equals("support")) return c;
		}
		throw new AssertionError("no support component");
	}

	private static Map<String, String> signed(String secret, String timestamp, String body) throws Exception {
		var mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
		return Map.of("X-Zendesk-Webhook-Signature", Base64.getEncoder().encodeToString(mac.doFinal()),
				"X-Zendesk-Webhook-Signature-Timestamp", timestamp);
	}
}
