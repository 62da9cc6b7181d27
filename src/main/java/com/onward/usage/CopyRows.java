package com.onward.usage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows streamed into a table with {@code COPY … from stdin} on the current transaction's connection, so they
 * are stored or rolled back with it. For PostgreSQL the cheapest way in (an {@code insert … select from
 * unnest(…)} of one array per column cost it several times as much per row), and for us one line of text per
 * row, streamed, instead of an array per column.
 */
final class CopyRows {

	/** Writes the rows: fields separated by {@link #TAB}, each row ended by {@link #END}. */
	interface Rows {
		void write(Writer out) throws IOException;
	}

	static final char TAB = '\t';
	static final char END = '\n';

	private CopyRows() {
	}

	static long copy(JdbcTemplate jdbc, String copySql, Rows rows) {
		Long copied = jdbc.execute((ConnectionCallback<Long>) con -> {
			var copy = new PGCopyOutputStream(con.unwrap(PGConnection.class), copySql, 1 << 16);
			try {
				var out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
				rows.write(out);
				out.flush();
				return copy.endCopy();
			}
			catch (IOException e) {
				throw new SQLException("COPY failed: " + copySql, e);
			}
			finally {
				// Whatever went wrong, the connection leaves COPY mode, so the transaction can roll back.
				if (copy.isActive()) copy.cancelCopy();
			}
		});
		return copied == null ? 0 : copied;
	}

	/** A value in COPY's text format: {@code \N} for null; backslash, tab and line breaks escaped. */
	static Writer field(Writer out, Object value) throws IOException {
		if (value == null) {
			return out.append("\\N");
		}
		String text = value.toString();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
		return out;
	}
}
