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

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.testing.MailIntegrationTest;
import com.onward.OnwardApplication;
import com.onward.messaging.Delivery;
import com.onward.usage.UsageTestSupport;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.mail.internet.MimeMessage;

/**
 * PLT-5 / AUTO-5: a second Onward instance on the same database; both run sweeps and deliver at
 * the same time, every message reaches the SMTP server exactly once, and the daily cap and the
 * sending hours hold across both.
 */
@MailIntegrationTest
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

	@Autowired
	com.onward.messaging.Outbox outbox;

	@Test
	void twoInstancesSweepingAndDeliveringAtOnceSendEveryMessageExactlyOnce() throws Exception {
		String jdbcUrl = ((HikariDataSource) dataSource).getJdbcUrl();
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OnwardApplication.class).profiles("test")
			.run("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(), "--server.port=0", "--spring.mail.host=localhost",
					"--spring.mail.port=3025", "--onward.messaging.first-retry=0s", "--spring.jmx.enabled=false")) {
			Automation automation2 = second.getBean(Automation.class);
			Delivery delivery2 = second.getBean(Delivery.class);

			// Thirty SMB accounts seven days in, nobody logged in: welcome, invite, the series' day-7 step, the
			// day-7 re-engagement (about the same missing login) and a celebration — under a cap of one.
			String domain = unique("twin").toLowerCase() + ".example";
			var accounts = new ArrayList<UUID>();
			for (int i = 0; i < 30; i++) {
				accounts.add(account(5, "DAILY", LocalDate.now().minusDays(7), 12, 3000,
						List.of(Map.of("name", "Twin " + i, "email", "lead" + i + "@" + domain, "role", "PROJECT_LEAD"))));
			}
			UUID[] ids = accounts.toArray(UUID[]::new);
			await(() -> jdbc.sql("select count(*) from outbox_message where account_id = any(:ids) and template = 'welcome'")
				.param("ids", ids).query(Long.class).single() == accounts.size());
			for (int i = 0; i < accounts.size(); i++) {
				outbox.enqueue("twin-celebration:" + accounts.get(i), "milestone-celebration", accounts.get(i),
						"lead" + i + "@" + domain, "en", Map.of("account", "Twin", "contact", "Twin " + i));
			}

			// Sending hours that exclude today: neither instance sends any of it.
			java.time.DayOfWeek today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek();
			var otherDays = java.util.Arrays.stream(java.time.DayOfWeek.values()).filter(d -> d != today).map(Enum::name).toList();
			assertThat(call("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", 1, "quietHours", true, "sendingDays", otherDays,
					"digestDay", otherDays.get(0))).status()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				delivery.deliverDue();
				delivery2.deliverDue();
			}
			assertThat(smtp.getReceivedMessagesForDomain(domain)).as("nothing outside sending hours").isEmpty();
			assertThat(jdbc.sql("""
					select count(*) from outbox_message where account_id = any(:ids) and status = 'PENDING'
					  and held_reason = 'QUIET_HOURS'""").param("ids", ids).query(Long.class).single())
				.isGreaterThanOrEqualTo(3L * accounts.size());

			// Every day a sending day again (held messages are looked at anew), with a cap of one a day.
			assertThat(call("PUT", "/api/v1/delivery-policy", Map.of("dailyCap", 1, "quietHours", false)).status())
				.isEqualTo(200);

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
			// Per contact today: the invitation (past the cap) and one capped email — the welcome, highest in rank;
			// the day-7 nudge and the celebration wait for tomorrow, whichever instance looked at them.
			for (UUID account : accounts) {
				assertThat(jdbc.sql("""
						select template from outbox_message where account_id = :a and audience = 'CUSTOMER' and status = 'SENT'
						order by template""").param("a", account).query(String.class).list())
					.containsExactly("kickoff-confirmation", "welcome");
			}
			assertThat(jdbc.sql("""
					select count(*) from outbox_message where account_id = any(:ids) and channel = 'EMAIL' and status = 'PENDING'
					  and held_reason is distinct from 'DAILY_CAP'""")
				.param("ids", ids).query(Long.class).single()).as("all that waits, waits for the cap").isZero();
			assertThat(outboxIds).hasSize(2 * accounts.size());

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
		finally {
			call("DELETE", "/api/v1/delivery-policy", null);
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
