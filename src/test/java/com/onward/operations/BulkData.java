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
			String sql = Files.readString(Path.of("bench/usage-data.sql"))
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
}
