package com.onward.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the rollup deltas that batches leave in {@code usage_pending} into the rollups (usage_user_day,
 * usage_user, usage_feature), off the request path. A batch of one busy account no longer waits for the
 * batches before it to release that account's rollup rows, and a batch spread over many accounts no longer
 * upserts thousands of rows before its {@code 202}; here the deltas of many batches become one upsert per
 * rollup row.
 * <p>
 * Each count is one transaction that deletes the batches' deltas it reads and adds them to the rollups, so a
 * batch is counted exactly once, whatever stops the instance and when. Counts are serialised across instances by
 * an advisory lock. Every instance runs a counter on its own thread every {@code onward.usage.counting-interval}
 * (not after every batch: under load a count per batch cost about as much as the upserts it replaced); a count
 * takes at most {@code onward.usage.counting-batches} batches, so no transaction grows without bound after an
 * outage.
 */
@Component
public class UsageCounting implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UsageCounting.class);

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate tx;
	private final ApplicationEventPublisher events;
	private final UsageProperties props;
	private final Semaphore stopped = new Semaphore(0);
	private volatile Thread worker;

	UsageCounting(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, ApplicationEventPublisher events,
			UsageProperties props) {
		this.jdbc = jdbc;
		this.template = template;
		this.tx = tx;
		this.events = events;
		this.props = props;
	}

	/**
	 * Counts everything pending now and returns the number of batches counted. Whatever was acknowledged
	 * before the call is in the rollups when it returns (for imports, operations and tests).
	 */
	public long countPending() {
		long total = 0;
		while (true) {
			long counted = countOnce();
			total += counted;
			if (counted < props.countingBatches()) {
				return total;
			}
		}
	}

	/**
	 * Up to which moment everything acknowledged is in the rollups: now while nothing is pending, otherwise
	 * the start of the last count (whatever was acknowledged before it was counted by it or earlier).
	 */
	public Instant countedThrough() {
		return jdbc.sql("""
				select case when exists (select 1 from usage_pending) then (select through from usage_counted)
				            else statement_timestamp() end""")
			.query(Instant.class).single();
	}

	/** One count: at most counting-batches batches. Returns the number of batches counted. */
	long countOnce() {
		Integer counted = tx.execute(status -> {
			// One counter at a time across instances: two would only wait on each other's rollup rows. Whatever
			// was acknowledged before the lock is held is counted by this count (or was by an earlier one).
			java.sql.Timestamp started = jdbc.sql("""
					select clock_timestamp() from (select pg_advisory_xact_lock(hashtext('onward.usage.counting'))) locked""")
				.query(java.sql.Timestamp.class).single();
			List<byte[]> batches = jdbc.sql("""
					delete from usage_pending where ctid = any(array(select ctid from usage_pending limit :batches))
					returning deltas""").param("batches", props.countingBatches()).query(byte[].class).list();
			if (batches.isEmpty()) {
				return 0;
			}
			var deltas = new RollupDeltas();
			batches.forEach(deltas::add);
			deltas.write(template);
			jdbc.sql("update usage_counted set through = :started").param("started", started).update();
			// Health rescores the accounts whose rollups changed, after this commit.
			events.publishEvent(new UsageRecorded(List.copyOf(deltas.accounts())));
			return batches.size();
		});
		return counted == null ? 0 : counted;
	}

	private void run() {
		Duration interval = props.countingInterval();
		while (worker == Thread.currentThread()) {
			try {
				if (countOnce() >= props.countingBatches()) {
					continue; // more is waiting
				}
			}
			catch (RuntimeException e) {
				// Nothing is lost: the count rolled back and its deltas wait for the next one (one line, not a stack
				// trace, as while the database is away this repeats every interval).
				log.warn("Usage counting failed, retrying: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
			}
			try {
				stopped.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
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
			stopped.release();
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
