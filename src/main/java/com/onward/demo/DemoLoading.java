package com.onward.demo;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * How far the demo data, loaded in the background after start-up, has got. Pages show it while it
 * loads so that a first look at a half-filled portfolio is not mistaken for the product.
 */
@Component
class DemoLoading {

	/** The accounts loaded so far of those the demo creates. */
	record Progress(int accounts, int total) {
	}

	private volatile boolean loading;
	private volatile int total;
	private final AtomicInteger accounts = new AtomicInteger();

	void started(int total) {
		this.total = total;
		accounts.set(0);
		loading = true;
	}

	void accountLoaded() {
		accounts.incrementAndGet();
	}

	/** Loaded, or stopped part-way (Onward shutting down): either way there is nothing more to show. */
	void ended() {
		loading = false;
	}

	/** The progress while the demo loads; {@code null} otherwise (nothing to show). */
	Progress progress() {
		return loading ? new Progress(accounts.get(), total) : null;
	}
}
