package com.onward.analytics;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Computed analytics answers, kept in memory so that twenty people opening the Analytics pages
 * over 100,000 accounts do not each aggregate every row. An answer is computed once per question
 * (concurrent askers wait for that one computation) and served until either a change to one of
 * the {@link Input inputs} it is computed from is committed on this instance ({@link #changed},
 * called by the writers and the event listeners — the next question then computes afresh, so an
 * answer never lags a change made here) or it is older than {@code onward.analytics.cache.max-age}
 * (the bound for changes made through another instance or directly in the database). A change
 * retires only the answers computed from what changed: a renewal retires retention, not time to
 * value. A computation that started before a change is committed is filed under the old state of
 * its inputs and never served after it.
 */
@Component
public class AnalyticsCache {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsCache.class);

	/** The kinds of data an answer is computed from; a change names the kinds it touched. */
	public enum Input {
		/** First value and go-live dates, and the signing dates they are counted from (history imports too). */
		FIRST_VALUES,
		/** Renewal outcomes. */
		RENEWALS,
		/** Accounts: new ones, their segment, owner and renewal date. */
		ACCOUNTS,
		/** Projects started, closed or graduated (status, dates, playbook). */
		PROJECTS,
		/** Plan items done (kickoff, homework). */
		PLAN_ITEMS,
		/** Survey answers (CSAT, NPS, exit interviews). */
		SURVEYS,
		/** Training modules completed. */
		TRAINING,
		/** The customer's contacts (stakeholder participation). */
		CONTACTS,
		/** Early wins (first login, first workflow). */
		EARLY_WINS
	}

	/** {@code stamp}: the sum of the generations of the question's inputs, which grows with every change to one of them. */
	private record Key(String question, Set<Input> inputs, List<Object> params, long stamp) {
	}

	private final AsyncCache<Key, Object> answers;
	private final boolean enabled;
	private final AtomicLongArray generations = new AtomicLongArray(Input.values().length);

	AnalyticsCache(AnalyticsProperties props) {
		this.enabled = !props.cache().maxAge().isZero();
		this.answers = Caffeine.newBuilder().maximumSize(props.cache().maxEntries())
			.expireAfterWrite(enabled ? props.cache().maxAge() : java.time.Duration.ofSeconds(1)).buildAsync();
	}

	/**
	 * The answer to {@code question} with {@code params}, computed from {@code inputs} by {@code compute}
	 * in the caller's thread when not held.
	 */
	@SuppressWarnings("unchecked")
	public <T> T get(String question, Set<Input> inputs, Supplier<T> compute, Object... params) {
		if (!enabled) return compute.get();
		Key key = new Key(question, inputs, Arrays.asList(params), stamp(inputs));
		var mine = new CompletableFuture<Object>();
		CompletableFuture<Object> held = answers.asMap().putIfAbsent(key, mine);
		if (held == null) {
			long started = System.nanoTime();
			try {
				mine.complete(compute.get());
			}
			catch (RuntimeException | Error e) {
				mine.completeExceptionally(e);
				answers.asMap().remove(key, mine);
				throw e;
			}
			log.debug("computed {} {} in {} ms", question, key.params(), (System.nanoTime() - started) / 1_000_000);
			held = mine;
		}
		try {
			return (T) held.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw e;
		}
	}

	/**
	 * Data of these kinds changed: the answers computed from any of them are retired from now on (or,
	 * inside a transaction, from its commit on); the others stay. Cheap; call it for every change.
	 */
	public void changed(Input input, Input... more) {
		Set<Input> changed = EnumSet.of(input, more);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					retire(changed);
				}
			});
		}
		else {
			retire(changed);
		}
	}

	/** How many changes to {@code input} this instance has seen since start (for tests and diagnostics). */
	public long generation(Input input) {
		return generations.get(input.ordinal());
	}

	private long stamp(Set<Input> inputs) {
		long stamp = 0;
		for (Input i : inputs) stamp += generations.get(i.ordinal());
		return stamp;
	}

	private void retire(Set<Input> changed) {
		for (Input i : changed) generations.incrementAndGet(i.ordinal());
		answers.asMap().keySet().removeIf(k -> !Collections.disjoint(k.inputs(), changed));
		if (log.isDebugEnabled()) {
			log.debug("{} changed: answers computed from it retired", changed);
		}
	}
}
