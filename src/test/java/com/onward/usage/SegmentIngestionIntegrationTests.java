package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

class SegmentIngestionIntegrationTests extends UsageTestSupport {

	@Autowired
	UsageCounting counting;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SegmentDeliveries deliveries;

	private final HttpClient http = HttpClient.newHttpClient();
	private final Instant recently = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	private String writeKey() {
		Response created = post("/api/v1/admin/tokens", Map.of("name", unique("segment"), "scope", "INGEST"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.body().get("token").asString();
	}

	/** As Segment sends it: the write key as the HTTP Basic user, an empty password. */
	private Response segment(String path, String writeKey, Object body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/integrations/segment/v1/" + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
		HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
		usageCounted("/api/v1/integrations/segment/v1/" + path, r.statusCode());
		return new Response(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()), r.body());
	}

	private String externalIdOf(UUID account) {
		return get("/api/v1/accounts/" + account).body().get("externalId").asString();
	}

	private long rawEvents(UUID account) {
		return jdbc.sql("select count(*) from usage_event where account_id = :a").param("a", account).query(Long.class).single();
	}

	private static Map<String, Object> seg(String type, String user, Instant at, Object... kv) {
		var c = new LinkedHashMap<String, Object>();
		c.put("type", type);
		c.put("userId", user);
		c.put("messageId", UUID.randomUUID().toString());
		c.put("timestamp", at.toString());
		for (int i = 0; i < kv.length; i += 2) c.put((String) kv[i], kv[i + 1]);
		return c;
	}

	@Test
	void aSegmentBatchGivesTheSameAdoptionAsTheEquivalentNativeEvents() throws Exception {
		LocalDate signed = LocalDate.now().minusDays(10);
		UUID nativeAccount = account(10, "DAILY", signed);
		UUID segmentAccount = account(10, "DAILY", signed);
		String u1 = unique("u"), u2 = unique("u"), u3 = unique("u");
		sendOk(List.of(event(nativeAccount, u1, "LOGIN", recently), feature(nativeAccount, u1, "Report Exported", recently),
				event(nativeAccount, u2, "LOGIN", recently.minusSeconds(7200)), event(nativeAccount, u3, "CUSTOM", recently)));

		String group = externalIdOf(segmentAccount);
		var batch = new ArrayList<Map<String, Object>>();
		batch.add(seg("identify", u1, recently, "traits", Map.of("email", "u1@acme.example")));
		batch.add(seg("group", u1, recently, "groupId", group, "traits", Map.of("name", "Acme")));
		batch.add(seg("group", u2, recently, "groupId", group));
		batch.add(seg("track", u1, recently, "event", "Signed In"));
		batch.add(seg("track", u1, recently, "event", "Report Exported", "properties", Map.of("format", "csv")));
		batch.add(seg("track", u2, recently.minusSeconds(7200), "event", "Signed In"));
		// u3 was never grouped: context.groupId names the account.
		batch.add(seg("page", u3, recently, "name", "Dashboard", "context", Map.of("groupId", group)));
		String key = writeKey();
		Response r = segment("batch", key, Map.of("batch", batch));
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
		assertThat(r.body().get("accepted").asInt()).isEqualTo(4);
		assertThat(r.body().get("ignored").asInt()).isEqualTo(3);

		// Both batches counted into the figures before they are compared (the background counter may not have yet).
		counting.countPending();
		JsonNode expected = get("/api/v1/accounts/" + nativeAccount + "/adoption").body();
		JsonNode actual = get("/api/v1/accounts/" + segmentAccount + "/adoption").body();
		for (String field : List.of("activatedUsers", "weeklyActiveUsers", "monthlyActiveUsers", "activationRate",
				"weeklyActiveRate", "coreFeaturesAdopted")) {
			assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
		}
		assertThat(actual.get("activatedUsers").asInt()).isEqualTo(3);
		assertThat(get("/api/v1/accounts/" + segmentAccount + "/early-wins").body().findValuesAsString("kind"))
			.isEqualTo(get("/api/v1/accounts/" + nativeAccount + "/early-wins").body().findValuesAsString("kind"));
		assertThat(jdbc.sql("select feature from usage_feature where account_id = :a").param("a", segmentAccount)
			.query(String.class).list()).containsExactly("Report Exported");

		// The group calls tie the users: a later single track call needs no group id.
		Response single = segment("track", key, seg("track", u2, recently, "event", "Signed In"));
		assertThat(single.status()).as(single.raw()).isEqualTo(202);
		assertThat(single.body().get("accepted").asInt()).isEqualTo(1);
		assertThat(rawEvents(segmentAccount)).isEqualTo(5);

		// The same messageIds again are duplicates: nothing stored twice.
		Response again = segment("batch", key, Map.of("batch", batch));
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body().get("accepted").asInt()).isZero();
		assertThat(again.body().get("duplicates").asInt()).isEqualTo(4);
		assertThat(rawEvents(segmentAccount)).isEqualTo(5);
	}

