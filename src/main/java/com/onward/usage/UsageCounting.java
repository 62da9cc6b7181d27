package com.onward.usage;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

	/** The advisory locks: one count at a time; batches (shared) against erasure and deletion (exclusive). */
	private static final String COUNTING = "onward.usage.counting";
	private static final String BATCHES = "onward.usage.batches";

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
	 * before the call is in the rollups when it returns (for imports, erasure, deletion and tests). Inside a
	 * caller's transaction all its counts are one transaction; erasure and deletion hold new batches off first
	 * ({@link #holdBatches}), so that stays bounded by what was pending.
	 */
	public long countPending() {
		return countPending(null);
	}

	/**
	 * The same, for an account's deletion: the account being deleted is left out of {@link UsageRecorded}, or
	 * health would mark it for rescoring after it is gone.
	 */
	long countPending(UUID beingDeleted) {
		long total = 0;
		while (true) {
			long counted = countOnce(true, beingDeleted);
			total += counted;
			if (counted < props.countingBatches()) {
				return total;
			}
		}
	}

	/**
	 * Up to which moment everything acknowledged is in the rollups: now while nothing is pending, otherwise
	 * when the oldest batch still pending was received (a batch is stamped before it commits, so any batch
	 * acknowledged before that moment has been counted). A row per batch: the table stays small.
	 */
	public Instant countedThrough() {
		return jdbc.sql("select coalesce((select min(received_at) from usage_pending), statement_timestamp())")
			.query(Instant.class).single();
	}

	/**
	 * Holds off every count until the caller's transaction ends (a feature merge moving rollup rows; erasure and
	 * account deletion, which count first). Package-private: only this module's writers of rollup rows need it.
	 */
	void lockCounting() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:lock))").param("lock", COUNTING).query().singleValue();
	}

	/**
	 * Holds off every new batch until the caller's transaction ends and waits for the batches in flight: with it,
	 * erasure and account deletion see every batch acknowledged before them, raw events and deltas alike, and no
	 * batch can store the person's id after them. A batch takes the same lock shared ({@link #admitBatch}).
	 */
	void holdBatches() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:lock))").param("lock", BATCHES).query().singleValue();
	}

	/** Taken first by every batch's transaction: batches never wait for each other, only for {@link #holdBatches}. */
	void admitBatch() {
		jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(:lock))").param("lock", BATCHES).query().singleValue();
	}

	/**
	 * One count: at most counting-batches batches. Returns the number of batches taken (counted, or dropped as damaged), or -1
	 * when {@code wait} is false and another instance is counting.
	 */
	long countOnce(boolean wait, UUID beingDeleted) {
		Integer counted = tx.execute(status -> {
			// One counter at a time across instances: two would only wait on each other's rollup rows. Whatever
			// was acknowledged before the lock is held is counted by this count (or was by an earlier one). The
			// background tick does not wait for another instance's count (it would hold a connection meanwhile).
			if (wait) {
				lockCounting();
			}
			else if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext(:lock))").param("lock", COUNTING)
				.query(Boolean.class).single()) {
				return -1;
			}
			record Pending(Timestamp receivedAt, byte[] deltas) {
			}
			List<Pending> batches = jdbc.sql("""
					delete from usage_pending where ctid = any(array(select ctid from usage_pending limit :batches))
					returning received_at, deltas""").param("batches", props.countingBatches())
				.query((rs, n) -> new Pending(rs.getTimestamp(1), rs.getBytes(2))).list();
			if (batches.isEmpty()) {
				return 0;
			}
			var deltas = new RollupDeltas();
			for (Pending batch : batches) {
				try {
					deltas.add(batch.deltas());
				}
				catch (RollupDeltas.Unreadable e) {
					if (e.newer) {
						// Written by a newer version (a rolling upgrade): this instance counts nothing and leaves it all
						// to the instances that read it. Counting the rest and skipping it would let an erasure here
						// finish while that batch still holds the person's id.
						throw e;
					}
					// Damaged: no version can count it, and it must not stop the counting of every other batch. Dropped,
					// so that the adoption figures' "complete up to" moves on, and said loudly.
					log.error("A usage batch received at {} ({} bytes) could not be read and is not counted: {}",
							batch.receivedAt(), batch.deltas().length, e.getMessage());
				}
			}
			deltas.write(template);
			// Health rescores the accounts whose rollups changed, after this commit.
			var accounts = deltas.accounts();
			if (beingDeleted != null) accounts.remove(beingDeleted);
			if (!accounts.isEmpty()) {
				events.publishEvent(new UsageRecorded(List.copyOf(accounts)));
			}
			// Every batch taken was counted or dropped (a newer one rolls the whole count back).
			return batches.size();
		});
		return counted == null ? 0 : counted;
	}

	private void run() {
		Duration interval = props.countingInterval();
		while (worker == Thread.currentThread()) {
			try {
				if (countOnce(false, null) >= props.countingBatches()) {
					continue; // more is waiting
				}
			}
			catch (RollupDeltas.Unreadable e) {
				// A newer version's batch (a rolling upgrade): the instances of that version count; one line, no trace.
				log.warn("Usage counting left to a newer version: {}", e.getMessage());
			}
			catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
				// Nothing is lost: the count rolled back and its deltas wait for the next one (one line, not a stack
				// trace, as while the database is away this repeats every interval).
				log.warn("Usage counting failed, retrying: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
			}
			catch (Throwable e) {
				// Not the database: a fault of ours, with its stack trace. The count rolled back; the thread goes on.
				log.error("Usage counting failed, retrying", e);
			}
			try {
				stopped.tryAcquire(Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	@Override
	public void start() {
		stopped.drainPermits();
		worker = Thread.ofPlatform().name("usage-counting").daemon().unstarted(this::run);
		worker.start();
	}

	@Override
	public void stop() {
		Thread running = worker;
		worker = null;
		if (running != null) {
			// A count in hand finishes; what is left waits for the next count of any instance or the next start.
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

	/** Stops after the web server (which stops in a higher phase): no count is cut short while requests finish. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}
}
