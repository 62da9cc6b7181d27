package com.onward.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;

/** Reading the outbox gives no one but an admin the chat webhooks or a customer's private links. */
class OutboxMaskingIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void nonAdminsSeeHostsNotWebhookUrlsOrPrivateLinks() {
		UUID account = UUID.fromString(post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000,
				"en")).body().get("accountId").asString());
		String hook = "https://hooks.slack.com/services/T0001/B0001/" + unique("secret");
		insert(account, "SLACK", hook, "{\"text\":\"hello\"}", "HTTP 404 from " + hook);
		insert(account, "EMAIL", "siti@acme.example",
				"Tell us: http://localhost:8080/survey/abcDEF123_-x\nUnsubscribe: http://localhost:8080/unsubscribe?t=c2l0aQ.beef01",
				null);
		String viewer = post("/api/v1/admin/tokens", Map.of("name", unique("viewer"), "role", "VIEWER")).body().get("token")
			.asString();

		String seen = call("GET", "/api/v1/messages?accountId=" + account, null, viewer).raw();
		assertThat(seen).doesNotContain(hook).doesNotContain("abcDEF123").doesNotContain("c2l0aQ.beef01")
			.contains("https://hooks.slack.com/…").contains("/survey/…");
		String admin = get("/api/v1/messages?accountId=" + account).raw();
		assertThat(admin).contains(hook).contains("/survey/abcDEF123_-x");
	}

	@Test
	void chatTextCannotPingOrLink() {
		assertThat(Delivery.chatText("SLACK", "<!channel> <https://evil.example|sign in> & co"))
			.isEqualTo("&lt;!channel&gt; &lt;https://evil.example|sign in&gt; &amp; co");
		assertThat(Delivery.chatText("TEAMS", "[Sign in](https://evil.example) *now*"))
			.isEqualTo("\\[Sign in\\](https://evil.example) \\*now\\*");
	}

	private void insert(UUID account, String channel, String recipient, String body, String error) {
		jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, account_id, channel, audience, recipient, language,
				  subject, body, status, attempts, next_attempt_at, last_error, message_id, created_at)
				values (:id, :key, 'welcome', :account, :channel, 'STAFF', :recipient, 'en', 'Subject', :body, 'FAILED', 1,
				  :at, :error, :mid, :at)""")
			.param("id", UUID.randomUUID()).param("key", unique("mask")).param("account", account)
			.param("channel", channel).param("recipient", recipient).param("body", body).param("error", error)
			.param("at", Timestamp.from(Instant.now())).param("mid", "<" + UUID.randomUUID() + "@onward>").update();
	}
}
