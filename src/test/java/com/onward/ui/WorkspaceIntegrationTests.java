package com.onward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.messaging.Outbox;
import com.onward.shared.Segment;
import com.onward.team.NewMember;
import com.onward.team.Team;
import com.onward.team.TeamRole;
import com.onward.testing.TestClock;
import com.onward.usage.UsageTestSupport;

/**
 * The rules behind the staff workspace: feature keys a person curates (suspicious ones refused at ingestion,
 * only person-marked visible core features taught to customers, merge and hide), the outbox searched, opened
 * and resent over the API, red flags sorted server-side, and auto-assignment that never picks someone over
 * capacity while someone with room exists.
 */
class WorkspaceIntegrationTests extends UsageTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	@Autowired
	Team team;

	@Autowired
	TestClock clock;

	@Autowired
	TransactionTemplate tx;

	@Test
	void suspiciousFeatureKeysAreRefusedAtIngestionNamingTheFieldAndNothingIsStored() {
		UUID account = account(20, "DAILY", LocalDate.now());
		Instant now = Instant.now().minusSeconds(60);
		for (String junk : List.of("'; drop table account;--", "<script>alert(1)</script>", "report\u0007s",
				"a--b", "\"quoted\"")) {
			var r = post("/api/v1/events", Map.of("events",
					List.of(event(account, "u1", "LOGIN", now), feature(account, "u1", junk, now))));
			assertProblem(r, 400, "events[1].feature");
			assertThat(jdbc.sql("select count(*) from feature where key = :k").param("k", junk).query(Long.class).single())
				.as(junk).isZero();
		}
		assertThat(jdbc.sql("select count(*) from usage_user where account_id = :a").param("a", account)
			.query(Long.class).single()).as("the whole batch was refused").isZero();
		// Ordinary keys in any script pass.
		var ok = post("/api/v1/events", Map.of("events", List.of(feature(account, "u1", "invoice-approval", now),
				feature(account, "u1", "aliran kelulusan", now), feature(account, "u1", "reports.export/pdf", now))));
		assertThat(ok.status()).as(ok.raw()).isEqualTo(202);
		// The catalogue API refuses them too.
		assertProblem(call("PUT", "/api/v1/features/" + java.net.URLEncoder.encode("x<y>", java.nio.charset.StandardCharsets.UTF_8),
				Map.of("name", "x", "core", true)), 400, "key");
	}

	@Test
	void customersAreTaughtOnlyFeaturesAPersonMarkedCoreAndNeverHiddenOnes() {
		String key = "00ws-" + UUID.randomUUID().toString().substring(0, 6);
		String other = key + "-b";
		UUID account = account(20, "DAILY", LocalDate.now(), 50, 5000,
				List.of(Map.of("name", "Rina", "email", unique("rina") + "@teach.example", "role", "PROJECT_LEAD")));
		UUID user = account(20, "DAILY", LocalDate.now());
		// Heavy use elsewhere makes the key a suggestion, never a core feature.
		for (int i = 0; i < 3; i++) {
			assertThat(post("/api/v1/events", Map.of("events", List.of(feature(user, "u" + i, key, Instant.now().minusSeconds(30)),
					feature(user, "u" + i, other, Instant.now().minusSeconds(30))))).status()).isEqualTo(202);
		}
		try {
			clock.moveBy(Duration.ofDays(16));
			post("/api/v1/automation/sweeps", null);
			assertThat(howTos(account)).as("a suggestion is never taught").doesNotContain(key, other);

			// Marked core, then hidden: hiding takes the core mark away.
			assertThat(call("PUT", "/api/v1/features/" + other, Map.of("name", "Other", "core", true, "hidden", true)).body()
				.get("core").asBoolean()).isFalse();
			post("/api/v1/automation/sweeps", null);
			assertThat(howTos(account)).doesNotContain(key, other, "Other");

			assertThat(call("PUT", "/api/v1/features/" + key, Map.of("name", "Approval flows " + key, "core", true)).status())
				.isEqualTo(200);
			post("/api/v1/automation/sweeps", null);
			assertThat(howTos(account)).contains("Approval flows " + key);
		}
		finally {
			clock.reset();
			call("PUT", "/api/v1/features/" + key, Map.of("core", false, "hidden", true));
		}
	}

	@Test
	void aMergedKeyMovesItsUsageAndLaterEventsCountForTheOtherKey() {
		String from = "ws-merge-" + UUID.randomUUID().toString().substring(0, 6);
		String into = from + "-into";
		UUID account = account(20, "DAILY", LocalDate.now());
		Instant at = Instant.now().minusSeconds(120);
		assertThat(post("/api/v1/events", Map.of("events", List.of(feature(account, "u1", from, at), feature(account, "u1", from, at),
				feature(account, "u2", into, at)))).status()).isEqualTo(202);
		assertThat(call("PUT", "/api/v1/features/" + from, Map.of("name", "Old name", "core", true)).status()).isEqualTo(200);

		var merged = post("/api/v1/features/" + from + "/merge", Map.of("into", into));
		assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
		assertThat(merged.body().get("key").asString()).isEqualTo(into);
		assertThat(merged.body().get("core").asBoolean()).as("core carries over").isTrue();
		assertThat(uses(account, into)).isEqualTo(3);
		assertThat(uses(account, from)).isZero();
		assertThat(get("/api/v1/features").body().findValuesAsString("key")).contains(into).doesNotContain(from);

		assertThat(post("/api/v1/events", Map.of("events", List.of(feature(account, "u3", from, Instant.now().minusSeconds(5)),
				feature(account, "u3", into, Instant.now().minusSeconds(5))))).status()).isEqualTo(202);
		assertThat(uses(account, into)).isEqualTo(5);
		assertThat(uses(account, from)).isZero();

		assertProblem(post("/api/v1/features/" + into + "/merge", Map.of("into", into)), 422, "into");
		assertProblem(post("/api/v1/features/" + into + "/merge", Map.of("into", "no-such-key-" + from)), 400, "into");
		assertProblem(call("PUT", "/api/v1/features/" + from, Map.of("name", "again", "core", true)), 422, "key");
		assertThat(call("PUT", "/api/v1/features/" + into, Map.of("name", "Renamed", "core", false, "hidden", false)).body()
			.get("name").asString()).isEqualTo("Renamed");
	}

	@Test
	void theOutboxIsSearchedOpenedAndAFailedMessageResent() {
		UUID account = account(20, "DAILY", LocalDate.now());
		String recipient = unique("out") + "@outbox.example";
		outbox.enqueue(unique("ws-welcome"), "welcome", account, recipient, "id", Map.of("account", "Acme", "contact", "Siti"));
		outbox.enqueue(unique("ws-howto"), "feature-how-to", account, recipient, "id", Map.of("feature", "laporan"));
		UUID failed = jdbc.sql("select id from outbox_message where account_id = :a and template = 'feature-how-to'")
			.param("a", account).query(UUID.class).single();
		jdbc.sql("update outbox_message set status = 'FAILED', attempts = 8, last_error = '550 mailbox unavailable' where id = :id")
			.param("id", failed).update();

		var failedOnly = get("/api/v1/messages?accountId=" + account + "&status=FAILED").body();
		assertThat(failedOnly.get("total").asLong()).isEqualTo(1);
		assertThat(get("/api/v1/messages?accountId=" + account + "&template=welcome").body().get("total").asLong()).isEqualTo(1);
		String today = LocalDate.now().toString();
		assertThat(get("/api/v1/messages?accountId=" + account + "&from=" + today + "&to=" + today).body().get("total").asLong())
			.isEqualTo(2);
		assertThat(get("/api/v1/messages?accountId=" + account + "&to=" + LocalDate.now().minusDays(1)).body().get("total")
			.asLong()).isZero();
		assertProblem(get("/api/v1/messages?from=" + today + "&to=" + LocalDate.now().minusDays(1)), 400, "to");

		var opened = get("/api/v1/messages/" + failed).body();
		assertThat(opened.get("message").get("lastError").asString()).contains("550");
		assertThat(opened.get("message").get("body").asString()).contains("laporan");
		assertThat(opened.get("headers").get("To").asString()).isEqualTo(recipient);
		assertThat(opened.get("headers").get("Content-Language").asString()).isEqualTo("id");
		assertThat(opened.get("headers").get("Message-ID").asString()).startsWith("<" + failed);

		var resent = post("/api/v1/messages/" + failed + "/resend", null);
		assertThat(resent.status()).as(resent.raw()).isEqualTo(200);
		assertThat(resent.body().get("status").asString()).isEqualTo("PENDING");
		assertProblem(post("/api/v1/messages/" + failed + "/resend", null), 422, "status");
		assertThat(get("/api/v1/messages/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void redFlagsAreSortedServerSideByWhitelistedColumnsOnly() {
		UUID small = account(20, "DAILY", LocalDate.now(), 50, 2_000, List.of());
		UUID large = account(20, "DAILY", LocalDate.now(), 50, 9_000, List.of());
		for (UUID a : List.of(small, large)) {
			jdbc.sql("""
					insert into red_flag (id, account_id, category, code, evidence_args, raised_at, source)
					values (gen_random_uuid(), :a, 'RELATIONSHIP', 'HUMAN_FOLLOW_UP', '[]', now(), 'AUTOMATION')""")
				.param("a", a).update();
		}
		var desc = get("/api/v1/red-flags?category=RELATIONSHIP&sort=acv&dir=desc&size=500").body().get("items");
		List<String> order = desc.findValuesAsString("accountId");
		assertThat(order.indexOf(large.toString())).isLessThan(order.indexOf(small.toString()));
		var asc = get("/api/v1/red-flags?category=RELATIONSHIP&sort=acv&dir=asc&size=500").body().get("items");
		order = asc.findValuesAsString("accountId");
		assertThat(order.indexOf(small.toString())).isLessThan(order.indexOf(large.toString()));
		assertThat(get("/api/v1/red-flags?category=RELATIONSHIP").status()).as("newest first by default").isEqualTo(200);
		assertProblem(get("/api/v1/red-flags?sort=name%20drop"), 400, "sort");
		assertProblem(get("/api/v1/red-flags?sort=acv&dir=sideways"), 400, "dir");
	}

	@Test
	void autoAssignmentWaitsForAMemberWithRoomRatherThanPickingOneOverCapacity() throws Exception {
		// One specialist over capacity for mid-market; every mid-market specialist with room is busy being assigned.
		var over = team.add(new NewMember(unique("Over"), null, TeamRole.IMPLEMENTATION_SPECIALIST, Set.of(Segment.MID_MARKET), 1));
		jdbc.sql("update team_member set active_projects = 5 where id = :m").param("m", over.id()).update();
		var room = team.add(new NewMember(unique("Room"), null, TeamRole.IMPLEMENTATION_SPECIALIST, Set.of(Segment.MID_MARKET), 1000));
		var locked = new java.util.concurrent.CountDownLatch(1);
		var holder = new Thread(() -> tx.executeWithoutResult(s -> {
			jdbc.sql("""
					select id from team_member where role = 'IMPLEMENTATION_SPECIALIST' and active
					  and active_projects < capacity for update""").query(UUID.class).list();
			locked.countDown();
			try {
				Thread.sleep(1500);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		holder.start();
		assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		try {
			var signed = post("/api/v1/contracts", contract(unique("ws-assign"), Instant.now().toString(), 300, 20_000, "en"));
			assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
			UUID project = UUID.fromString(signed.body().get("projectId").asString());
			var assignment = jdbc.sql("""
					select a.member_id, a.over_capacity from project_assignment a
					where a.project_id = :p and a.role = 'IMPLEMENTATION_SPECIALIST'""").param("p", project)
				.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getBoolean(2) }).single();
			assertThat(assignment[0]).as("nobody over capacity while someone has room").isNotEqualTo(over.id());
			assertThat((Boolean) assignment[1]).isFalse();
		}
		finally {
			holder.join();
			jdbc.sql("update team_member set active = false where id in (:a, :b)").param("a", over.id()).param("b", room.id())
				.update();
		}
	}

	private List<String> howTos(UUID account) {
		return jdbc.sql("""
				select params ->> 'feature' from outbox_message where account_id = :a and template = 'feature-how-to'
				order by created_at""").param("a", account).query(String.class).list();
	}

	private long uses(UUID account, String feature) {
		return jdbc.sql("select coalesce(sum(uses), 0) from usage_feature where account_id = :a and feature = :f")
			.param("a", account).param("f", feature).query(Long.class).single();
	}
}
