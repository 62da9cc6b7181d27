package com.onward.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Bulk changes in progress in this instance (a full health recompute). While one runs, the bulk lane
 * ({@link BulkListener}) holds back the reactions to its chunk events, so the change has the cores to itself and
 * the reactions follow it, in order, once it ends. The chunk events are durable meanwhile (each is an event
 * publication written with the chunk), so a held-back reaction survives a crash and is resubmitted. A hold
 * never lasts longer than the {@code maxWait} its waiter gives: a stuck change cannot starve the lane.
 */
@Component
public class BulkChanges {

	private final ReentrantLock lock = new ReentrantLock();
	private final Condition ended = lock.newCondition();
	private int running;

	/** Marks a bulk change as running until the returned handle is closed. */
	public Running begin() {
		lock.lock();
		try {
			running++;
		}
		finally {
			lock.unlock();
		}
		var open = new AtomicBoolean(true);
		return () -> {
			if (open.compareAndSet(true, false)) {
				end();
			}
		};
	}

	private void end() {
		lock.lock();
		try {
			running--;
			if (running == 0) {
				ended.signalAll();
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** Whether a bulk change is running now. */
	public boolean running() {
		lock.lock();
		try {
			return running > 0;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits until no bulk change is running, at most {@code maxWait}; answers whether none is running.
	 */
	public boolean awaitNone(Duration maxWait) throws InterruptedException {
		long nanos = maxWait.toNanos();
		lock.lock();
		try {
			while (running > 0) {
				if (nanos <= 0) {
					return false;
				}
				nanos = ended.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	/** A running bulk change; closing it ends it (once). */
	@FunctionalInterface
	public interface Running extends AutoCloseable {

		@Override
		void close();
	}
}
