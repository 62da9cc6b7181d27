package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes {@code docs/configuration.md}, the configuration reference, from the configuration metadata the
 * build generates ({@code spring-boot-configuration-processor}: every {@code onward.*} property of the typed
 * property records) and from {@code application.yml}, the one home of the defaults and of the comments that
 * explain them. Run with the tests; commit the file when it changed.
 */
class ConfigurationReferenceTests {

	static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	static final Path YAML = Path.of("src/main/resources/application.yml");

	static final Path REFERENCE = Path.of("docs/configuration.md");

	private static final Pattern KEY = Pattern.compile("^(\\s*)([\\w.\\-]+):\\s*(.*)$");

	record Entry(String value, String comment) {
	}

	@Test
	void writesTheConfigurationReference() throws IOException {
		JsonNode metadata = new ObjectMapper().readTree(Files.readString(METADATA));
		Map<String, Entry> yaml = yaml(Files.readString(YAML));
		var groups = new TreeMap<String, List<JsonNode>>();
		for (JsonNode p : metadata.get("properties")) {
			String name = p.get("name").asString();
			if (name.startsWith("onward.")) {
				String[] parts = name.split("\\.");
				groups.computeIfAbsent(parts[0] + "." + parts[1], k -> new ArrayList<>()).add(p);
			}
		}
		var md = new StringBuilder("""
				# Configuration reference

				Every setting of Onward's own (`onward.*`), with its default. Defaults live in one place,
				`src/main/resources/application.yml`; override any of them as usual for Spring Boot (an environment
				variable such as `ONWARD_HEALTH_GREEN_FROM=85`, a `--onward.health.green-from=85` argument or an
				`application.yml` next to the jar). The property records are checked at start-up: a value of the
				wrong type, an unknown flag code, weights that do not sum to 1 or bands out of order stop the
				application with a message naming the setting.

				This file is generated from the build's configuration metadata and the comments in
				`application.yml` by `ConfigurationReferenceTests` (run `./mvnw test -Dtest=ConfigurationReferenceTests`).
				""");
		int count = 0;
		for (var group : groups.entrySet()) {
			md.append("\n## `").append(group.getKey()).append("`\n\n");
			md.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
			for (JsonNode p : group.getValue()) {
				String name = p.get("name").asString();
				Entry e = yaml.get(name);
				md.append("| `").append(name).append("` | ").append(type(p.path("type").asString(""))).append(" | ")
					.append(e == null || e.value().isEmpty() ? "—" : "`" + cell(e.value()) + "`").append(" | ")
					.append(e == null ? "" : cell(e.comment())).append(" |\n");
				count++;
			}
		}
		Files.writeString(REFERENCE, md.toString());
		assertThat(count).as("onward.* properties documented").isGreaterThan(100);
		assertThat(Files.readString(REFERENCE)).contains("`onward.health.green-from`", "`onward.graduation.blocking-flags`");
	}

	/** A setting application.yml has is not given a second default in code ({@code ${onward.x:default}}). */
	@Test
	void defaultsLiveOnlyInApplicationYml() throws IOException {
		Map<String, Entry> yaml = yaml(Files.readString(YAML));
		Pattern placeholder = Pattern.compile("\\$\\{(onward\\.[a-z.\\-]+):");
		var second = new java.util.TreeSet<String>();
		try (var files = Files.walk(Path.of("src/main/java"))) {
			for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
				Matcher m = placeholder.matcher(Files.readString(f));
				while (m.find()) {
					if (yaml.containsKey(m.group(1))) {
						second.add(f.getFileName() + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(second).as("defaults repeated in code").isEmpty();
	}

	/** Dotted key → (inline value, or "see application.yml" for a block; the comment lines right above it). */
	static Map<String, Entry> yaml(String text) {
		var result = new LinkedHashMap<String, Entry>();
		Deque<Object[]> path = new ArrayDeque<>(); // (indent, key)
		var comment = new StringBuilder();
		String[] lines = text.split("\n");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String trimmed = line.strip();
			if (trimmed.startsWith("#")) {
				comment.append(comment.isEmpty() ? "" : " ").append(trimmed.substring(1).strip());
				continue;
			}
			Matcher m = KEY.matcher(line);
			if (trimmed.isEmpty() || trimmed.startsWith("-") || !m.matches()) {
				if (trimmed.isEmpty()) comment.setLength(0);
				continue;
			}
			int indent = m.group(1).length();
			while (!path.isEmpty() && (int) path.peek()[0] >= indent) {
				path.pop();
			}
			path.push(new Object[] { indent, m.group(2) });
			var keys = new ArrayList<String>();
			path.descendingIterator().forEachRemaining(o -> keys.add((String) o[1]));
			String value = m.group(3).strip();
			// A flow list or map continued on the next lines: joined into one value.
			while ((value.startsWith("[") || value.startsWith("{")) && depth(value) > 0 && i + 1 < lines.length) {
				value = value + " " + lines[++i].strip();
			}
			if (value.isEmpty() && i + 1 < lines.length && lines[i + 1].strip().startsWith("-")) {
				value = "(a list, see application.yml)";
			}
			result.put(String.join(".", keys), new Entry(value, comment.toString()));
			comment.setLength(0);
		}
		return result;
	}

	private static int depth(String value) {
		int depth = 0;
		for (char c : value.toCharArray()) {
			if (c == '[' || c == '{') depth++;
			if (c == ']' || c == '}') depth--;
		}
		return depth;
	}

	private static String type(String javaType) {
		return "`" + javaType.replaceAll("[a-z]+(\\.[a-z]+)*\\.([A-Z])", "$2") + "`";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|");
	}
}
