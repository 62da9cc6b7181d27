package com.onward.testing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches every text, varchar, char, JSON, JSONB, bytea, uuid and array column of every table
 * in the schema (found from the catalogue, so a table added tomorrow is searched too) for a value.
 */
public final class CatalogueScan {

	public record Hit(String table, String column, long rows) {
		@Override
		public String toString() {
			return table + "." + column + " (" + rows + ")";
		}
	}

	public record Column(String table, String column, String type) {
	}

	private CatalogueScan() {
	}

	public static List<Column> columns(JdbcClient jdbc) {
		return jdbc.sql("""
				select c.table_name, c.column_name, c.data_type
				from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				  and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'uuid', 'ARRAY')
				order by c.table_name, c.ordinal_position""")
			.query((rs, n) -> new Column(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Every column holding {@code needle} (case-insensitively; bytea byte for byte in UTF-8). */
	public static List<Hit> find(JdbcClient jdbc, String needle) {
		var hits = new ArrayList<Hit>();
		String pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		for (Column c : columns(jdbc)) {
			String col = "\"" + c.column() + "\"";
			String where = c.type().equals("bytea") ? "position(convert_to(:n, 'UTF8') in " + col + ") > 0"
					: col + "::text ilike :p";
			long rows = jdbc.sql("select count(*) from \"" + c.table() + "\" where " + where)
				.param("n", needle).param("p", pattern).query(Long.class).single();
			if (rows > 0) hits.add(new Hit(c.table(), c.column(), rows));
		}
		return hits;
	}
}