	@Test
	void aBadCallRejectsTheWholeBatchNamingTheCall() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(5));
		String group = externalIdOf(account);
		String user = unique("u");
		String key = writeKey();
		var good = seg("track", user, recently, "event", "Signed In", "context", Map.of("groupId", group));
		var noEvent = seg("track", user, recently);
		Response r = segment("batch", key, Map.of("batch", List.of(seg("group", user, recently, "groupId", group), good, noEvent)));
		assertProblem(r, 400, "batch[2].event");
		var future = seg("track", user, Instant.now().plus(30, ChronoUnit.DAYS), "event", "Signed In", "context",
				Map.of("groupId", group));
		assertProblem(segment("batch", key, Map.of("batch", List.of(good, future))), 400, "batch[1].timestamp");
		assertProblem(segment("batch", key, Map.of("batch", List.of(good, seg("group", user, recently, "groupId", "nope")))),
				400, "batch[1].groupId");
		assertProblem(segment("batch", key, Map.of("batch", List.of(good, seg("alias", user, recently)))), 400,
				"batch[1].type");
		assertProblem(segment("track", key, seg("track", unique("stranger"), recently, "event", "Signed In")), 400,
				"userId");
		assertProblem(segment("batch", key, Map.of("calls", List.of())), 400, "batch");
		assertThat(rawEvents(account)).isZero();
		assertThat(jdbc.sql("select count(*) from segment_user_account where user_id = :u").param("u", user)
			.query(Integer.class).single()).isZero();

		// A wrong write key is a 401; a staff token is no write key.
		assertThat(segment("track", "onw_not-a-key", good).status()).isEqualTo(401);
		String csm = post("/api/v1/admin/tokens", Map.of("name", unique("csm"), "role", "CSM")).body().get("token").asString();
		assertThat(segment("track", csm, good).status()).isEqualTo(403);
	}

	@Test
	void theEventNameMappingIsEditable() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(5));
		String group = externalIdOf(account);
		String event = unique("Workflow Built");
		Response put = call("PUT", "/api/v1/admin/segment/mappings", Map.of("event", event, "type", "WORKFLOW_CREATED"));
		assertThat(put.status()).as(put.raw()).isEqualTo(200);
		String renamed = unique("Chart Viewed");
		assertThat(call("PUT", "/api/v1/admin/segment/mappings", Map.of("event", renamed, "type", "FEATURE_USED",
				"feature", "charts")).status()).isEqualTo(200);
		assertProblem(call("PUT", "/api/v1/admin/segment/mappings", Map.of("event", "x", "type", "NOPE")), 400, "type");
		assertThat(get("/api/v1/admin/segment/mappings").body().findValuesAsString("event")).contains("Signed In", "*", event);

		String user = unique("u");
		Response r = segment("batch", writeKey(), Map.of("batch", List.of(
				seg("track", user, recently, "event", event, "context", Map.of("groupId", group)),
				seg("track", user, recently, "event", renamed, "context", Map.of("groupId", group)))));
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
		assertThat(jdbc.sql("select type || ':' || coalesce(feature, '') from usage_event where account_id = :a order by type")
			.param("a", account).query(String.class).list()).containsExactly("FEATURE_USED:charts", "WORKFLOW_CREATED:");
		assertThat(get("/api/v1/accounts/" + account + "/early-wins").body().findValuesAsString("kind"))
			.contains("FIRST_WORKFLOW_CREATED");
		assertThat(call("DELETE", "/api/v1/admin/segment/mappings?event=" + java.net.URLEncoder.encode(event, StandardCharsets.UTF_8), null)
			.status()).isEqualTo(204);
		assertProblem(call("DELETE", "/api/v1/admin/segment/mappings?event=*", null), 400, "event");
	}

	@Test
	void everyDeliveryIsOnRecordWithItsCountsAndProblems() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(5));
		String group = externalIdOf(account);
		String user = unique("u");
		String key = writeKey();
		var batch = List.of(seg("group", user, recently, "groupId", group), seg("track", user, recently, "event", "Signed In"),
				seg("track", user, recently, "event", "Report Exported"));
		assertThat(segment("batch", key, Map.of("batch", batch)).status()).isEqualTo(202);
		SegmentDeliveries.Delivery ok = deliveries.recent().getFirst();
		assertThat(ok).extracting(d -> d.call(), d -> d.status(), d -> d.accepted(), d -> d.duplicates(), d -> d.ignored(),
				d -> d.rejected(), d -> d.problem()).containsExactly("batch", 202, 2, 0, 1, 0, null);

		assertThat(segment("batch", key, Map.of("batch", batch)).status()).isEqualTo(202);
		assertThat(deliveries.recent().getFirst()).extracting(d -> d.accepted(), d -> d.duplicates()).containsExactly(0, 2);

		String stranger = unique("stranger");
		assertProblem(segment("batch", key, Map.of("batch", List.of(seg("track", user, recently, "event", "Signed In"),
				seg("track", stranger, recently, "event", "Signed In"), seg("track", user, recently)))), 400, "batch[1].userId");
		SegmentDeliveries.Delivery bad = deliveries.recent().getFirst();
		assertThat(bad).extracting(d -> d.status(), d -> d.accepted(), d -> d.rejected()).containsExactly(400, 0, 3);
		assertThat(bad.problem()).contains("batch[1].userId", stranger, "batch[2].event");

		assertProblem(segment("track", key, seg("track", user, recently)), 400, "event");
		assertThat(deliveries.recent().getFirst()).extracting(d -> d.call(), d -> d.status(), d -> d.rejected())
			.containsExactly("track", 400, 1);
		assertThat(rawEvents(account)).isEqualTo(2);
		JsonNode listed = get("/api/v1/admin/segment/deliveries").body();
		assertThat(listed.get(0).get("status").asInt()).isEqualTo(400);
		assertThat(listed.get(1).get("problem").asString()).contains(stranger);

		// Only the newest are kept.
		for (int i = 0; i < SegmentDeliveries.KEEP + 3; i++) {
			segment("batch", key, Map.of("calls", List.of()));
		}
		assertThat(jdbc.sql("select count(*) from segment_delivery").query(Integer.class).single())
			.isEqualTo(SegmentDeliveries.KEEP);
	}
}
