package com.onward.privacy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.PersonalDataHandler;
import com.onward.shared.PersonalDataHandler.AccountScope;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes an account's export as a ZIP straight to the response: {@code manifest.json}, then one
 * {@code <module>.json} per module, each {@code {"module": …, "accountId": …, "tables": {name: [row, …]}}}.
 * All queries read one snapshot (a read-only repeatable-read transaction) in chunks of
 * {@value #FETCH_SIZE} rows, so neither the database driver nor this class holds a table whole.
 */
@Component
class AccountExports {

	static final String FORMAT = "onward-account-export/1";
	private static final int FETCH_SIZE = 500;

	private final JdbcClient reader;
	private final TransactionTemplate snapshot;
	private final ObjectMapper json;

	AccountExports(DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json) {
		var template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.reader = JdbcClient.create(template);
		this.snapshot = new TransactionTemplate(transactions);
		snapshot.setReadOnly(true);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.json = json;
	}

	void write(AccountScope scope, Iterable<PersonalDataHandler> handlers, Instant at, OutputStream out) throws IOException {
		var zip = new ZipOutputStream(out);
		OutputStream entry = new NonClosing(zip);
		zip.putNextEntry(new ZipEntry("manifest.json"));
		try (JsonGenerator g = json.createGenerator(entry)) {
			g.writeStartObject();
			g.writeStringProperty("format", FORMAT);
			g.writeStringProperty("accountId", scope.accountId().toString());
			g.writeStringProperty("exportedAt", at.toString());
			g.writeArrayPropertyStart("files");
			for (PersonalDataHandler h : handlers) {
				g.writeString(h.module() + ".json");
			}
			g.writeEndArray();
			g.writeEndObject();
		}
		zip.closeEntry();
		final OutputStream target = entry;
		snapshot.executeWithoutResult(tx -> {
			for (PersonalDataHandler h : handlers) {
				try {
					zip.putNextEntry(new ZipEntry(h.module() + ".json"));
					try (JsonGenerator g = json.createGenerator(target)) {
						g.writeStartObject();
						g.writeStringProperty("module", h.module());
						g.writeStringProperty("accountId", scope.accountId().toString());
						g.writeObjectPropertyStart("tables");
						h.export(scope, (name, query) -> {
							g.writeArrayPropertyStart(name);
							query.apply(reader).query((RowCallbackHandler) rs -> row(g, rs));
							g.writeEndArray();
						});
						g.writeEndObject();
						g.writeEndObject();
					}
					zip.closeEntry();
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
		});
		zip.finish();
		zip.flush();
	}

	private static void row(JsonGenerator g, ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		g.writeStartObject();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			g.writeName(meta.getColumnLabel(i));
			Object value = rs.getObject(i);
			switch (value) {
				case null -> g.writeNull();
				case PGobject pg when pg.getType().startsWith("json") -> {
					if (pg.getValue() == null) g.writeNull();
					else g.writeRawValue(pg.getValue());
				}
				case byte[] bytes -> g.writeBinary(bytes);
				case Timestamp ts -> g.writeString(ts.toInstant().toString());
				case Boolean b -> g.writeBoolean(b);
				case Integer n -> g.writeNumber(n);
				case Long n -> g.writeNumber(n);
				case java.math.BigDecimal n -> g.writeNumber(n);
				case Double n -> g.writeNumber(n);
				case Array array -> {
					g.writeStartArray();
					for (Object o : (Object[]) array.getArray()) {
						if (o == null) g.writeNull();
						else g.writeString(o.toString());
					}
					g.writeEndArray();
				}
				default -> g.writeString(value.toString());
			}
		}
		g.writeEndObject();
	}

	/** The zip stream for one entry: a generator's close ends the JSON, not the archive. */
	private static final class NonClosing extends FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}
}
