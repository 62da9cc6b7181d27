package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.health.FlagCategory;
import com.onward.health.FollowUpFlag;
import com.onward.health.Health;
import com.onward.messaging.CustomerEmail;
import com.onward.messaging.Notifications;
import com.onward.messaging.Outbox;
import com.onward.messaging.StaffNotice;

/**
 * Modules hand each other typed batches bound as column arrays, never SQL text: customer emails to the outbox,
 * staff notices, follow-up flags. Each skips what it must (no recipient, an unsubscribed address, a key or an
 * open flag that exists) and keeps values as given, including quotes.
 */
class TypedBatchApiIntegrationTests extends IntegrationTest {

	@Autowired
	Outbox outbox;

	@Autowired
	Notifications notifications;

	@Autowired
	Health health;

	@Autowired
	JdbcClient jdbc;

	@Test
	void customerEmailsAreQueuedOnceEachWithTheirValuesAndWithoutRecipientlessOnes() {
		String key = unique("batch-email");
		UUID account = UUID.randomUUID();
		var email = new CustomerEmail(key, "re-engagement", account, "o'brien@batch.example", "id",
				Map.of("account", "O'Brien & Co", "activeUsers", 12));
		int queued = outbox.enqueueAll(List.of(email,
				new CustomerEmail(key + "-none", "re-engagement", account, null, "en", Map.of())));
		assertThat(queued).isEqualTo(1);
		assertThat(outbox.enqueueAll(List.of(email))).as("the same key again").isZero();
		var row = jdbc.sql("select recipient, language, params ->> 'account', params -> 'activeUsers', audience, status "
				+ "from outbox_message where uniqueness_key = :k").param("k", key)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6))).single();
		assertThat(row).containsExactly("o'brien@batch.example", "id", "O'Brien & Co", "12", "CUSTOMER", "PENDING");
		assertThat(outbox.enqueueAll(List.of())).isZero();
	}

	@Test
	void staffNoticesNeedAUserOrAnAddressAndAreKeyed() {
		String key = unique("batch-notice");
		var notice = new StaffNotice(key, null, "csm@batch.example", null, "notice.TEST", List.of("Acme", 3));
		assertThat(notifications.notifyAll(List.of(notice,
				new StaffNotice(key + "-nobody", null, null, null, "notice.TEST", List.of())))).isEqualTo(1);
		assertThat(notifications.notifyAll(List.of(notice))).isZero();
		assertThat(jdbc.sql("select args::text from notification where uniqueness_key = :k").param("k", key)
			.query(String.class).single()).isEqualTo("[\"Acme\", 3]");
		assertThat(jdbc.sql("select count(*) from notification where uniqueness_key = :k").param("k", key + "-nobody")
			.query(Long.class).single()).isZero();
	}

	@Test
	void followUpFlagsAreRaisedOncePerAccountWhileOpen() {
		UUID account = UUID.randomUUID();
		var flag = new FollowUpFlag(account, null, List.of("RULE_X"));
		assertThat(health.raiseFlags(FlagCategory.RELATIONSHIP, "HUMAN_FOLLOW_UP", List.of(flag, flag)))
			.isEqualTo(new com.onward.health.FollowUpFlagsRaised(1, java.util.Set.of(account)));
		// Already open with the same evidence: nothing new, and the account's flag is open.
		assertThat(health.raiseFlags(FlagCategory.RELATIONSHIP, "HUMAN_FOLLOW_UP", List.of(flag)))
			.isEqualTo(new com.onward.health.FollowUpFlagsRaised(0, java.util.Set.of(account)));
		// Another rule's flag is kept out by the open one: the account is not among the open ones for it.
		assertThat(health.raiseFlags(FlagCategory.RELATIONSHIP, "HUMAN_FOLLOW_UP",
				List.of(new FollowUpFlag(account, null, List.of("RULE_Y")))))
			.isEqualTo(new com.onward.health.FollowUpFlagsRaised(0, java.util.Set.of()));
		assertThat(jdbc.sql("select evidence_args::text || ' ' || source from red_flag where account_id = :a")
			.param("a", account).query(String.class).single()).isEqualTo("[\"RULE_X\"] AUTOMATION");
	}

	/** No module offers SQL text to others: no public constant holds a SQL fragment. */
	@Test
	void noPublicSqlFragmentConstants() throws IOException {
		Pattern constant = Pattern.compile("public\\s+static\\s+final\\s+String\\s+\\w+\\s*=\\s*(\"\"\"(?s:.*?)\"\"\"|\"[^\"\\n]*\")");
		Pattern sql = Pattern.compile("(?i)\\b(select|join|from|where|insert|update)\\s+[a-z_(]");
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
				try {
					var m = constant.matcher(Files.readString(f));
					while (m.find()) {
						assertThat(sql.matcher(m.group(1)).find()).as("SQL in a public constant of " + f + ": " + m.group())
							.isFalse();
					}
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
		}
	}
}
