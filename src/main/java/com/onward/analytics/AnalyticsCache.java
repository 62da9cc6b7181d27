package com.onward.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Computed analytics answers, kept in memory so that twenty people opening the Analytics pages
 * over 100,000 accounts do not each aggregate every row. An answer is computed once per question
 * (concurrent askers wait for that one computation) and served until either a change to its inputs
 * is committed on this instance ({@link #changed()}, called by the writers and the event listeners
 * — the next question then computes afresh, so an answer never lags a change made here) or it is
 * older than {@code onward.analytics.cache.max-age} (the bound for changes made through another
 * instance or directly in the database). A computation that started before a change is committed
 * is filed under the old generation and never served after it.
 */
@Component
public class AnalyticsCache {

	private record Key(long generation, String question, List<Object> params) {
	}

	private final AsyncCache<Key, Object> answers;
	private final boolean enabled;
	private final AtomicLong generation = new AtomicLong();

	AnalyticsCache(AnalyticsProperties props) {
		this.enabled = !props.cache().maxAge().isZero();
		this.answers = Caffeine.newBuilder().maximumSize(props.cache().maxEntries())
			.expireAfterWrite(enabled ? props.cache().maxAge() : java.time.Duration.ofSeconds(1)).buildAsync();
	}

	/** The answer to {@code question} with {@code params}, computed by {@code compute} in the caller's thread when not held. */
	@SuppressWarnings("unchecked")
	public <T> T get(String question, Supplier<T> compute, Object... params) {
		if (!enabled) return compute.get();
		Key key = new Key(generation.get(), question, Arrays.asList(params));
		var mine = new CompletableFuture<Object>();
		CompletableFuture<Object> held = answers.asMap().putIfAbsent(key, mine);
		if (held == null) {
			try {
				mine.complete(compute.get());
			}
			catch (RuntimeException | Error e) {
				mine.completeExceptionally(e);
				answers.asMap().remove(key, mine);
				throw e;
			}
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
	 * Inputs of the analytics changed: answers computed from now on (or, inside a transaction, from
	 * its commit on) are new ones. Cheap; call it for every change.
	 */
	public void changed() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidate();
				}
			});
		}
		else {
			invalidate();
		}
	}

	/** How many times the inputs changed since start (for tests and diagnostics). */
	public long generation() {
		return generation.get();
	}

	private void invalidate() {
		generation.incrementAndGet();
		answers.synchronous().invalidateAll();
	}
}
