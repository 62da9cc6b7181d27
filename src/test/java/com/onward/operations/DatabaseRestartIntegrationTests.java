package com.onward.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.IntegrationTest;
import com.onward.messaging.Outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;

/**
 * PostgreSQL stops for 20 s and starts again while usage events are ingested, messages are queued
 * and delivered and a sweep is asked for. Meanwhile every request answers promptly — 503 with a
 * problem detail while the database is away, never a hang — and afterwards the application has
 * recovered by itself (schedules on, as in production): every acknowledged event is stored once,
 * every acknowledged message delivered once, and no event publication is left incomplete.
 */
@TestPropertySource(properties = { "onward.scheduling.enabled=true", "spring.mail.host=localhost",
		"spring.mail.port=3025", "onward.messaging.delivery-interval=500ms", "onward.messaging.delivery-initial-delay=0s",
		"onward.messaging.first-retry=1s", "onward.messaging.max-retry=2s", "onward.health.refresh-interval=2s",
		"onward.background.retry.interval=2s", "onward.background.retry.first-delay=1s",
		"onward.background.retry.max-delay=2s", "spring.modulith.events.staleness.check-interval=2s",
		"spring.modulith.events.staleness.processing=5s", "spring.modulith.events.staleness.published=20s",
		"spring.modulith.events.staleness.resubmitted=5s", "spring.datasource.hikari.connection-timeout=3000" })
class DatabaseRestartIntegrationTests extends IntegrationTest {

