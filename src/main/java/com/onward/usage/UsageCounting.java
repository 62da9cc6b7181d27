package com.onward.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the rollup deltas that batches leave in the pending tables into the rollups (usage_user_day,
 * usage_user, usage_feature), off the request path. A batch of one busy account no longer waits for the
 * batches before it to release that account's rollup rows, and a batch spread over many accounts no longer
 * upserts thousands of rows before its {@code 202}; here the deltas of many batches become one upsert per
 * rollup row.
 * <p>
 * Each count is one transaction that deletes the deltas it reads and adds them to the rollups, so a delta
 * is counted exactly once, whatever stops the instance and when. Counts are serialised across instances by
 * an advisory lock. Every instance runs a counter on its own thread, woken by its own batches and otherwise
 * every {@code onward.usage.counting-interval}; a count takes at most {@code onward.usage.counting-rows}
 * deltas of each kind, so no transaction grows without bound after an outage.
 */
@Component
public class UsageCounting implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UsageCounting.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final ApplicationEventPublisher events;
	private final UsageProperties props;
	private final Semaphore wake = new Semaphore(0);
	private volatile Thread worker;

	UsageCounting(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, UsageProperties props) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.events = events;
		this.props = props;
	}

	/**
	 * Counts everything pending now and returns the number of deltas counted. Whatever was acknowledged
	 * before the call is in the rollups when it returns (for imports, operations and tests).
	 */
	public long countPending() {
		long total = 0;
		while (true) {
			long counted = countOnce();
			total += counted;
			if (counted < props.countingRows()) {
				return total;
			}
		}
	}

	/** Asks the counter to count soon (a batch was just stored). */
	void wake() {
		if (wake.availablePermits() == 0) {
			wake.release();
		}
	}

	/**
	 * Up to which moment everything acknowledged is in the rollups: now while nothing is pending, otherwise
	 * the start of the last count (whatever was acknowledged before it was counted by it or earlier).
	 */
	public Instant countedThrough() {
		return jdbc.sql("""
				select case when exists (select 1 from usage_user_day_pending) or exists (select 1 from usage_feature_pending)
				            then (select through from usage_counted) else statement_timestamp() end""")
			.query(Instant.class).single();
	}

	/** One count: at most counting-rows deltas of each kind. Returns the larger of the two numbers counted. */
	long countOnce() {
		Long counted = tx.execute(status -> {
			// One counter at a time across instances: two would only wait on each other's rollup rows.
			// Whatever was acknowledged before the lock is held is counted by this count (or was by an earlier one).
			java.sql.Timestamp started = jdbc.sql("""
					select clock_timestamp() from (select pg_advisory_xact_lock(hashtext('onward.usage.counting'))) locked""")
				.query(java.sql.Timestamp.class).single();
			var accounts = new TreeSet<UUID>();
			// The deleted deltas feed both rollups in this one statement; each is summed per key first, so a key
			// is upserted once, and in key order, so the counter and erasure never lock rows in opposite orders.
			long days = jdbc.sql("""
					with counted as (
					  delete from usage_user_day_pending
					  where ctid = any(array(select ctid from usage_user_day_pending limit :rows))
					  returning *),
					days as (
					  insert into usage_user_day (account_id, day, user_id, events, logins)
					  select account_id, day, user_id, sum(events), sum(logins) from counted
					  group by account_id, day, user_id order by account_id, day, user_id
					  on conflict (account_id, day, user_id) do update
					  set events = usage_user_day.events + excluded.events, logins = usage_user_day.logins + excluded.logins),
					users as (
					  insert into usage_user (account_id, user_id, first_seen, first_login, last_seen, events, logins)
					  select account_id, user_id, min(first_seen), min(first_login), max(last_seen), sum(events), sum(logins)
					  from counted group by account_id, user_id order by account_id, user_id
					  on conflict (account_id, user_id) do update
					  set first_seen = least(usage_user.first_seen, excluded.first_seen),
					      first_login = least(usage_user.first_login, excluded.first_login),
					      last_seen = greatest(usage_user.last_seen, excluded.last_seen),
					      events = usage_user.events + excluded.events,
					      logins = usage_user.logins + excluded.logins)
					select count(*), array_agg(distinct account_id) from counted""").param("rows", props.countingRows())
				.query((rs, n) -> counted(rs, accounts)).single();
			// A key merged into another counts for the other, as at the time of counting.
			long features = jdbc.sql("""
					with counted as (
					  delete from usage_feature_pending
					  where ctid = any(array(select ctid from usage_feature_pending limit :rows))
					  returning *),
					features as (
					  insert into usage_feature (account_id, feature, first_used, last_used, uses)
					  select c.account_id, coalesce(m.merged_into, c.feature), min(c.first_used), max(c.last_used), sum(c.uses)
					  from counted c left join feature m on m.key = c.feature
					  group by 1, 2 order by 1, 2
					  on conflict (account_id, feature) do update
					  set first_used = least(usage_feature.first_used, excluded.first_used),
					      last_used = greatest(usage_feature.last_used, excluded.last_used),
					      uses = usage_feature.uses + excluded.uses)
					select count(*), array_agg(distinct account_id) from counted""").param("rows", props.countingRows())
				.query((rs, n) -> counted(rs, accounts)).single();
			if (accounts.isEmpty()) {
				return 0L;
			}
			jdbc.sql("update usage_counted set through = :started").param("started", started).update();
			// Health rescores the accounts whose rollups changed, after this commit.
			events.publishEvent(new UsageRecorded(List.copyOf(accounts)));
			return Math.max(days, features);
		});
		return counted == null ? 0 : counted;
	}

	private static long counted(java.sql.ResultSet rs, java.util.Set<UUID> accounts) throws java.sql.SQLException {
		java.sql.Array ids = rs.getArray(2);
		if (ids != null) {
			for (Object id : (Object[]) ids.getArray()) accounts.add((UUID) id);
		}
		return rs.getLong(1);
	}

	private void run() {
		Duration interval = props.countingInterval();
		while (worker == Thread.currentThread()) {
			try {
				if (countOnce() >= props.countingRows()) {
					continue; // more is waiting
				}
			}
			catch (RuntimeException e) {
				// Nothing is lost: the count rolled back and its deltas wait for the next one (one line, not a stack
				// trace, as while the database is away this repeats every interval).
				log.warn("Usage counting failed, retrying: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
			}
			try {
				wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
				wake.drainPermits();
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	@Override
	public void start() {
		worker = Thread.ofPlatform().name("usage-counting").daemon().unstarted(this::run);
		worker.start();
	}

	@Override
	public void stop() {
		Thread running = worker;
		worker = null;
		if (running != null) {
			// A count in hand finishes; what is left waits for the next start.
			wake.release();
			try {
				running.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return worker != null;
	}

	/** Stops after the web server (which stops in a higher phase), so the last batches are counted at once. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}
}
