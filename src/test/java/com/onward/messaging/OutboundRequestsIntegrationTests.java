package com.onward.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/** Webhooks and chat notices never reach internal addresses, at registration or when sent. */
class OutboundRequestsIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Delivery delivery;

	@Test
	void registrationRefusesInternalAndOddTargets() {
		long before = jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single();
		for (String url : List.of("http://127.0.0.2:8080/actuator", "http://[::1]/x", "http://10.0.0.5:8080/actuator/shutdown",
				"http://172.16.3.4/", "http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data",
				"http://224.0.0.1/", "http://0.0.0.0/", "http://[fd00::1]/", "http://[::ffff:10.0.0.1]/",
				"http://[64:ff9b::a9fe:a9fe]/", "https://user:pass@8.8.8.8/", "ftp://8.8.8.8/", "file:///etc/passwd",
				"gopher://8.8.8.8/", "http://no-such-host.invalid/")) {
			Response r = post("/api/v1/webhooks", Map.of("url", url, "events", List.of("*")));
			assertProblem(r, 400, "url");
			assertThat(r.raw()).as(url).doesNotContain("Exception");
		}
		assertThat(jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void deliveryRefusesInternalTargetsAtSendTime() {
		String key = unique("ssrf");
		jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, channel, audience, recipient, language, subject,
				  body, status, attempts, next_attempt_at, message_id, created_at)
				values (:id, :key, 'welcome', 'SLACK', 'STAFF', 'http://169.254.169.254/latest/meta-data', 'en', 'S', 'B',
				  'PENDING', 0, :at, :mid, :at)""")
			.param("id", UUID.randomUUID()).param("key", key).param("at", Timestamp.from(Instant.now().minusSeconds(1)))
			.param("mid", "<" + UUID.randomUUID() + "@onward>").update();
		delivery.deliverDue();
		var row = jdbc.sql("select status || ' ' || last_error from outbox_message where uniqueness_key = :k").param("k", key)
			.query(String.class).single();
		assertThat(row).startsWith("FAILED").contains("refused").contains("internal address");
	}

	@Test
	void internalAddressesAreRecognised() throws Exception {
		for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "100.127.0.1",
				"169.254.169.254", "0.0.0.0", "255.255.255.255", "239.1.1.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
				"64:ff9b::7f00:1")) {
			assertThat(OutboundTargets.internal(InetAddress.getByName(internal))).as(internal).isTrue();
		}
		for (String external : List.of("8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700:4700::1111")) {
			assertThat(OutboundTargets.internal(InetAddress.getByName(external))).as(external).isFalse();
		}
	}

	@Test
	void anOperatorMayAllowAnInternalHost() throws Exception {
		var targets = new OutboundTargets(List.of("hooks.internal.example", "10.0.0.5"));
		assertThat(targets.check("http://10.0.0.5/hook").getHost()).isEqualTo("10.0.0.5");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> targets.check("http://10.0.0.6/hook"))
			.isInstanceOf(OutboundTargets.Refused.class);
	}
}
