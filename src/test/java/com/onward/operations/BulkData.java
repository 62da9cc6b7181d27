package com.onward.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The benchmark's data generator ({@code bench/usage-data.sql}: accounts with a copy of a template
 * project, contacts and 90 days of usage) run from a test, at a test's size.
 */
public final class BulkData {

	private BulkData() {
	}

	public static void generate(DataSource dataSource, int accounts, UUID templateProject) {
		try {
			String sql = withIncludes(Path.of("bench/usage-data.sql"))
				.replaceAll("(?m)^\\\\.*$", "") // psql meta-commands (\set, \copy)
				.replace(":'template'", "'" + templateProject + "'")
				.replace(":n", Integer.toString(accounts));
			try (var connection = dataSource.getConnection()) {
				ScriptUtils.executeSqlScript(connection, new ByteArrayResource(sql.getBytes()));
			}
		}
		catch (IOException | java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The script with psql's {@code \ir file} lines replaced by the file (relative to the script), as psql does. */
	private static String withIncludes(Path script) throws IOException {
		var out = new StringBuilder();
		for (String line : Files.readAllLines(script)) {
			java.util.regex.Matcher include = java.util.regex.Pattern.compile("^\\\\ir\\s+(\\S+)\\s*$").matcher(line);
			out.append(include.matches() ? withIncludes(script.resolveSibling(include.group(1))) : line).append('\n');
		}
		return out.toString();
	}
}