	static final Path DATA = Path.of("target/test-postgres-restart");
	static volatile EmbeddedPostgres postgres;
	static int pgPort;

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	/** A PostgreSQL of the test's own (not the app's embedded one), so the test can stop and start it. */
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		if (postgres == null) {
			deleteRecursively(DATA);
			postgres = start(0);
			pgPort = postgres.getPort();
		}
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + pgPort + "/postgres");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	static EmbeddedPostgres start(int port) throws IOException {
		var builder = EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false)
			.setServerConfig("max_connections", "100");
		if (port > 0) {
			builder.setPort(port);
		}
		return builder.start();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	record Answer(int status, String contentType, String body, long millis) {
	}

	@Test
	void theAppRidesOutADatabaseRestartAnswering503MeanwhileAndLosesOrRepeatsNothing() throws Exception {
		var account = post("/api/v1/contracts", contract(unique("restart"), "2026-01-05T09:00:00Z", 200, 20000, "en"));
		assertThat(account.status()).as(account.raw()).isEqualTo(201);
		String accountId = account.body().get("accountId").asString();
		String domain = unique("restart").toLowerCase() + ".example";

		var running = new AtomicBoolean(true);
		var ingestAnswers = Collections.synchronizedList(new ArrayList<Answer>());
		var ackedEvents = Collections.synchronizedList(new ArrayList<String>());
		var ackedMessages = Collections.synchronizedList(new ArrayList<String>());
		var refusedMessages = new AtomicInteger();
		Thread ingester = Thread.ofPlatform().start(() -> {
			int batch = 0;
			while (running.get()) {
				var ids = new ArrayList<String>();
				var events = new ArrayList<Map<String, Object>>();
				for (int i = 0; i < 50; i++) {
					String id = "restart-" + batch + "-" + i + "-" + UUID.randomUUID();
					ids.add(id);
					events.add(Map.of("id", id, "accountId", accountId, "userId", "u-" + i % 5, "type", "LOGIN",
							"occurredAt", Instant.now().minusSeconds(60).toString()));
				}
				Answer a = send("POST", "/api/v1/events", Map.of("events", events));
				ingestAnswers.add(a);
				if (a.status() == 202) {
					ackedEvents.addAll(ids);
				}
				batch++;
				pause(100);
			}
		});
		Thread messenger = Thread.ofPlatform().start(() -> {
			int n = 0;
			while (running.get()) {
				String key = "restart:" + domain + ":" + n;
				try {
					outbox.enqueue(key, "re-engagement", null, "user" + n + "@" + domain, "en",
							Map.of("contact", "User " + n, "account", "Restart Co", "csm", "Aminah"));
					ackedMessages.add(key);
				}
				catch (RuntimeException e) {
					refusedMessages.incrementAndGet();
				}
				n++;
				pause(200);
			}
		});

		pause(3000);
		assertThat(ackedEvents).as("ingestion works before the restart").isNotEmpty();
		postgres.close();
		Instant stopped = Instant.now();
		pause(2000);
		// While the database is away: prompt 503 problem details, for reads, a sweep and the UI's health.
		Answer read = send("GET", "/api/v1/accounts/" + accountId, null);
		Answer sweep = send("POST", "/api/v1/automation/sweeps", null);
		for (Answer a : List.of(read, sweep)) {
			assertThat(a.status()).as(a.body()).isEqualTo(503);
			assertThat(a.contentType()).startsWith("application/problem+json");
			assertThat(json.readTree(a.body()).get("status").asInt()).isEqualTo(503);
			assertThat(a.millis()).as("answered without hanging").isLessThan(10_000);
		}
		pause(Math.max(0, 20_000 - Duration.between(stopped, Instant.now()).toMillis()));
		postgres = start(pgPort);

		// Recovers by itself: requests succeed again within a few seconds.
		SmallPoolIntegrationTests.awaitSeconds(60, () -> send("GET", "/api/v1/accounts/" + accountId, null).status() == 200);
		int before = ackedEvents.size();
		SmallPoolIntegrationTests.awaitSeconds(30, () -> ackedEvents.size() > before);
		Answer sweepAfter = send("POST", "/api/v1/automation/sweeps", null);
		assertThat(sweepAfter.status()).as(sweepAfter.body()).isEqualTo(200);
		pause(2000);
		running.set(false);
		ingester.join();
		messenger.join();

		// Nothing hung: every ingestion call was answered, 202 or 503, within the pool's wait and a margin.
		assertThat(ingestAnswers).extracting(Answer::status).containsOnly(202, 503).contains(503);
		assertThat(ingestAnswers.stream().max(Comparator.comparingLong(Answer::millis)).orElseThrow().millis())
			.as("slowest ingestion answer").isLessThan(15_000);
		assertThat(refusedMessages.get()).as("messages refused while the database was away").isPositive();

		// Every acknowledged event stored exactly once.
		jdbc.sql("create temporary table acked (event_id text)").update();
		try {
			for (int i = 0; i < ackedEvents.size(); i += 5000) {
				jdbc.sql("insert into acked select unnest(cast(:ids as text[]))")
					.param("ids", ackedEvents.subList(i, Math.min(ackedEvents.size(), i + 5000)).toArray(String[]::new)).update();
			}
		}
		catch (RuntimeException e) {
			throw e;
		}
		assertThat(jdbc.sql("""
				select count(*) from (select distinct event_id from usage_event where event_id in (select event_id from acked)) s""")
			.query(Long.class).single()).isEqualTo(ackedEvents.size());
		assertThat(jdbc.sql("""
				select count(*) - count(distinct event_id) from usage_event where event_id like 'restart-%'""")
			.query(Long.class).single()).as("duplicates").isZero();

		// Every acknowledged message delivered, none twice; no event publication left behind.
		SmallPoolIntegrationTests.awaitSeconds(90, () -> received(domain).size() >= ackedMessages.size()
				&& jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class)
					.single() == 0);
		pause(2000);
		List<String> recipients = received(domain);
		assertThat(new HashSet<>(recipients)).as("distinct recipients").hasSize(recipients.size());
		assertThat(recipients).hasSize(ackedMessages.size());
		assertThat(jdbc.sql("select count(*) from outbox_message where uniqueness_key like :k and status <> 'SENT'")
			.param("k", "restart:" + domain + ":%").query(Long.class).single()).isZero();
	}

	private List<String> received(String domain) {
		var out = new ArrayList<String>();
		for (MimeMessage m : smtp.getReceivedMessages()) {
			try {
				String to = m.getAllRecipients()[0].toString();
				if (to.endsWith("@" + domain)) {
					out.add(to + " " + m.getMessageID());
				}
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}
		return out;
	}

	private Answer send(String method, String path, Object body) {
		long t0 = System.nanoTime();
		try {
			var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), (System.nanoTime() - t0) / 1_000_000);
		}
		catch (IOException e) {
			return new Answer(-1, "", e.toString(), (System.nanoTime() - t0) / 1_000_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}
}
