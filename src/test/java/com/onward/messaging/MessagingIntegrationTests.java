package com.onward.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
import com.onward.IntegrationTest;

import jakarta.mail.internet.MimeMessage;

/**
 * The outbox against a real SMTP server (GreenMail): the welcome email in the account's language,
 * exactly once; SMTP down → pending and retried; back up → sent once. Its own context and database.
 */
@MailIntegrationTest
class MessagingIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	private UUID signContract(String externalId, String language, String email) {
		var account = new LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", "Mitra " + externalId);
		account.put("employees", 40);
		account.put("acv", Map.of("amount", 5000, "currency", "USD"));
		account.put("productType", "DAILY");
		account.put("language", language);
		account.put("contacts", List.of(Map.of("name", "Siti Rahma", "email", email, "role", "PROJECT_LEAD")));
		var r = post("/api/v1/contracts", Map.of("externalId", externalId, "signedAt", "2026-11-20T09:00:00Z", "account", account));
		assertThat(r.status()).isIn(200, 201);
		return UUID.fromString(r.body().get("accountId").asString());
	}

	private long queued(UUID account) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			long n = jdbc.sql("select count(*) from outbox_message where account_id = :a and template = 'welcome'").param("a", account)
				.query(Long.class).single();
			if (n > 0) return n;
			Thread.sleep(50);
		}
		return 0;
	}

	/**
	 * Delivers until the account's messages are all sent. A transient SMTP hiccup is retried (first retry
	 * after 0 s here), which is the behaviour under test elsewhere; the state is in the failure text.
	 */
	private void deliverUntilSent(UUID account) throws InterruptedException {
		for (int round = 0; round < 5; round++) {
			delivery.deliverDue();
			if (jdbc.sql("select count(*) from outbox_message where account_id = :a and channel = 'EMAIL' and status <> 'SENT'").param("a", account)
				.query(Long.class).single() == 0) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select status || ' after ' || attempts || ': ' || coalesce(last_error, '') from outbox_message where account_id = :a and channel = 'EMAIL'")
			.param("a", account).query(String.class).list()).as("outbox state").allMatch(s -> s.startsWith("SENT"));
	}

	private static String subject(MimeMessage m) {
		try {
			return m.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The account's one welcome message as the API shows it. */
	private tools.jackson.databind.JsonNode welcome(UUID account) {
		var items = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
		get("/api/v1/messages?accountId=" + account).body().get("items").forEach(items::add);
		var welcomes = items.stream().filter(m -> m.get("template").asString().equals("welcome")).toList();
		assertThat(welcomes).hasSize(1);
		return welcomes.get(0);
	}

	@Test
	void aSignedContractSendsTheWelcomeEmailInTheAccountsLanguageExactlyOnce() throws Exception {
		String externalId = unique("opp");
		String email = externalId + "@mitra.example";
		UUID account = signContract(externalId, "id", email);
		assertThat(queued(account)).isEqualTo(1);
		signContract(externalId, "id", email); // the CRM sends the contract again: no second welcome
		Thread.sleep(300);
		deliverUntilSent(account);
		assertThat(delivery.deliverDue().sent()).isZero();

		MimeMessage[] received = smtp.getReceivedMessagesForDomain("mitra.example");
		var mine = java.util.Arrays.stream(received).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
		// The welcome and the kickoff invite, once each, in Bahasa Indonesia.
		assertThat(mine).hasSize(2);
		var welcomeMail = mine.stream().filter(m -> subject(m).startsWith("Selamat datang")).findFirst().orElseThrow();
		assertThat(welcomeMail.getSubject()).isEqualTo("Selamat datang di Onward, Mitra " + externalId + "!");
		assertThat(welcomeMail.getContent().toString()).contains("Halo Siti Rahma");
		assertThat(welcomeMail.getMessageID()).endsWith("@onward>");

		var invite = mine.stream().filter(m -> subject(m).startsWith("Kickoff dikonfirmasi")).findFirst().orElseThrow();
		var multipart = (jakarta.mail.internet.MimeMultipart) invite.getContent();
		String ics = null;
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.getFileName() != null && part.getFileName().endsWith(".ics")) {
				assertThat(part.getContentType()).startsWith("text/calendar");
				ics = new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		assertThat(ics).as("the .ics attachment").isNotNull();
		// A valid iCalendar: parsed by a library, one VEVENT with a start, a duration and the contact invited.
		var calendar = biweekly.Biweekly.parse(ics).first();
		assertThat(calendar).isNotNull();
		assertThat(calendar.getMethod().getValue()).isEqualTo("REQUEST");
		assertThat(calendar.getEvents()).hasSize(1);
		var event = calendar.getEvents().get(0);
		assertThat(event.getDateStart().getValue()).isAfter(java.util.Date.from(java.time.Instant.parse("2026-11-20T09:00:00Z")));
		assertThat(event.getDuration().getValue().toMillis()).isEqualTo(60 * 60 * 1000L);
		assertThat(event.getAttendees()).extracting(a -> a.getEmail()).containsExactly(email);
		assertThat(event.getSummary().getValue()).startsWith("Kickoff dikonfirmasi");

		var welcome = welcome(account);
		assertThat(welcome.get("status").asString()).isEqualTo("SENT");
		assertThat(welcome.get("sentAt")).isNotNull();
	}

	@Test
	void smtpDownKeepsTheMessagePendingAndRetriesThenSendsItOnce() throws Exception {
		smtp.stop();
		String externalId = unique("opp");
		String email = externalId + "@retry.example";
		UUID account = signContract(externalId, "ms", email);
		assertThat(queued(account)).isEqualTo(1);
		Delivery.Round down = delivery.deliverDue();
		assertThat(down.retried()).isGreaterThanOrEqualTo(1);
		var pending = welcome(account);
		assertThat(pending.get("status").asString()).isEqualTo("PENDING");
		assertThat(pending.get("attempts").asInt()).isEqualTo(1);
		assertThat(pending.get("lastError").asString()).isNotBlank();

		smtp.start();
		deliverUntilSent(account);
		assertThat(delivery.deliverDue().sent()).isZero();
		var welcomes = java.util.Arrays.stream(smtp.getReceivedMessagesForDomain("retry.example"))
			.filter(m -> subject(m).startsWith("Selamat datang")).toList();
		assertThat(welcomes).hasSize(1);
		assertThat(welcomes.get(0).getSubject()).isEqualTo("Selamat datang ke Onward, Mitra " + externalId + "!");
		assertThat(welcome(account).get("status").asString()).isEqualTo("SENT");
	}

	@Autowired
	Outbox outbox;

	@Test
	void theUnsubscribeLinkIsHonouredByLaterSends() throws Exception {
		String externalId = unique("opp");
		String email = externalId + "@unsub.example";
		UUID account = signContract(externalId, "en", email);
		assertThat(queued(account)).isEqualTo(1);
		// A second message is queued before the customer unsubscribes.
		assertThat(outbox.enqueue("test:" + externalId, "weekly-check-in", account, email, "en",
				Map.of("contact", "Siti", "account", "Mitra"))).isTrue();
		String body = welcome(account).get("body").asString();
		var matcher = java.util.regex.Pattern.compile("(/unsubscribe\\?t=\\S+)").matcher(body);
		assertThat(matcher.find()).as(body).isTrue();
		String path = matcher.group(1);

		var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		var page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(email);
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String token = path.substring(path.indexOf("t=") + 2);
		var done = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/unsubscribe"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("t=" + token + "&_csrf="
					+ java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))).build(),
			java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("will receive no more");

		// Later sends are not queued; what was queued before is not delivered.
		assertThat(outbox.enqueue("test2:" + externalId, "weekly-check-in", account, email, "en", Map.of())).isFalse();
		delivery.deliverDue();
		assertThat(java.util.Arrays.stream(smtp.getReceivedMessagesForDomain("unsub.example")).map(MessagingIntegrationTests::subject)
			.toList()).as("delivered to the unsubscribed address; outbox: %s; unsubscribed: %s",
				jdbc.sql("select template || ' ' || status || ' ' || audience || ' ' || recipient || ' created ' || created_at || ' sent ' || coalesce(cast(sent_at as text), '-') from outbox_message where recipient like '%unsub.example'").query(String.class).list(),
				jdbc.sql("select email || ' ' || unsubscribed_at from unsubscribe where email like '%unsub.example'").query(String.class).list())
			.isEmpty();
		var statuses = get("/api/v1/messages?accountId=" + account).body().get("items").findValuesAsString("status");
		assertThat(statuses).containsOnly("FAILED");
		// A forged or broken token changes nothing.
		var forged = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				"http://localhost:" + port + "/unsubscribe?t=" + token.substring(0, token.indexOf('.')) + ".beef")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(400);
	}

	@Test
	void templatesPreviewInEveryLanguageAndBadInputIsNamed() {
		for (String template : Outbox.TEMPLATES) {
			for (String language : List.of("en", "id", "ms")) {
				var preview = get("/api/v1/message-templates/" + template + "/preview?language=" + language).body();
				assertThat(preview.get("subject").asString()).isNotBlank().doesNotContain("{", "template.");
				assertThat(preview.get("body").asString()).isNotBlank().doesNotContain("{");
			}
		}
		assertProblem(get("/api/v1/message-templates/nope/preview"), 400, "template");
		assertProblem(get("/api/v1/message-templates/welcome/preview?language=fr"), 400, "language");
	}
}
