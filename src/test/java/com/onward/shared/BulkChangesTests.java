package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BulkChangesTests {

	final BulkChanges changes = new BulkChanges();

	@Test
	void withNoBulkChangeNothingWaits() throws Exception {
		assertThat(changes.running()).isFalse();
		assertThat(changes.awaitNone(Duration.ZERO)).isTrue();
	}

	@Test
	void aWaiterWaitsUntilTheLastRunningChangeEndsOrItsMaximum() throws Exception {
		var first = changes.begin();
		var second = changes.begin();
		assertThat(changes.awaitNone(Duration.ofMillis(50))).as("given up after its maximum").isFalse();

		var waiter = CompletableFuture.supplyAsync(() -> {
			try {
				return changes.awaitNone(Duration.ofSeconds(30));
			}
			catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
		});
		first.close();
		first.close(); // closing twice ends it once: the second change still runs
		assertThat(changes.running()).isTrue();
		Thread.sleep(100);
		assertThat(waiter).as("still waiting for the second change").isNotDone();
		second.close();
		assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(changes.running()).isFalse();
	}
}
