package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@org.springframework.test.context.event.RecordApplicationEvents
class UsageIngestionIntegrationTests extends UsageTestSupport {

	@Autowired
	org.springframework.test.context.event.ApplicationEvents published;

	@Autowired
	Ingestion ingestion;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Partitions partitions;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	UsageCounting counting;

	private final HttpClient http = HttpClient.newHttpClient();

	private Response sendWithKey(List<Map<String, Object>> events, String key) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("events", events)))).build();
		HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
		usageCounted("/api/v1/events", r.statusCode());
		return new Response(r.statusCode(), json.readTree(r.body()), r.body());
	}

	private long rawEvents(UUID account) {
		return jdbc.sql("select count(*) from usage_event where account_id = :a").param("a", account)
			.query(Long.class).single();
	}

	private final Instant recently = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	@Test
	void repeatedIdempotencyKeyIsCountedAsDuplicatesAndStoredOnce() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		var events = List.of(event(account, "u-1", "LOGIN", recently), event(account, "u-2", "LOGIN", recently));
		String key = unique("batch");
		Response first = sendWithKey(events, key);
		assertThat(first.status()).as(first.raw()).isEqualTo(202);
		assertThat(first.body().get("accepted").asInt()).isEqualTo(2);
		assertThat(first.body().get("duplicates").asInt()).isZero();
		Response again = sendWithKey(events, key);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body().get("accepted").asInt()).isZero();
		assertThat(again.body().get("duplicates").asInt()).isEqualTo(2);
		assertThat(rawEvents(account)).isEqualTo(2);
		assertThat(get("/api/v1/accounts/" + account + "/adoption").body().get("activatedUsers").asInt()).isEqualTo(2);
	}

	@Test
	void sameEventIdInTwoBatchesOrTwiceInOneIsStoredOnce() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String a = unique("evt");
		String b = unique("evt");
		String c = unique("evt");
		var e1 = event(account, "u-1", "LOGIN", recently);
		e1.put("id", a);
		var e2 = event(account, "u-1", "LOGIN", recently.plusSeconds(60));
		e2.put("id", b);
		Response first = send(List.of(e1, e2));
		assertThat(first.body().get("accepted").asInt()).isEqualTo(2);
		var e3 = event(account, "u-2", "LOGIN", recently.plusSeconds(120));
		e3.put("id", c);
		var e3again = new LinkedHashMap<>(e3);
		Response second = send(List.of(e2, e3, e3again));
		assertThat(second.status()).as(second.raw()).isEqualTo(202);
		assertThat(second.body().get("accepted").asInt()).isEqualTo(1);
		assertThat(second.body().get("duplicates").asInt()).isEqualTo(2);
		assertThat(rawEvents(account)).isEqualTo(3);
		// The rollups saw each event once too: u-1 logged in twice, u-2 once.
		assertThat(jdbc.sql("select sum(logins) from usage_user where account_id = :a").param("a", account)
			.query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void oneBadEventRejectsTheWholeBatchWithAnErrorPerBadEvent() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		var events = new ArrayList<Object>();
		events.add(event(account, "u-1", "LOGIN", recently)); // good
		var unknown = new LinkedHashMap<String, Object>(Map.of("accountExternalId", "no-such-crm-id", "userId", "u",
				"type", "LOGIN", "occurredAt", recently.toString()));
		events.add(unknown);
		var noUser = event(account, "u", "LOGIN", recently);
		noUser.remove("userId");
		events.add(noUser);
		events.add(event(account, "u", "TELEPORTED", recently));
		events.add(new LinkedHashMap<>(Map.of("accountId", account.toString(), "userId", "u", "type", "LOGIN",
				"occurredAt", "yesterday at noon")));
		events.add(event(account, "u", "LOGIN", Instant.now().plus(30, ChronoUnit.DAYS)));
		events.add(new LinkedHashMap<>(Map.of("accountId", account.toString(), "userId", 42, "type", "LOGIN",
				"occurredAt", recently.toString())));
		var badProps = event(account, "u", "CUSTOM", recently);
		badProps.put("properties", List.of("not", "an", "object"));
		events.add(badProps);
		var noFeature = event(account, "u", "FEATURE_USED", recently);
		events.add(noFeature);
		var twoAccounts = event(account, "u", "LOGIN", recently);
		twoAccounts.put("accountExternalId", "someone-else");
		events.add(twoAccounts);
		Response r = post("/api/v1/events", Map.of("events", events));
		assertProblem(r, 400, null);
		assertThat(r.body().get("errors").findValuesAsString("field")).containsExactly("events[1].accountExternalId",
				"events[2].userId", "events[3].type", "events[4].occurredAt", "events[5].occurredAt", "events[6].userId",
				"events[7].properties", "events[8].feature", "events[9].accountExternalId");
		assertThat(rawEvents(account)).isZero();
		assertThat(jdbc.sql("select count(*) from usage_user where account_id = :a").param("a", account)
			.query(Long.class).single()).isZero();
	}

	@Test
	void malformedBodiesAreProblemsNotErrors() {
		assertProblem(post("/api/v1/events", "{\"events\": 3}"), 400, "events");
		assertProblem(post("/api/v1/events", "{}"), 400, "events");
		assertProblem(post("/api/v1/events", "{\"events\": []}"), 400, "events");
		assertProblem(post("/api/v1/events", "{\"events\": [1, null]}"), 400, "events[0]");
		assertThat(post("/api/v1/events", "{\"events\": [").status()).isEqualTo(400);
	}

	@Test
	void moreThanTenThousandEventsIs413() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		var events = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 10_001; i++) {
			events.add(event(account, "u-" + (i % 50), "LOGIN", recently));
		}
		Response r = send(events);
		assertProblem(r, 413, "events");
		assertThat(rawEvents(account)).isZero();
	}

	/** The batch is read as a stream: reading stops at the first event over the limit, whatever follows. */
	@Test
	void aBatchOverTheLimitIsRefusedAtItsFirstExtraEventWithoutReadingTheRest() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String one = json.writeValueAsString(event(account, "u-1", "LOGIN", recently));
		var body = new StringBuilder("{\"events\":[");
		for (int i = 0; i < 10_001; i++) body.append(one).append(',');
		body.append("this is not JSON and is never read");
		Response r = post("/api/v1/events", body.toString());
		assertProblem(r, 413, "events");
		assertThat(r.raw()).contains("at most 10000 events");
		assertThat(rawEvents(account)).isZero();
	}

	@Test
	void otherTopLevelFieldsAreSkippedAndMalformedJsonIsA400Problem() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String one = json.writeValueAsString(event(account, "u-2", "LOGIN", recently));
		Response ok = post("/api/v1/events", "{\"source\":{\"app\":[1,2]},\"events\":[" + one + "],\"n\":1}");
		assertThat(ok.status()).as(ok.raw()).isEqualTo(202);
		Response broken = post("/api/v1/events", "{\"events\":[" + one + ",{\"type\":}]}");
		assertProblem(broken, 400, "body");
		assertThat(broken.raw()).contains("not well-formed JSON");
		assertThat(post("/api/v1/events", "[]").status()).isEqualTo(400);
		assertProblem(post("/api/v1/events", "{\"events\":{}}"), 400, "events");
	}

	@Test
	void ingestionTokensPostEventsAndNothingElse() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		Response created = post("/api/v1/admin/tokens", Map.of("name", unique("product"), "scope", "INGEST"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String ingest = created.body().get("token").asString();
		Response posted = call("POST", "/api/v1/events",
				Map.of("events", List.of(event(account, "u-1", "LOGIN", recently))), ingest);
		assertThat(posted.status()).as(posted.raw()).isEqualTo(202);
		assertThat(call("GET", "/api/v1/accounts", null, ingest).status()).isEqualTo(403);
		assertThat(call("GET", "/api/v1/accounts/" + account + "/adoption", null, ingest).status()).isEqualTo(403);
		assertThat(call("POST", "/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 10, 1000, "en"),
				ingest).status()).isEqualTo(403);
		// A staff token with a full role is not an ingestion token either.
		String csm = post("/api/v1/admin/tokens", Map.of("name", unique("csm"), "role", "CSM")).body().get("token")
			.asString();
		assertThat(call("POST", "/api/v1/events", Map.of("events", List.of(event(account, "u-1", "LOGIN", recently))),
				csm).status()).isEqualTo(403);
		assertThat(call("POST", "/api/v1/events", Map.of("events", List.of()), null).status()).isEqualTo(401);
	}

	@Test
	void accountsByIdOrExternalIdAndEarlyWinsDetectedOnce() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String external = get("/api/v1/accounts/" + account).body().get("externalId").asString();
		var byExternal = new LinkedHashMap<String, Object>(Map.of("accountExternalId", external, "userId", "u-9",
				"type", "REPORT_GENERATED", "occurredAt", recently.toString()));
		sendOk(List.of(event(account, "u-1", "LOGIN", recently), byExternal));
		sendOk(List.of(event(account, "u-2", "LOGIN", recently.minusSeconds(3600)),
				event(account, "u-2", "DATA_IMPORTED", recently)));
		var wins = get("/api/v1/accounts/" + account + "/early-wins").body();
		assertThat(wins.findValuesAsString("kind")).containsExactlyInAnyOrder("FIRST_LOGIN", "FIRST_REPORT_GENERATED",
				"FIRST_DATA_IMPORT");
		// The earlier login of the second batch moved the first login back; it is still one win.
		for (var w : wins) {
			if (w.get("kind").asString().equals("FIRST_LOGIN")) {
				assertThat(w.get("userId").asString()).isEqualTo("u-2");
			}
		}
	}

	@Test
	void rawEventsKeepBackslashesTabsLineBreaksAndNonAsciiTextExactly() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		var awkward = event(account, "ñoño\\ユーザー", "FEATURE_USED", recently);
		awkward.put("id", unique("ev\\N"));
		awkward.put("feature", "reports");
		var properties = new LinkedHashMap<String, Object>();
		properties.put("path", "C:\\temp\\new");
		properties.put("note", "line one\nline\ttwo\r");
		properties.put("quote", "\"\\N\"");
		awkward.put("properties", properties);
		// A user id that is exactly COPY's null marker is text like any other.
		var plain = event(account, "\\N", "LOGIN", recently);
		sendOk(List.of(awkward, plain));
		var stored = jdbc.sql("""
				select user_id, event_id, feature, properties->>'path', properties->>'note', case when properties is null then 'none' else 'some' end,
				       properties->>'quote', occurred_at
				from usage_event where account_id = ? order by user_id = '\\N'""").param(account)
			.query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3)),
					String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5)), String.valueOf(rs.getString(6)),
					String.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant().toString()))
			.list();
		assertThat(stored).hasSize(2);
		assertThat(stored.getFirst()).containsExactly("ñoño\\ユーザー", awkward.get("id").toString(), "reports",
				"C:\\temp\\new", "line one\nline\ttwo\r", "some", "\"\\N\"", recently.toString());
		// Absent values are SQL nulls, not the text "\N"; the text "\N" itself is kept.
		assertThat(stored.get(1).subList(0, 6)).containsExactly("\\N", "null", "null", "null", "null", "none");
		assertThat(jdbc.sql("select count(*) from usage_event where account_id = ? and event_id is null and feature is null")
			.param(account).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void aLaterBatchDoesNotWaitOnAWinAlreadyRecordedEarlier() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		ingestion.record(List.of(new UsageEvent(account, "u-1", UsageEventType.LOGIN, null, recently)));
		// Another transaction holds the account's first-login row, as a concurrent batch would.
		try (var held = dataSource.getConnection()) {
			held.setAutoCommit(false);
			try (var lock = held.prepareStatement(
					"select 1 from early_win where account_id = ? and kind = 'FIRST_LOGIN' for update")) {
				lock.setObject(1, account);
				lock.executeQuery().close();
			}
			var later = java.util.concurrent.CompletableFuture.supplyAsync(() -> ingestion.record(
					List.of(new UsageEvent(account, "u-2", UsageEventType.LOGIN, null, recently.plusSeconds(60)))));
			// The later login changes nothing about the win, so its batch neither waits nor blocks.
			assertThat(later.get(10, java.util.concurrent.TimeUnit.SECONDS).accepted()).isEqualTo(1);
			held.rollback();
		}
		assertThat(jdbc.sql("select user_id from early_win where account_id = ? and kind = 'FIRST_LOGIN'")
			.param(account).query(String.class).single()).isEqualTo("u-1");
		assertThat(jdbc.sql("select logins from usage_user where account_id = ? and user_id = 'u-2'").param(account)
			.query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void earlyWinsAndUsageArePublishedOncePerAccount() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		// The events recorded here are those published on this thread: the background counter waits meanwhile.
		counting.stop();
		try {
			earlyWinsAndUsagePublished(account);
		}
		finally {
			counting.start();
		}
	}

	private void earlyWinsAndUsagePublished(UUID account) {
		ingestion.record(List.of(new UsageEvent(account, "u-1", UsageEventType.LOGIN, null, recently),
				new UsageEvent(account, "u-1", UsageEventType.WORKFLOW_CREATED, null, recently),
				new UsageEvent(account, "u-2", UsageEventType.LOGIN, null, recently.plusSeconds(5))));
		ingestion.record(List.of(new UsageEvent(account, "u-3", UsageEventType.LOGIN, null, recently.plusSeconds(9))));
		assertThat(published.stream(EarlyWinDetected.class).filter(e -> e.accountId().equals(account))
			.map(EarlyWinDetected::kind)).containsExactlyInAnyOrder(EarlyWinKind.FIRST_LOGIN,
					EarlyWinKind.FIRST_WORKFLOW_CREATED);
		assertThat(published.stream(UsageRecorded.class).filter(e -> e.accountIds().contains(account))).hasSize(2);
	}

	@Test
	void partitionsAreCreatedPerMonthAndDroppedAfterTheRetention() {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(120));
		YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
		YearMonth earlier = thisMonth.minusMonths(3);
		// The last second of one month and the first of the next land in two partitions.
		Instant lastSecond = earlier.atEndOfMonth().atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
		Instant firstSecond = earlier.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		sendOk(List.of(event(account, "u-1", "LOGIN", lastSecond), event(account, "u-1", "LOGIN", firstSecond)));
		assertThat(jdbc.sql("select count(*) from " + Partitions.name(earlier) + " where account_id = :a")
			.param("a", account).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from " + Partitions.name(earlier.plusMonths(1)) + " where account_id = :a")
			.param("a", account).query(Long.class).single()).isEqualTo(1);
		// The metrics read the rollups across the boundary: one user active on both days, in both months.
		LocalDate firstDay = earlier.plusMonths(1).atDay(1);
		var onFirst = get("/api/v1/accounts/" + account + "/adoption?asOf=" + firstDay).body();
		assertThat(onFirst.get("dailyActiveUsers").asInt()).isEqualTo(1);
		assertThat(onFirst.get("weeklyActiveUsers").asInt()).isEqualTo(1);
		assertThat(get("/api/v1/accounts/" + account + "/adoption?asOf=" + firstDay.minusDays(1)).body()
			.get("dailyActiveUsers").asInt()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from usage_user_day where account_id = :a").param("a", account)
			.query(Long.class).single()).isEqualTo(2);
		// Ahead of time: next months exist before any event needs them.
		assertThat(partitionNames()).contains(Partitions.name(thisMonth.plusMonths(1)),
				Partitions.name(thisMonth.plusMonths(2)));
		partitions.ensure(List.of(YearMonth.of(2019, 1)));
		assertThat(partitionNames()).contains("usage_event_2019_01");
		assertThat(partitions.dropExpired()).contains("usage_event_2019_01").doesNotContain(Partitions.name(earlier));
		assertThat(partitionNames()).doesNotContain("usage_event_2019_01");
		// Events older than the retention are refused rather than stored where they would be dropped.
		Response old = send(List.of(event(account, "u-1", "LOGIN", Instant.parse("2019-01-15T10:00:00Z"))));
		assertProblem(old, 400, "events[0].occurredAt");
	}

	private List<String> partitionNames() {
		return jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent where p.relname = 'usage_event'""").query(String.class).list();
	}

	/** Posts a batch as a product does, without counting it here (the background counter does). */
	private int sendUncounted(List<Map<String, Object>> events) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("events", events)))).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private long count(String sql, UUID account) {
		Long n = jdbc.sql(sql).param("a", account).query(Long.class).single();
		return n == null ? 0 : n;
	}

	@Test
	void aBatchIsCountedIntoTheFiguresInTheBackgroundAndTheFiguresSayUpToWhen() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		var events = List.of(event(account, "u-1", "LOGIN", recently), feature(account, "u-2", "reports", recently));
		Instant acknowledged;
		counting.stop();
		try {
			assertThat(sendUncounted(events)).isEqualTo(202);
			acknowledged = Instant.now();
			// Stored at once; not in the figures yet, and the figures say so.
			assertThat(rawEvents(account)).isEqualTo(2);
			var before = get("/api/v1/accounts/" + account + "/adoption").body();
			assertThat(before.get("activatedUsers").asInt()).isZero();
			assertThat(Instant.parse(before.get("usageCountedThrough").asString())).isBefore(acknowledged);
		}
		finally {
			counting.start();
		}
		// The counter counts it on its own, within its interval.
		await(() -> get("/api/v1/accounts/" + account + "/adoption").body().get("activatedUsers").asInt() == 2);
		var after = get("/api/v1/accounts/" + account + "/adoption").body();
		assertThat(Instant.parse(after.get("usageCountedThrough").asString())).isAfter(acknowledged);
		assertThat(after.get("coreFeaturesAdopted").asInt()).isGreaterThanOrEqualTo(0);
		assertThat(count("select sum(uses) from usage_feature where account_id = :a", account)).isEqualTo(1);
	}

	@Test
	void aDamagedBatchIsDroppedAndTheOthersCountedWhileANewerVersionsBatchStopsTheCount() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		// Format 1 cut short after its count of user-days; and a format only a newer version writes.
		byte[] damaged = { 0, 0, 0, 1, 0, 0, 0, 5, 1, 2 };
		byte[] newer = { 0, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0, 0 };
		counting.stop();
		try {
			jdbc.sql("insert into usage_pending (received_at, deltas) values (now(), :d)").param("d", damaged).update();
			assertThat(sendUncounted(List.of(event(account, "u-1", "LOGIN", recently)))).isEqualTo(202);
			counting.countPending();
			// The good batch is counted; the damaged one is gone and holds nothing up.
			assertThat(count("select sum(logins) from usage_user where account_id = :a", account)).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from usage_pending").query(Long.class).single()).isZero();

			// A newer version's batch: this version counts nothing (an erasure here must not finish past it) and
			// loses nothing; the instances that read it count it all.
			jdbc.sql("insert into usage_pending (received_at, deltas) values (now(), :d)").param("d", newer).update();
			assertThat(sendUncounted(List.of(event(account, "u-2", "LOGIN", recently)))).isEqualTo(202);
			assertThatThrownBy(() -> counting.countPending()).hasMessageContaining("format 99");
			assertThat(jdbc.sql("select count(*) from usage_pending").query(Long.class).single()).isEqualTo(2);
			assertThat(count("select sum(logins) from usage_user where account_id = :a", account)).isEqualTo(1);
		}
		finally {
			jdbc.sql("delete from usage_pending where deltas = :d").param("d", newer).update();
			counting.start();
		}
		counting.countPending();
		assertThat(count("select sum(logins) from usage_user where account_id = :a", account)).isEqualTo(2);
	}

	@Test
	void concurrentBatchesOfOneAccountAreEachCountedExactlyOnce() throws Exception {
		UUID account = account(50, "DAILY", LocalDate.now().minusDays(3));
		int clients = 4;
		int batches = 6;
		var sent = new java.util.concurrent.atomic.AtomicInteger();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
		try {
			var done = new ArrayList<java.util.concurrent.Future<?>>();
			for (int c = 0; c < clients; c++) {
				int client = c;
				done.add(pool.submit(() -> {
					for (int b = 0; b < batches; b++) {
						var events = new ArrayList<Map<String, Object>>();
						for (int i = 0; i < 150; i++) {
							Instant at = recently.minus((client * 7 + b * 3 + i) % 50, ChronoUnit.HOURS);
							events.add(i % 4 == 0 ? event(account, "u-" + (i % 9), "LOGIN", at)
									: feature(account, "u-" + (i % 9), "f-" + (i % 5), at));
						}
						assertThat(sendUncounted(events)).isEqualTo(202);
						sent.addAndGet(events.size());
					}
					return null;
				}));
			}
			for (var f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			pool.shutdown();
		}
		counting.countPending();
		long raw = rawEvents(account);
		assertThat(raw).isEqualTo(sent.get()).isEqualTo(clients * batches * 150L);
		assertThat(jdbc.sql("select count(*) from usage_pending").query(Long.class).single()).isZero();
		assertThat(count("select sum(events) from usage_user_day where account_id = :a", account)).isEqualTo(raw);
		assertThat(count("select sum(events) from usage_user where account_id = :a", account)).isEqualTo(raw);
		assertThat(count("select sum(logins) from usage_user where account_id = :a", account))
			.isEqualTo(count("select count(*) from usage_event where account_id = :a and type = 'LOGIN'", account));
		assertThat(count("select sum(uses) from usage_feature where account_id = :a", account))
			.isEqualTo(count("select count(*) from usage_event where account_id = :a and type = 'FEATURE_USED'", account));
		// First and last times are the extremes over every batch, whichever count took each.
		assertThat(jdbc.sql("""
				select bool_and(u.first_seen = e.first and u.last_seen = e.last) from usage_user u
				join (select user_id, min(occurred_at) as first, max(occurred_at) as last from usage_event
				      where account_id = :a group by user_id) e on e.user_id = u.user_id
				where u.account_id = :a""").param("a", account).query(Boolean.class).single()).isTrue();
	}

	@Test
	void erasureReachesUsageNotYetCounted() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(3));
		String user = unique("person") + "@example.com";
		counting.stop();
		try {
			assertThat(sendUncounted(List.of(event(account, user, "LOGIN", recently)))).isEqualTo(202);
			assertThat(jdbc.sql("select count(*) from usage_pending").query(Long.class).single()).isPositive();
			var erased = post("/api/v1/privacy/erasures", Map.of("accountId", account, "userId", user, "reason", "Asked"));
			assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
		}
		finally {
			counting.start();
		}
		counting.countPending();
		// Counted before the erasure, inside it: the person's login is in the figures under a pseudonym only.
		assertThat(jdbc.sql("select user_id from usage_user where account_id = :a").param("a", account)
			.query(String.class).list()).singleElement().asString().startsWith("erased-");
		assertThat(com.onward.testing.CatalogueScan.find(jdbc, user)).isEmpty();
	}
}
