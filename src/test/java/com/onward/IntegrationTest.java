package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Base of the integration tests: the whole application on a random port against the
 * embedded PostgreSQL, driven over real HTTP. All tests share one context (and database),
 * so each test uses its own external ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

	public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef01234567";

	public record Response(int status, JsonNode body, String raw) {
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected ObjectMapper json;

	@Autowired
	private com.onward.usage.UsageCounting usageCounting;

	private final HttpClient http = HttpClient.newHttpClient();

	protected Response call(String method, String path, Object body) {
		return call(method, path, body, ADMIN_TOKEN);
	}

	protected Response call(String method, String path, Object body, String token) {
		try {
			var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			if (token != null) builder.header("Authorization", "Bearer " + token);
			String payload = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
			builder.header("Content-Type", "application/json");
			builder.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(payload));
			HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			if ("POST".equals(method)) {
				usageCounted(path, response.statusCode());
			}
			String raw = response.body();
			JsonNode node = raw == null || raw.isBlank() ? null : tryParse(raw);
			return new Response(response.statusCode(), node, raw);
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	protected Response callCsv(String path, String csv) {
		try {
			var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv)).build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), tryParse(response.body()), response.body());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Usage batches are counted into the adoption figures a moment after their 202 (in the background); tests
	 * that read those figures next count at once, as the counter would.
	 */
	protected void usageCounted(String path, int status) {
		if (status == 202 && (path.startsWith("/api/v1/events") || path.startsWith("/api/v1/integrations/segment/"))) {
			usageCounting.countPending();
		}
	}

	private JsonNode tryParse(String raw) {
		try {
			return json.readTree(raw);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	protected Response get(String path) {
		return call("GET", path, null);
	}

	protected Response post(String path, Object body) {
		return call("POST", path, body);
	}

	/** Waits up to 5 s for something done after commit (event listeners run asynchronously). */
	protected static void await(java.util.function.BooleanSupplier condition) {
		for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		org.assertj.core.api.Assertions.assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A contract body for a new account (API.md's example shape). */
	protected Map<String, Object> contract(String externalId, String signedAt, int employees, long acvUsd,
			String language) {
		return Map.of("externalId", externalId, "signedAt", signedAt, "account",
				Map.of("externalId", unique("crm"), "name", "Acme " + externalId, "industry", "logistics", "employees",
						employees, "acv", Map.of("amount", acvUsd, "currency", "USD"), "licensedSeats", 150,
						"productType", "DAILY", "technical", true, "language", language, "contacts",
						java.util.List.of(Map.of("name", "Siti Rahma", "email", "siti@acme.example", "role", "PROJECT_LEAD"))));
	}

	protected static void assertProblem(Response r, int status, String field) {
		assertThat(r.status()).as(r.raw()).isEqualTo(status);
		assertThat(r.body().get("title")).isNotNull();
		assertThat(r.body().get("status").asInt()).isEqualTo(status);
		if (field != null) {
			assertThat(r.body().get("errors").findValuesAsString("field")).as(r.raw()).contains(field);
		}
	}
}
