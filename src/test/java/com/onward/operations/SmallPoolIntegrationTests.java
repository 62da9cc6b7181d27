package com.onward.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.onward.IntegrationTest;

/**
 * A recompute that raises flags for thousands of accounts at once on a deliberately small pool
 * (4 connections: 1 listener thread, 1 on the bulk lane, 1 for schedules, 1 kept for web requests): it succeeds, web
 * requests made meanwhile answer in their usual time, and every listener's effect (the CSM's notice
 * per flag, the at-risk task per account turning red) exists exactly once. A listener that fails is
 * retried and its effect then exists once too.
 */
@TestPropertySource(properties = { "onward.embedded-db.max-pool-size=4",
		"onward.embedded-db.data-dir=target/test-postgres-small-pool", "onward.background.listener-threads=1",
		"onward.background.scheduler-threads=1", "onward.background.web-reserved-connections=1",
		"onward.background.retry.first-delay=1s" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallPoolIntegrationTests extends IntegrationTest {

	static final int ACCOUNTS = 3000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	BackgroundWorkConfiguration background;

	@Test
	@Order(1)
	void aBulkRecomputeOnFourConnectionsSucceedsKeepsTheApiFastAndNotifiesEachFlagOnce() throws Exception {
		assertThat(background.threadPool().getMaximumPoolSize()).isEqualTo(1);
		assertThat(background.load()[0]).as("threads of both lanes").isEqualTo(2);
		UUID csm = csm();
		var created = post("/api/v1/contracts", contract(unique("tpl"), "2026-01-05T09:00:00Z", 200, 20000, "en"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		BulkData.generate(dataSource, ACCOUNTS, UUID.fromString(created.body().get("projectId").asString()));
		jdbc.sql("update account set owner_csm_id = :m").param("m", csm).update();
		List<UUID> ids = jdbc.sql("select id from account order by id limit 200").query(UUID.class).list();

		List<Long> before = probe(ids, 20);
		var latencies = Collections.synchronizedList(new ArrayList<Long>());
		var statuses = Collections.synchronizedList(new ArrayList<Integer>());
		var running = new AtomicBoolean(true);
		Thread prober = Thread.ofPlatform().start(() -> {
			int i = 0;
			while (running.get()) {
				long t0 = System.nanoTime();
				statuses.add(get("/api/v1/accounts/" + ids.get(i++ % ids.size())).status());
				latencies.add((System.nanoTime() - t0) / 1_000_000);
			}
		});
		var recompute = post("/api/v1/health/recompute", null);
		// Keep probing while the listeners work through the chunks.
		awaitSeconds(180, () -> incomplete() == 0);
		running.set(false);
		prober.join();

		assertThat(recompute.status()).as(recompute.raw()).isEqualTo(200);
		assertThat(recompute.body().get("accounts").asInt()).isGreaterThanOrEqualTo(ACCOUNTS);
		long flags = count("select count(*) from red_flag where source = 'HEALTH'");
		assertThat(flags).as("flags raised").isGreaterThan(ACCOUNTS);
		assertThat(statuses).as("web requests during the recompute").isNotEmpty().allMatch(s -> s == 200);
		long p95 = percentile(latencies, 0.95);
		long usual = percentile(before, 0.5);
		assertThat(p95).as("p95 during the recompute (usual %d ms, %d requests)", usual, latencies.size())
			.isLessThan(Math.max(1000, usual * 20));
		assertThat(Collections.max(latencies)).as("slowest request during the recompute").isLessThan(3000);

		// Every flag notified once, every account now red has its at-risk task once; nothing failed.
		assertThat(count("select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'"))
			.isEqualTo(flags);
		assertThat(count("select count(*) from automation_task where rule_code = 'AT_RISK'"))
			.isEqualTo(count("select count(*) from health_score where band = 'RED'")).isPositive();
		assertThat(count("select count(*) from event_failure")).isZero();
		// Listeners handled chunks, not one event per flag.
		assertThat(count("select count(*) from event_publication where event_type like '%RedFlagsRaised'"))
			.isLessThan(flags / 100);

		// A second recompute raises nothing new, so nothing is notified twice.
		assertThat(post("/api/v1/health/recompute", null).status()).isEqualTo(200);
		awaitSeconds(60, () -> incomplete() == 0);
		assertThat(count("select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'"))
			.isEqualTo(count("select count(*) from red_flag where source = 'HEALTH'"));
	}

	@Test
	@Order(2)
	void aFailedListenerIsVisibleAndItsRetryNotifiesOnce() {
		// An account whose recompute raises flags again (ids are random: the first by id may have none).
		UUID account = jdbc.sql("""
				select a.id from account a join red_flag f on f.account_id = a.id
				where a.external_id like 'bench-%' and f.source = 'HEALTH' and f.cleared_at is null
				order by a.id limit 1""")
			.query(UUID.class).single();
		jdbc.sql("update red_flag set cleared_at = now() where account_id = :a").param("a", account).update();
		jdbc.sql("""
				create or replace function refuse_notices() returns trigger language plpgsql as $$
				begin raise exception 'notices refused by the test'; end $$""").update();
		jdbc.sql("create trigger refuse_notices before insert on notification for each row execute function refuse_notices()")
			.update();
		try {
			// The flags are raised again: their notices fail, and the failure is shown to admins.
			assertThat(post("/api/v1/accounts/" + account + "/health/recompute", null).status()).isLessThan(300);
			awaitSeconds(20, () -> get("/api/v1/admin/event-publications").body().get("failed").asLong() > 0);
			var status = get("/api/v1/admin/event-publications").body();
			assertThat(status.get("lastError").get("message").asString()).contains("notices refused by the test");
			assertThat(status.get("lastError").get("listener").asString()).contains("AutomationListeners");
		}
		finally {
			jdbc.sql("drop trigger refuse_notices on notification").update();
		}
		long open = count("select count(*) from red_flag where cleared_at is null and source = 'HEALTH' and account_id = '" + account + "'");
		assertThat(open).isPositive();
		// Retried (here at once; the schedule retries with back-off): each flag notified exactly once.
		assertThat(post("/api/v1/admin/event-publications/retry", null).status()).isEqualTo(200);
		awaitSeconds(20, () -> incomplete() == 0);
		assertThat(count("""
				select count(*) from notification n join red_flag f on n.uniqueness_key = 'rule:RED_FLAG_NOTICE:' || f.account_id || ':' || f.id
				where f.cleared_at is null and f.account_id = '%s'""".formatted(account))).isEqualTo(open);
		assertThat(get("/api/v1/admin/event-publications").body().get("failed").asLong()).isZero();
	}

	@Autowired
	com.onward.shared.BulkChanges bulkChanges;

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier(com.onward.shared.BulkListener.EXECUTOR)
	org.springframework.core.task.TaskExecutor bulkLane;

	@Test
	@Order(3)
	void theBulkLaneHoldsItsReactionsWhileABulkChangeRunsAndReactsOnceItEnds() throws Exception {
		var reacted = new java.util.concurrent.CountDownLatch(1);
		try (var running = bulkChanges.begin()) {
			bulkLane.execute(reacted::countDown);
			assertThat(reacted.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)).as("held back").isFalse();
		}
		assertThat(reacted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("reacted after the change").isTrue();
	}

	private UUID csm() {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into team_member (id, name, email, role, capacity, created_at)
				values (:id, 'Nadia CSM', 'nadia.csm@vendor.example', 'CSM', 100000, :at)""")
			.param("id", id).param("at", Timestamp.from(Instant.now())).update();
		return id;
	}

	private long incomplete() {
		return count("select count(*) from event_publication where completion_date is null");
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private List<Long> probe(List<UUID> ids, int n) {
		var times = new ArrayList<Long>();
		for (int i = 0; i < n; i++) {
			long t0 = System.nanoTime();
			assertThat(get("/api/v1/accounts/" + ids.get(i)).status()).isEqualTo(200);
			times.add((System.nanoTime() - t0) / 1_000_000);
		}
		return times;
	}

	static long percentile(List<Long> values, double p) {
		var sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
	}

	static void awaitSeconds(int seconds, java.util.function.BooleanSupplier condition) {
		long until = System.nanoTime() + seconds * 1_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new AssertionError("not reached within " + seconds + " s");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}
}
