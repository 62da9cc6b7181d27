package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Walks the application's own OpenAPI description and calls every operation with malformed path
 * ids, query values, bodies and content types (JSON where multipart is expected and the other way
 * round): the answer is never a 5xx, every error is an RFC 9457 problem detail, and a refused
 * request changes nothing (every change is audited, so the audit log stays as it was).
 */
class ApiWalkProperties {

	/** Operations that, called with no usable input, would still run a whole-portfolio job. */
	private static final Set<String> SKIPPED = Set.of("POST /api/v1/health/recompute", "POST /api/v1/automation/sweeps",
			"POST /api/v1/messages/delivery");

	record Operation(String method, String path, List<String> pathParams, List<String> queryParams,
			List<String> contentTypes, List<String> fields) {
	}

	record Call(Operation op, String pathValue, String queryValue, String body, String contentType, String who) {
		@Override
		public String toString() {
			return op.method() + " " + op.path() + " as " + who + " id=" + pathValue + " q=" + queryValue + " ct=" + contentType
					+ " body=" + (body == null ? null : body.length() > 300 ? body.substring(0, 300) + "…" : body);
		}
	}

	private static ConfigurableApplicationContext app;
	private static JdbcTemplate jdbc;
	private static ObjectMapper json;
	private static String base;
	private static final List<Operation> operations = new ArrayList<>();
	private static final AtomicInteger calls = new AtomicInteger();
	/** Who calls: the name in the report and the bearer token sent (null: none). */
	private static final Map<String, String> tokens = new java.util.LinkedHashMap<>();
	/** With -Dwalk.collect=true the walk goes on after a finding and lists them all at the end. */
	private static final boolean COLLECT = Boolean.getBoolean("walk.collect");
	private static final Set<String> findings = new java.util.TreeSet<>();
	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeContainer
	static void start() throws Exception {
		app = new SpringApplicationBuilder(OnwardApplication.class).profiles("test")
			.run("--server.port=0", "--onward.embedded-db.data-dir=target/test-postgres-walk");
		jdbc = app.getBean(JdbcTemplate.class);
		json = app.getBean(ObjectMapper.class);
		base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
		JsonNode doc = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		for (var path : doc.get("paths").properties()) {
			for (var entry : path.getValue().properties()) {
				String method = entry.getKey().toUpperCase();
				if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) continue;
				if (SKIPPED.contains(method + " " + path.getKey())) continue;
				JsonNode op = entry.getValue();
				List<String> pathParams = new ArrayList<>(), query = new ArrayList<>(), types = new ArrayList<>(),
						fields = new ArrayList<>();
				if (op.has("parameters")) {
					for (JsonNode p : op.get("parameters")) {
						if (p.get("in").asString().equals("path")) pathParams.add(p.get("name").asString());
						if (p.get("in").asString().equals("query")) query.add(p.get("name").asString());
					}
				}
				if (op.has("requestBody")) {
					for (var content : op.get("requestBody").get("content").properties()) {
						types.add(content.getKey());
						JsonNode schema = resolve(doc, content.getValue().get("schema"));
						if (schema != null && schema.has("properties")) {
							schema.get("properties").propertyNames().forEach(fields::add);
						}
					}
				}
				operations.add(new Operation(method, path.getKey(), pathParams, query, types, fields));
			}
		}
		assertThat(operations).hasSizeGreaterThan(50);
		tokens.put("admin", IntegrationTest.ADMIN_TOKEN);
		tokens.put("no token", null);
		tokens.put("unknown token", "not-a-real-token-0123456789abcdef0123456789");
		tokens.put("viewer", token(Map.of("name", "walk-viewer", "role", "VIEWER")));
		tokens.put("csm", token(Map.of("name", "walk-csm", "role", "CSM")));
		tokens.put("ingest", token(Map.of("name", "walk-ingest", "scope", "INGEST")));
	}

	private static String token(Map<String, String> body) throws Exception {
		var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/tokens"))
			.header("Authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return json.readTree(r.body()).get("token").asString();
	}

	private static JsonNode resolve(JsonNode doc, JsonNode schema) {
		if (schema == null) return null;
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
			return doc.get("components").get("schemas").get(name);
		}
		return schema;
	}

	@AfterContainer
	static void stop() {
		System.out.println("API walk: " + calls.get() + " requests over " + operations.size() + " operations");
		findings.forEach(f -> System.out.println("FINDING " + f));
		if (app != null) app.close();
	}

	@Property(tries = 2500, shrinking = net.jqwik.api.ShrinkingMode.OFF)
	void noInputGetsA5xxAndRefusedInputChangesNothing(@ForAll("calls") Call call) throws Exception {
		long audited = audited();
		String path = call.op().path();
		for (String p : call.op().pathParams()) {
			path = path.replace("{" + p + "}", URLEncoder.encode(call.pathValue(), StandardCharsets.UTF_8));
		}
		if (!call.op().queryParams().isEmpty() && call.queryValue() != null) {
			path += "?" + call.op().queryParams().get(Math.abs(call.pathValue().hashCode()) % call.op().queryParams().size())
					+ "=" + URLEncoder.encode(call.queryValue(), StandardCharsets.UTF_8);
		}
		var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
			;
		if (tokens.get(call.who()) != null) request.header("Authorization", "Bearer " + tokens.get(call.who()));
		if (call.contentType() != null) request.header("Content-Type", call.contentType());
		request.method(call.op().method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(call.body()));
		HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		calls.incrementAndGet();
		if (COLLECT) {
			String ct = r.headers().firstValue("Content-Type").orElse("");
			if (r.statusCode() >= 500 || (r.statusCode() >= 400 && !ct.startsWith("application/problem+json"))) {
				findings.add(r.statusCode() + " " + ct + " " + call.op().method() + " " + call.op().path() + " ← " + call
						+ " → " + r.body());
			}
			return;
		}
		assertThat(r.statusCode()).as("%s → %s", call, r.body()).isLessThan(500);
		if (r.statusCode() < 300 && !call.op().method().equals("GET")) settle();
		if (r.statusCode() >= 400) {
			assertThat(r.headers().firstValue("Content-Type").orElse("")).as("%s → %s", call, r.body())
				.startsWith("application/problem+json");
			assertThat(audited()).as("%s stored something", call).isEqualTo(audited);
		}
	}

	@Provide
	Arbitrary<Call> calls() {
		Arbitrary<Operation> op = Arbitraries.of(operations);
		Arbitrary<String> ids = Arbitraries.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "0", "-1",
				"99999999999999999999", "' or 1=1--", "%00", "..%2Fadmin", "x".repeat(300), "😀", "null", "true",
				"NaN", "1e309", " ", "a,b", "<script>");
		Arbitrary<String> queries = Arbitraries.oneOf(ids, Arbitraries.of("", "-5", "2026-13-45", "9".repeat(40),
				"1.5", "abc", "%", "_", "\\", "*"), Arbitraries.<String>just(null));
		Arbitrary<String> types = Arbitraries.of("application/json", "multipart/form-data; boundary=xyz",
				"multipart/form-data", "text/csv", "text/plain", "application/xml", "application/x-www-form-urlencoded")
			.injectNull(0.1);
		var names = new ArrayList<String>(tokens.keySet());
		for (int i = 0; i < 6; i++) names.add("admin"); // most calls reach the handlers
		Arbitrary<String> who = Arbitraries.of(names);
		return Combinators.combine(op, ids, queries, types, Arbitraries.integers().between(0, 1_000_000), who)
			.as((o, id, q, type, seed, w) -> new Call(o, id, q, body(o, seed, type), type, w));
	}

	/** A body that is wrong for the operation in one of many ways. */
	private static String body(Operation op, int seed, String type) {
		var random = new java.util.Random(seed);
		String[] fixed = { null, "", "{", "[]", "null", "0", "\"text\"", "{\"unknown\":1}", "[{}]", "{}",
				"--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nname\r\n--xyz--\r\n",
				"name,employees\nAcme,many\n", "a=1&b=2", "[".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}",
				"{\"a\":\"\u0000\"}", "\uFEFF{}", "{\"a\":1e99999}", "{\"a\":1,\"a\":2}", "not json at all",
				"%PDF-1.4 binary" };
		if (op.fields().isEmpty() || random.nextInt(3) == 0) return fixed[random.nextInt(fixed.length)];
		Object[] wrong = { null, "", "x", -1, 1e308, true, List.of(), Map.of(), "2026-13-45", "9".repeat(40),
				List.of(Map.of()), "<img src=x onerror=alert(1)>", "javascript:alert(1)", Long.MIN_VALUE,
				"00000000-0000-0000-0000-000000000000", "2026-02-30", "2026-03-01T25:00:00Z", "P-1D", 0, 2147483648L,
				-0.0, "x".repeat(10_000), List.of("a", 1), Map.of("amount", -1, "currency", "ZZZ") };
		var body = new java.util.LinkedHashMap<String, Object>();
		for (String field : op.fields()) {
			if (random.nextInt(4) == 0) continue;
			body.put(field, wrong[random.nextInt(wrong.length)]);
		}
		try {
			return json.writeValueAsString(body);
		}
		catch (RuntimeException e) {
			return "{}";
		}
	}

	/** After a change that worked, waits until its asynchronous consequences have been audited. */
	private static void settle() throws InterruptedException {
		long last = -1;
		for (int i = 0; i < 20; i++) {
			long now = audited();
			if (now == last) return;
			last = now;
			Thread.sleep(100);
		}
	}

	private static long audited() {
		return jdbc.queryForObject("select count(*) from audit_log", Long.class);
	}
}
