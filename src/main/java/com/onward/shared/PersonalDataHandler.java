package com.onward.shared;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a module serves the data-protection rights for the personal data in ITS OWN tables
 * (UU 27/2022, PDPA, GDPR): every module that stores anything about an account or a person
 * implements this interface as a Spring bean; the privacy module calls every bean
 * synchronously, inside one transaction, and collects what each changed into the report.
 * <p>
 * Adding a module? Implement this (a package-private {@code @Component} in the module root is
 * enough), name your tables in {@link #erase}, {@link #deleteAccount} and {@link #export}, and
 * the privacy tests (a scan of every column of every table, found from the catalogue) check
 * that nothing was forgotten. Modules holding no personal data are listed as such in
 * {@code PrivacyCoverageTests}. Counts are rows changed, keyed by a short name (usually the table).
 */
public interface PersonalDataHandler {

	/** The module's name: the export file ({@code <module>.json}) and the report's line. */
	String module();

	/**
	 * Erases or irreversibly anonymises the person in this module's tables. Must be idempotent:
	 * a second call changes nothing and reports zeros.
	 */
	Map<String, Long> erase(Person person);

	/** Deletes every row of this module that belongs to the account (its projects included). */
	Map<String, Long> deleteAccount(AccountScope account);

	/** Writes everything this module holds about the account, one named list of rows per table. */
	void export(AccountScope account, Export export);

	/**
	 * The tables this handler takes care of. Every table of the database must be named by a handler
	 * or listed (with its reason) among those holding no customer personal data in
	 * {@code PrivacyCoverageTests}, so a new table cannot be forgotten.
	 */
	Set<String> tables();

	/** Applies the retention periods to this module's tables; counts of rows removed or emptied. */
	default Map<String, Long> applyRetention(Retention retention) {
		return Map.of();
	}

	/**
	 * The person to erase: contact email addresses and product user ids, within one account or
	 * (no account) everywhere. {@code pseudonyms} maps each user id to its one-way pseudonym,
	 * which replaces the id in usage data so that counts and aggregates stay right.
	 * {@code contactIds} are the stakeholder contacts found for these addresses (before they went).
	 */
	record Person(@Nullable UUID accountId, Set<String> emails, Set<String> userIds, Map<String, String> pseudonyms,
			Set<UUID> contactIds) {

		/** What free text is searched for: the addresses, and user ids long enough not to hit other words. */
		public Set<String> needles() {
			var all = new java.util.LinkedHashSet<String>(emails);
			userIds.stream().filter(u -> u.length() >= 6).forEach(all::add);
			return all;
		}

		/** Lower-cased addresses, for comparing with stored ones case-insensitively. */
		public String[] lowerEmails() {
			return emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
		}
	}

	/** An account and its onboarding projects (tables keyed by project belong to it too). */
	record AccountScope(UUID accountId, List<UUID> projectIds) {

		/** The project ids as text, for {@code project_id = any(cast(:p as uuid[]))}. */
		public String[] projects() {
			return projectIds.stream().map(UUID::toString).toArray(String[]::new);
		}
	}

	/**
	 * Where an export writes: each call streams the rows of one query into the module's JSON file
	 * under {@code name}, column by column (uuid and time as strings, json as JSON, bytea as base64).
	 * The module builds its query on the {@link JdbcClient} it is given, which reads in chunks
	 * inside the export's read-only snapshot, so no table is held in memory whole.
	 */
	interface Export {
		void rows(String name, java.util.function.Function<JdbcClient, JdbcClient.StatementSpec> query);
	}

	/** Cut-offs of the configured retention periods as of now; null when a period is not configured. */
	interface Retention {
		@Nullable Instant cutoff(String period);

		Instant now();
	}

	/**
	 * Free-text redaction shared by the handlers: replaces each needle (matched case-insensitively
	 * as a whole token) by {@code [erased]} in the given columns of one of the caller's tables.
	 * JSON columns stay valid JSON. Returns the number of rows changed.
	 */
	static long redact(JdbcClient jdbc, Collection<String> needles, String table, String... columns) {
		if (needles.isEmpty()) return 0;
		String regex = "(?<![A-Za-z0-9_.+@-])(" + String.join("|", needles.stream().map(PersonalDataHandler::quoteRegex).toList())
				+ ")(?![A-Za-z0-9_@-])";
		long changed = 0;
		for (String column : columns) {
			String type = jdbc.sql("""
					select data_type from information_schema.columns
					where table_schema = current_schema() and table_name = :t and column_name = :c""")
				.param("t", table).param("c", column).query(String.class).single();
			String cast = switch (type) {
				case "jsonb" -> "::jsonb";
				case "json" -> "::json";
				case "ARRAY" -> "::text[]";
				default -> "";
			};
			changed += jdbc.sql("update " + table + " set " + column + " = regexp_replace(" + column
					+ "::text, :re, '[erased]', 'gi')" + cast + " where " + column + "::text ~* :re")
				.param("re", regex).update();
		}
		return changed;
	}

	private static String quoteRegex(String s) {
		return s.replaceAll("([\\\\.^$|?*+()\\[\\]{}-])", "\\\\$1");
	}
}
