package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description is a contract clients are generated from: it names the API, declares and
 * applies the bearer scheme, summarises every operation and documents the problem-detail answers with
 * their schema. It is written to {@code target/openapi.json} and linted with Redocly's recommended
 * rules ({@code npx @redocly/cli lint}), which must report no error.
 */
class OpenApiContractIntegrationTests extends IntegrationTest {

	@Test
	void theDescriptionIsCompleteAndExported() throws Exception {
		Response r = get("/v3/api-docs");
		assertThat(r.status()).isEqualTo(200);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/openapi.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(r.body()));
		JsonNode doc = r.body();

		assertThat(doc.at("/info/title").asString()).isEqualTo("Onward API");
		assertThat(doc.at("/info/version").asString()).isNotBlank();
		assertThat(doc.at("/info/description").asString()).contains("problem");
		assertThat(doc.at("/components/securitySchemes/bearer/type").asString()).isEqualTo("http");
		assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(doc.at("/security/0").has("bearer")).isTrue();
		assertThat(doc.at("/components/schemas/Problem/properties").has("errors")).isTrue();

		List<String> missing = new ArrayList<>();
		int operations = 0;
		for (var path : doc.get("paths").properties()) {
			for (var entry : path.getValue().properties()) {
				if (!Set.of("get", "post", "put", "patch", "delete").contains(entry.getKey())) continue;
				operations++;
				String op = entry.getKey().toUpperCase() + " " + path.getKey();
				JsonNode operation = entry.getValue();
				if (operation.path("summary").asString("").isBlank()) missing.add(op + ": summary");
				for (String status : List.of("400", "401", "403")) {
					JsonNode response = operation.at("/responses/" + status + "/content/application~1problem+json/schema/$ref");
					if (!response.asString("").endsWith("/Problem")) missing.add(op + ": " + status);
				}
				if (path.getKey().contains("{") && operation.at("/responses/404").isMissingNode()) missing.add(op + ": 404");
				if (!entry.getKey().equals("get") && operation.at("/responses/413").isMissingNode()) missing.add(op + ": 413");
			}
		}
		assertThat(operations).isGreaterThan(100);
		assertThat(missing).isEmpty();
	}

	@Test
	void redoclyFindsNoErrorInTheDescription() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("npx"), "npx (Node.js) is not installed");
		Path file = Path.of("target/openapi-lint.json").toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, get("/v3/api-docs").raw());
		Path work = Files.createTempDirectory("redocly");
		var process = new ProcessBuilder("npx", "--yes", "@redocly/cli@" + REDOCLY, "lint", file.toString(),
				"--format=summary").directory(work.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
		System.out.println(output);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("Your API description is valid");
	}

	static final String REDOCLY = "2.77.0";

	private static boolean onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) return true;
		}
		return false;
	}
}
