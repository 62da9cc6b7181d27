package com.onward.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.onward.IntegrationTest;
import com.onward.identity.Users;

/**
 * The demo's accounts load in the background after start-up: the demo users can sign in as soon as
 * Onward is ready, and pages say how far the demo got until it is done.
 */
@TestPropertySource(properties = { "onward.embedded-db.data-dir=target/test-postgres-demo", "onward.demo.enabled=true",
		"onward.demo.accounts=5", "onward.demo.past-customers=12", "onward.demo.password=demo-test-password-1" })
class DemoLoadingIntegrationTests extends IntegrationTest {

	@Autowired
	DemoLoading loading;

	@Autowired
	Users users;

	@Test
	void theDemoUsersExistWhenOnwardIsReadyAndTheAccountsFollow() throws InterruptedException {
		assertThat(users.find("admin")).isPresent();
		assertThat(users.find("viewer")).isPresent();
		awaitLoaded();
		assertThat(get("/api/v1/accounts?size=1").body().get("total").asInt()).isGreaterThanOrEqualTo(5);
		assertThat(get("/login").raw()).doesNotContain("demo-loading");
	}

	@Test
	void pagesShowHowFarTheDemoGotWhileItLoads() throws InterruptedException {
		awaitLoaded();
		loading.started(40);
		loading.accountLoaded();
		loading.accountLoaded();
		try {
			assertThat(get("/login").raw()).contains("id=\"demo-loading\"").contains("2 of 40 accounts");
			assertThat(get("/login?lang=id").raw()).contains("2 dari 40 akun");
			assertThat(get("/login?lang=ms").raw()).contains("2 daripada 40 akaun");
		}
		finally {
			loading.ended();
		}
		assertThat(get("/login").raw()).doesNotContain("demo-loading");
	}

	private void awaitLoaded() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (loading.progress() != null && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(loading.progress()).as("the demo finished loading").isNull();
	}
}
