package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.OnwardApplication;
import com.onward.messaging.Delivery;
import com.onward.usage.UsageTestSupport;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.mail.internet.MimeMessage;

/**
 * PLT-5 / AUTO-5: a second Onward instance on the same database; both run sweeps and deliver at
 * the same time, and every message reaches the SMTP server exactly once.
 */
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
		"onward.embedded-db.data-dir=target/test-postgres-mail", "onward.messaging.first-retry=0s",
		"onward.messaging.slack-webhook-url=http://localhost:3099/slack" })
class TwoInstancesIntegrationTests extends UsageTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DataSource dataSource;

	@Autowired
	Automation automation;

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoInstancesSweepingAndDeliveringAtOnceSendEveryMessageExactlyOnce() throws Exception {
		String jdbcUrl = ((HikariDataSource) dataSource).getJdbcUrl();
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OnwardApplication.class).profiles("test")
			.run("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(), "--server.port=0", "--spring.mail.host=localhost",
					"--spring.mail.port=3025", "--onward.messaging.first-retry=0s", "--spring.jmx.enabled=false")) {
			Automation automation2 = second.getBean(Automation.class);
			Delivery delivery2 = second.getBean(Delivery.class);

			// Thirty SMB accounts ten days in, nobody logged in: welcome, invite, series step, re-engagement…
			String domain = unique("twin").toLowerCase() + ".example";
			var accounts = new ArrayList<UUID>();
			for (int i = 0; i < 30; i++) {
				accounts.add(account(5, "DAILY", LocalDate.now().minusDays(10), 12, 3000,
						List.of(Map.of("name", "Twin " + i, "email", "lead" + i + "@" + domain, "role", "PROJECT_LEAD"))));
			}
			UUID[] ids = accounts.toArray(UUID[]::new);
			await(() -> jdbc.sql("select count(*) from outbox_message where account_id = any(:ids) and template = 'welcome'")
				.param("ids", ids).query(Long.class).single() == accounts.size());

			var pool = Executors.newFixedThreadPool(4);
			try {
				List<Callable<Object>> work = List.of(() -> repeat(3, automation::sweep), () -> repeat(3, automation2::sweep),
						() -> repeat(6, delivery::deliverDue), () -> repeat(6, delivery2::deliverDue));
				for (Future<Object> f : pool.invokeAll(work)) {
					f.get(); // rethrows what failed on either instance
				}
			}
			finally {
				pool.shutdown();
			}
			// Drain what is left, still from both instances.
			for (int i = 0; i < 10; i++) {
				delivery.deliverDue();
				delivery2.deliverDue();
			}

			List<String> outboxIds = jdbc.sql("""
					select message_id from outbox_message
					where account_id = any(:ids) and channel = 'EMAIL' and audience = 'CUSTOMER' and status = 'SENT'""")
				.param("ids", ids).query(String.class).list();
			assertThat(jdbc.sql("""
					select count(*) from outbox_message where account_id = any(:ids) and channel = 'EMAIL' and status <> 'SENT'""")
				.param("ids", ids).query(Long.class).single()).as("nothing left unsent").isZero();
			// welcome + invite + series step + re-engagement at least, for every account
			assertThat(outboxIds).hasSizeGreaterThanOrEqualTo(4 * accounts.size());

			MimeMessage[] received = smtp.getReceivedMessagesForDomain(domain);
			List<String> receivedIds = new ArrayList<>();
			for (MimeMessage m : received) {
				receivedIds.add(m.getMessageID());
			}
			assertThat(receivedIds).as("no message twice").doesNotHaveDuplicates();
			assertThat(new HashSet<>(receivedIds)).isEqualTo(new HashSet<>(outboxIds));
			assertThat(Arrays.stream(received).count()).isEqualTo(outboxIds.size());
			// The rules' keys kept every message, task and notice once although both instances swept.
			assertThat(jdbc.sql("""
					select count(*) from outbox_message where account_id = any(:ids) and template = 're-engagement'""")
				.param("ids", ids).query(Long.class).single()).isEqualTo(accounts.size());
		}
	}

	private static Object repeat(int times, Callable<?> action) throws Exception {
		Object last = null;
		for (int i = 0; i < times; i++) {
			last = action.call();
		}
		return last;
	}
}
