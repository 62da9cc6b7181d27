package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.account.Accounts;
import com.onward.identity.StaffRole;
import com.onward.survey.Surveys;
import com.onward.testing.CatalogueScan;

/**
 * A background listener writing for an account (the exit survey sent on churn) while that account is being deleted
 * leaves nothing behind: the deletion waits for the listener's transaction and then removes its rows too, and a
 * listener that comes after the deletion finds the account gone and writes nothing.
 */
class DeletionDuringListenerIntegrationTests extends PrivacyTestSupport {

	@Autowired
	Accounts accounts;

	@Autowired
	Surveys surveys;

	@Autowired
	PlatformTransactionManager transactions;

	UUID churnedAndExported() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(5), 50, 5000, contacts(unique("lina") + "@race.example"));
		assertThat(post("/api/v1/accounts/" + account + "/renewals",
				Map.of("date", LocalDate.now().minusDays(1).toString(), "outcome", "CHURNED")).status()).isEqualTo(201);
		awaitListeners(account.toString());
		assertThat(get("/api/v1/accounts/" + account + "/export").status()).isEqualTo(200);
		return account;
	}

	@Test
	void aDeletionStartedWhileAListenerWritesForTheAccountWaitsAndRemovesWhatTheListenerWrote() throws Exception {
		UUID account = churnedAndExported();
		var listenerHasLock = new CountDownLatch(1);
		var deletionStarted = new CountDownLatch(1);
		// Two threads of their own: the common pool may have a single worker on a small machine.
		var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
		var listener = CompletableFuture.supplyAsync(() -> new TransactionTemplate(transactions).execute(tx -> {
			var found = accounts.findForWriting(account);
			listenerHasLock.countDown();
			await(deletionStarted);
			// The deletion is now waiting for this transaction: what it writes must still go with the account.
			awaitBlockedOnLock();
			return found.isPresent() && surveys.send("race:" + account, account, Surveys.Kind.EXIT, "lina@race.example",
					"Lina", "id", true);
		}), threads);
		await(listenerHasLock);
		var deletion = CompletableFuture.supplyAsync(() -> {
			deletionStarted.countDown();
			try {
				return call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "Churned"),
						token(StaffRole.CS_MANAGER)).status();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}, threads);
		assertThat(listener.get(60, TimeUnit.SECONDS)).as("the listener wrote its survey").isTrue();
		assertThat(deletion.get(60, TimeUnit.SECONDS)).isEqualTo(200);
		assertThat(CatalogueScan.find(jdbc, account.toString())).as("columns still referring to the account").isEmpty();
	}

	@Test
	void aListenerComingAfterTheDeletionFindsTheAccountGone() throws Exception {
		UUID account = churnedAndExported();
		assertThat(call("POST", "/api/v1/accounts/" + account + "/deletion", Map.of("reason", "Churned"),
				token(StaffRole.CS_MANAGER)).status()).isEqualTo(200);
		java.util.Optional<com.onward.account.Account> found = new TransactionTemplate(transactions)
			.execute(tx -> accounts.findForWriting(account));
		assertThat(found).isEmpty();
	}

	void awaitBlockedOnLock() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'").query(Long.class).single() == 0) {
			if (System.nanoTime() > deadline) throw new AssertionError("the deletion never waited for the listener: "
					+ jdbc.sql("select state || ' ' || coalesce(wait_event_type, '-') || ' ' || left(query, 80) from pg_stat_activity where datname = current_database()")
						.query(String.class).list());
			sleep(20);
		}
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("timed out");
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}
}
