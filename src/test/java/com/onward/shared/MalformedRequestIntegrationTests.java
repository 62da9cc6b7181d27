package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/**
 * Requests that once answered 500 (found by the walk over the OpenAPI description,
 * {@code ApiWalkProperties}): each is the client's mistake and answers a 4xx problem detail.
 */
class MalformedRequestIntegrationTests extends IntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) request.header("Content-Type", contentType);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertProblem(HttpResponse<String> r, int status) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
		assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(r.body()).contains("\"status\":" + status).doesNotContain("Exception");
	}

	@Test
	void multipartWithoutBoundaryOnAGetIsIgnoredNotA500() throws Exception {
		var r = send("GET", "/api/v1/accounts/" + UUID.randomUUID(), "multipart/form-data", "");
		assertProblem(r, 404);
	}

	@Test
	void multipartWithoutBoundaryOnAnUploadIsA400() throws Exception {
		var r = send("POST", "/api/v1/imports/accounts", "multipart/form-data", "name\nx\n");
		assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
		assertThat(r.body()).contains("multipart/form-data");
	}

	@Test
	void aContentTypeNoOperationTakesIsA415Problem() throws Exception {
		var r = send("POST", "/api/v1/imports/accounts", "application/xml", "<a/>");
		assertProblem(r, 415);
		assertThat(r.body()).contains("text/csv");
	}

	@Test
	void aFormBodyWithBrokenPercentEncodingIsNotParsedAhead() throws Exception {
		var r = send("PUT", "/api/v1/accounts/" + UUID.randomUUID() + "/portal", "application/x-www-form-urlencoded",
				"%PDF-1.4 binary");
		assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	@Test
	void aFormParameterNameTheFirewallRefusesIsA400() throws Exception {
		var r = send("POST", "/api/v1/content", "application/x-www-form-urlencoded", "name,employees\nAcme,many\n");
		assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	@Test
	void aRefusedImportIsAProblemDetailThatKeepsItsReport() throws Exception {
		var r = send("POST", "/api/v1/imports/accounts", "text/csv", "name,employees\nAcme,many\n");
		assertProblem(r, 400);
		var body = json.readTree(r.body());
		assertThat(body.get("imported").asBoolean()).isFalse();
		assertThat(body.get("errors").size()).isPositive();
	}

	@Test
	void aMissingOptionalResourceIsA404Problem() throws Exception {
		assertProblem(send("GET", "/api/v1/accounts/" + UUID.randomUUID() + "/enablement", null, null), 404);
	}
}
