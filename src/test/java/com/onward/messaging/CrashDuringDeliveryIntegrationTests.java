package com.onward.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.testing.MailIntegrationTest;
import com.onward.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.mail.internet.MimeMessage;

/**
 * AUTO-5: an Onward process is killed ({@code kill -9}) in the middle of delivery. After a restart
 * (here: this instance taking over) nothing is lost, and the only message that can arrive twice is
 * one SMTP accepted before the crash could record it — with the same Message-ID, so the receiver
 * can drop the repeat.
 */
@MailIntegrationTest
class CrashDuringDeliveryIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DataSource dataSource;

	@Autowired
	Outbox outbox;

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Test
	void killingTheAppMidDeliveryLosesNothingAndRepeatsAtMostTheMessageInFlightWithItsMessageId() throws Exception {
		String domain = unique("crash").toLowerCase() + ".example";
		int total = 1500;
		for (int i = 0; i < total; i++) {
			outbox.enqueue("crash-test:" + domain + ":" + i, "re-engagement", null, "user" + i + "@" + domain, "ms",
					Map.of("contact", "Pengguna " + i, "account", "Syarikat", "csm", "Aminah"));
		}

		// Another Onward process on the same database delivers on its schedule…
		String java = ProcessHandle.current().info().command().orElse("java");
		File log = new File("target/crash-delivery-child.log");
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "com.onward.OnwardApplication",
				"--spring.profiles.active=test", "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(), "--server.port=0",
				"--spring.mail.host=localhost", "--spring.mail.port=3025", "--onward.scheduling.enabled=true",
				"--onward.messaging.delivery-interval=100ms", "--onward.messaging.delivery-initial-delay=0s",
				"--onward.health.refresh-interval=1h", "--spring.jmx.enabled=false")
			.redirectErrorStream(true).redirectOutput(log).start();
		try {
			// …and is killed with SIGKILL once it is well into the batch.
			long deadline = System.currentTimeMillis() + 120_000;
			while (received(domain).size() < 100 && System.currentTimeMillis() < deadline && child.isAlive()) {
				Thread.sleep(10);
			}
			assertThat(child.isAlive()).as("the other instance is still delivering (see " + log + ")").isTrue();
			child.destroyForcibly(); // SIGKILL: no shutdown hooks, no commit of the message in flight
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			child.destroyForcibly();
		}
		int atCrash = received(domain).size();
		assertThat(atCrash).as("killed in the middle, not after the end").isBetween(100, total - 1);

		// This instance takes over: the rows the dead process held are unlocked by PostgreSQL.
		for (int i = 0; i < 20 && pending(domain) > 0; i++) {
			delivery.deliverDue();
		}
		assertThat(pending(domain)).as("nothing lost").isZero();

		List<String> outboxIds = jdbc.sql("select message_id from outbox_message where recipient like :d and status = 'SENT'")
			.param("d", "%@" + domain).query(String.class).list();
		assertThat(outboxIds).hasSize(total);
		List<String> receivedIds = new ArrayList<>();
		for (MimeMessage m : received(domain)) {
			receivedIds.add(m.getMessageID());
		}
		// Deduplicated by Message-ID, what arrived is exactly the outbox; at most the one message in flight came twice.
		assertThat(new HashSet<>(receivedIds)).isEqualTo(new HashSet<>(outboxIds));
		assertThat(receivedIds.size() - total).as("repeats").isBetween(0, 1);
	}

	private List<MimeMessage> received(String domain) {
		return List.of(smtp.getReceivedMessagesForDomain(domain));
	}

	private long pending(String domain) {
		return jdbc.sql("select count(*) from outbox_message where recipient like :d and status <> 'SENT'")
			.param("d", "%@" + domain).query(Long.class).single();
	}
}
