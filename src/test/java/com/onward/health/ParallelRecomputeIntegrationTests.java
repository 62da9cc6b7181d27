package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.onward.IntegrationTest;
import com.onward.operations.BulkData;

/**
 * A full recompute scores several batches at once (two threads on a pool of 20) and publishes each
 * batch's flags and band changes in chunk events (here 300 per chunk, several chunks per batch); the
 * listeners react per chunk. Every account gets its score and today's history row once, every flag
 * its notice exactly once and every red account its at-risk task once — also after a second run,
 * which raises nothing and notifies nothing again.
 */
@TestPropertySource(properties = { "onward.embedded-db.data-dir=target/test-postgres-parallel-recompute",
		"onward.health.batch-size=400", "onward.health.bulk-event-chunk=300", "onward.health.recompute-threads=2" })
class ParallelRecomputeIntegrationTests extends IntegrationTest {

	static final int ACCOUNTS = 2000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Health health;

	@Test
	void batchesScoredAtOnceAndChunkedEventsNotifyEachFlagExactlyOnce() {
		assertThat(health.recomputeThreads()).as("batches at once on a pool of 20").isEqualTo(2);
		UUID csm = UUID.randomUUID();
		jdbc.sql("""
				insert into team_member (id, name, email, role, capacity, created_at)
				values (:id, 'Rina CSM', 'rina.csm@vendor.example', 'CSM', 100000, :at)""")
			.param("id", csm).param("at", Timestamp.from(Instant.now())).update();
		var created = post("/api/v1/contracts", contract(unique("tpl"), "2026-01-05T09:00:00Z", 200, 20000, "en"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		BulkData.generate(dataSource, ACCOUNTS, UUID.fromString(created.body().get("projectId").asString()));
		jdbc.sql("update account set owner_csm_id = :m").param("m", csm).update();
		long accounts = count("select count(*) from account");

		var first = post("/api/v1/health/recompute", null);
		assertThat(first.status()).as(first.raw()).isEqualTo(200);
		awaitSeconds(180, () -> incomplete() == 0);

		assertThat(first.body().get("accounts").asLong()).isEqualTo(accounts);
		assertThat(count("select count(*) from health_score")).isEqualTo(accounts);
		assertThat(count("select count(*) from health_history where day = (select max(as_of) from health_score)"))
			.isEqualTo(accounts);
		long flags = count("select count(*) from red_flag where source = 'HEALTH'");
		assertThat(flags).as("flags raised").isGreaterThan(ACCOUNTS).isEqualTo(first.body().get("flagsRaised").asLong());
		assertThat(count("select count(*) from red_flag where source = 'HEALTH' and cleared_at is null"))
			.isEqualTo(count("select count(distinct (account_id, code)) from red_flag where source = 'HEALTH'"));
		// Each flag's notice exactly once; each red account's at-risk task exactly once.
		assertThat(count("select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'"))
			.isEqualTo(flags);
		assertThat(count("""
				select count(*) from red_flag f where f.source = 'HEALTH' and not exists (select 1 from notification n
				  where n.uniqueness_key = 'rule:RED_FLAG_NOTICE:' || f.account_id || ':' || f.id)""")).isZero();
		long red = count("select count(*) from health_score where band = 'RED'");
		assertThat(red).isPositive();
		assertThat(count("select count(*) from automation_task where rule_code = 'AT_RISK'")).isEqualTo(red);
		assertThat(count("select count(distinct account_id) from automation_task where rule_code = 'AT_RISK'")).isEqualTo(red);
		// Published in chunks of at most 300: at least flags / 300 chunk events, far fewer than one per flag.
		long chunks = count("select count(*) from event_publication where event_type like '%RedFlagsRaised'");
		assertThat(chunks).isGreaterThanOrEqualTo((flags + 299) / 300).isLessThan(flags / 50);
		assertThat(count("select count(*) from event_publication where event_type like '%HealthBandsChanged'")).isPositive();
		assertThat(count("select count(*) from event_failure")).isZero();

		// A second run raises nothing, so nothing is notified or tasked twice.
		var second = post("/api/v1/health/recompute", null);
		assertThat(second.status()).as(second.raw()).isEqualTo(200);
		awaitSeconds(60, () -> incomplete() == 0);
		assertThat(second.body().get("flagsRaised").asLong()).isZero();
		assertThat(count("select count(*) from red_flag where source = 'HEALTH'")).isEqualTo(flags);
		assertThat(count("select count(*) from notification where uniqueness_key like 'rule:RED_FLAG_NOTICE:%'"))
			.isEqualTo(flags);
		assertThat(count("select count(*) from automation_task where rule_code = 'AT_RISK'")).isEqualTo(red);
		assertThat(count("select count(*) from health_score")).isEqualTo(accounts);
	}

	private long incomplete() {
		return count("select count(*) from event_publication where completion_date is null");
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
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
