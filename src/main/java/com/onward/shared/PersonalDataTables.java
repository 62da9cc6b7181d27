package com.onward.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The usual {@link PersonalDataHandler}, declared table by table: a module lists which of its
 * tables belong to an account (with a condition using {@code :a}, the account id, and {@code :p},
 * its project ids as {@code uuid[]}), in deletion order (children first), and which free-text
 * columns may name a person. Deletion, export and free-text erasure follow from that; override
 * {@link #erase} (calling {@code super}) for what is more than free text.
 *
 * <pre>
 * &#64;Component
 * class TrainingPersonalData extends PersonalDataTables {
 *     TrainingPersonalData(JdbcClient jdbc) {
 *         super(jdbc, "training");
 *         table("training_attendance", "attendance", "session_id in (select id from training_session where "
 *                 + BY_PROJECT + ")", "session_id");
 *         table("training_session", "sessions", BY_PROJECT, "position");
 *         redacted("training_attendance", "attendee");
 *     }
 * }
 * </pre>
 */
public abstract class PersonalDataTables implements PersonalDataHandler {

	/** The condition for a table with an {@code account_id} column. */
	protected static final String BY_ACCOUNT = "account_id = :a";

	/** The condition for a table with a {@code project_id} column. */
	protected static final String BY_PROJECT = "project_id = any(cast(:p as uuid[]))";

	private record Table(String name, String exportName, String where, String orderBy) {
	}

	protected final JdbcClient jdbc;
	private final String module;
	private final List<Table> tables = new ArrayList<>();
	private final Map<String, String[]> redacted = new LinkedHashMap<>();
	private final List<String> extraTables = new ArrayList<>();

	protected PersonalDataTables(JdbcClient jdbc, String module) {
		this.jdbc = jdbc;
		this.module = module;
	}

	/** A table whose rows {@code where} selects belong to the account; deleted in declaration order. */
	protected final void table(String name, String exportName, String where, String orderBy) {
		tables.add(new Table(name, exportName, where, orderBy));
	}

	/** Free-text columns of a table where a person's address or user id is replaced by {@code [erased]}. */
	protected final void redacted(String table, String... columns) {
		redacted.put(table, columns);
	}

	/** A table the module erases from by hand (in its own {@link #erase}) without it belonging to an account. */
	protected final void erasedOnly(String table) {
		extraTables.add(table);
	}

	@Override
	public java.util.Set<String> tables() {
		var all = new java.util.TreeSet<String>(extraTables);
		tables.forEach(t -> all.add(t.name()));
		all.addAll(redacted.keySet());
		return all;
	}

	@Override
	public String module() {
		return module;
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		redacted.forEach((table, columns) -> counts.merge(table,
				PersonalDataHandler.redact(jdbc, person.needles(), table, columns), Long::sum));
		return counts;
	}

	@Override
	public Map<String, Long> deleteAccount(AccountScope account) {
		var counts = new LinkedHashMap<String, Long>();
		for (Table t : tables) {
			counts.merge(t.name(), (long) jdbc.sql("delete from " + t.name() + " where " + t.where())
				.param("a", account.accountId()).param("p", account.projects()).update(), Long::sum);
		}
		return counts;
	}

	@Override
	public void export(AccountScope account, Export export) {
		for (Table t : tables) {
			export.rows(t.exportName(), reader -> reader.sql("select * from " + t.name() + " where " + t.where()
					+ " order by " + t.orderBy()).param("a", account.accountId()).param("p", account.projects()));
		}
	}
}
