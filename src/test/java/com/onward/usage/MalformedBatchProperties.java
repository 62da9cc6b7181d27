package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.onward.OnwardApplication;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.ObjectMapper;

/**
 * Random malformed batches — each a valid batch with at least one corruption, or broken JSON —
 * never get a 5xx and never store anything. Runs the whole application on its own embedded
 * database (jqwik has its own lifecycle, so it starts Onward itself).
 */
class MalformedBatchProperties {

	private static ConfigurableApplicationContext app;
	private static JdbcTemplate jdbc;
	private static ObjectMapper json;
	private static String base;
	private static String accountId;
	private static String accountExternalId;
	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeContainer
	static void start() throws Exception {
		// Arguments, not default properties: they must win over application-test.yml, or this second
		// application would clean the database directory of the suite's own context.
		app = new SpringApplicationBuilder(OnwardApplication.class).profiles("test")
			.run("--server.port=0", "--onward.embedded-db.data-dir=target/test-postgres-jqwik");
		jdbc = app.getBean(JdbcTemplate.class);
		json = app.getBean(ObjectMapper.class);
		base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
		accountExternalId = "crm-" + UUID.randomUUID();
		var account = Map.of("externalId", accountExternalId, "name", "Property Co", "employees", 20, "acv",
				Map.of("amount", 2000, "currency", "USD"), "licensedSeats", 10, "productType", "DAILY");
		var r = post(json.writeValueAsString(Map.of("externalId", "opp-" + UUID.randomUUID(), "signedAt",
				"2026-03-01T09:00:00Z", "account", account)), "/api/v1/contracts");
		assertThat(r.statusCode()).isEqualTo(201);
		accountId = json.readTree(r.body()).get("accountId").asString();
	}

	@AfterContainer
	static void stop() {
		if (app != null) app.close();
	}

	@Property(tries = 300)
	void malformedBatchesAreRejectedWholeWithoutA5xxAndStoreNothing(@ForAll("malformedBodies") String body)
			throws Exception {
		long events = count("usage_event");
		long pending = count("usage_pending");
		long keys = count("usage_event_key");
		HttpResponse<String> r = post(body, "/api/v1/events");
		assertThat(r.statusCode()).as(body.length() > 2000 ? body.substring(0, 2000) : body).isIn(400, 413);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
		assertThat(count("usage_event")).isEqualTo(events);
		assertThat(count("usage_pending")).as("rollup deltas").isEqualTo(pending);
		assertThat(count("usage_event_key")).isEqualTo(keys);
	}

	@Provide
	Arbitrary<String> malformedBodies() {
		Arbitrary<String> corrupted = Combinators.combine(validEvents(), Arbitraries.integers().between(0, 1000),
				corruption()).as((events, where, corrupt) -> {
					var list = new ArrayList<Object>(events);
					int i = where % list.size();
					list.set(i, corrupt.apply(new LinkedHashMap<>(events.get(i))));
					return json.writeValueAsString(Map.of("events", list));
				});
		Arbitrary<String> broken = Combinators.combine(validEvents(), Arbitraries.integers().between(1, 10_000))
			.as((events, cut) -> {
				String text = json.writeValueAsString(Map.of("events", events));
				return text.substring(0, Math.max(1, Math.min(text.length() - 1, cut)));
			});
		Arbitrary<String> wrongShape = Arbitraries.of("", "null", "[]", "{}", "{\"events\": null}", "{\"events\": {}}",
				"{\"events\": \"LOGIN\"}", "{\"events\": []}", "{\"events\": [[]]}", "{\"events\": [42]}", "\"events\"",
				"{\"events\": [{}]}");
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, corrupted), net.jqwik.api.Tuple.of(1, broken),
				net.jqwik.api.Tuple.of(1, wrongShape));
	}

	private Arbitrary<List<Map<String, Object>>> validEvents() {
		Arbitrary<Map<String, Object>> event = Combinators.combine(
				Arbitraries.of("LOGIN", "FEATURE_USED", "USER_INVITED", "DATA_IMPORTED", "INTEGRATION_CONNECTED",
						"WORKFLOW_CREATED", "REPORT_GENERATED", "CUSTOM"),
				Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12), Arbitraries.integers().between(1, 5000),
				Arbitraries.of(true, false)).as((type, user, minutesAgo, byExternal) -> {
					var e = new LinkedHashMap<String, Object>();
					if (byExternal) e.put("accountExternalId", accountExternalId);
					else e.put("accountId", accountId);
					e.put("userId", "u-" + user);
					e.put("type", type);
					if (type.equals("FEATURE_USED")) e.put("feature", "feature-" + user.length());
					e.put("occurredAt", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).toString());
					return e;
				});
		return event.list().ofMinSize(1).ofMaxSize(20);
	}

	/** One way to spoil an event. */
	private Arbitrary<java.util.function.Function<Map<String, Object>, Object>> corruption() {
		Arbitrary<String> field = Arbitraries.of("accountId", "accountExternalId", "userId", "type", "occurredAt",
				"feature", "id", "properties");
		Arbitrary<Object> wrongValue = Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) i),
				Arbitraries.just(List.of(1, 2)), Arbitraries.just(Map.of("a", 1)), Arbitraries.just(true),
				Arbitraries.just(""), Arbitraries.just("   "), Arbitraries.just("x".repeat(201)),
				Arbitraries.just("bad\u0000nul"), Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s));
		Arbitrary<java.util.function.Function<Map<String, Object>, Object>> setWrong = Combinators
			.combine(field, wrongValue).as((f, v) -> e -> {
				// A random string can be a valid value by chance (an id, a feature): keep only real corruptions.
				Object value = v instanceof String s && (f.equals("id") || f.equals("feature") || f.equals("userId")) && !s.isBlank()
						&& s.length() <= 200 && s.chars().noneMatch(c -> c < 0x20) ? 42 : v;
				if (f.equals("properties") && value instanceof Map) value = List.of(value);
				e.put(f, value);
				return e;
			});
		Arbitrary<java.util.function.Function<Map<String, Object>, Object>> remove = Arbitraries
			.of("userId", "type", "occurredAt").map(f -> e -> {
				e.remove(f);
				return e;
			});
		Arbitrary<java.util.function.Function<Map<String, Object>, Object>> special = Arbitraries.of(
				e -> { e.remove("accountId"); e.remove("accountExternalId"); return e; },
				e -> { e.remove("accountExternalId"); e.put("accountId", UUID.randomUUID().toString()); return e; },
				e -> { e.remove("accountId"); e.put("accountExternalId", "nobody-" + UUID.randomUUID()); return e; },
				e -> { e.put("type", "FEATURE_USED"); e.remove("feature"); return e; },
				e -> { e.put("occurredAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()); return e; },
				e -> { e.put("occurredAt", "2001-01-01T00:00:00Z"); return e; },
				e -> { e.put("occurredAt", "2026-13-45T25:61:00Z"); return e; },
				e -> { e.put("properties", Map.of("text", "nul \u0000 inside")); return e; },
				e -> { e.put("properties", "{\"a\": 1}"); return e; },
				e -> { e.put("type", "login"); return e; },
				e -> "not an event",
				e -> null);
		return Arbitraries.oneOf(setWrong, remove, special);
	}

	private static long count(String table) {
		return jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	private static HttpResponse<String> post(String body, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + com.onward.IntegrationTest.ADMIN_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
