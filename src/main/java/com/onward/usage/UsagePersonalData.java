package com.onward.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * Raw usage events and their rollups. An erased product user keeps their place in every count
 * under a one-way pseudonym (so adoption figures stay right) and loses the free-form event
 * properties. Raw events are dropped by month after {@code onward.usage.raw-retention} by
 * {@link Partitions}, which already runs on its own schedule.
 */
@Component
class UsagePersonalData extends PersonalDataTables {

	private static final String[] TABLES = { "usage_user_day", "usage_user", "early_win", "segment_user_account" };

	/** A user id that is an email address matches in any case, as addresses do. */
	private static final String MATCH = "(user_id = :u or (strpos(:u, '@') > 0 and lower(user_id) = :u))";

	private final UsageCounting counting;

	UsagePersonalData(JdbcClient jdbc, UsageCounting counting) {
		super(jdbc, "usage");
		this.counting = counting;
		table("usage_event", "events", BY_ACCOUNT, "occurred_at");
		table("usage_user_day", "userDays", BY_ACCOUNT, "day, user_id");
		table("usage_user", "users", BY_ACCOUNT, "user_id");
		table("usage_feature", "features", BY_ACCOUNT, "feature");
		table("early_win", "earlyWins", BY_ACCOUNT, "occurred_at");
		table("segment_user_account", "segmentUsers", BY_ACCOUNT, "user_id");
		// Usage received but not yet counted into the rollups: erasure and deletion count it first (below). An export
		// holds it in the raw events.
		erasedOnly("usage_pending");
		redacted("segment_delivery", "problem");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		// New batches wait until this transaction ends and those in flight are waited for; then everything pending is
		// counted here, so the updates below reach every acknowledged event and no later count brings the id back.
		counting.holdBatches();
		counting.countPending();
		var counts = new LinkedHashMap<String, Long>();
		for (var entry : person.pseudonyms().entrySet()) {
			String user = entry.getKey();
			String pseudonym = entry.getValue();
			counts.merge("usage_event", (long) jdbc.sql("update usage_event set user_id = :p, properties = null where "
					+ MATCH + " and (cast(:a as uuid) is null or account_id = :a)")
				.param("p", pseudonym).param("u", user).param("a", person.accountId()).update(), Long::sum);
			for (String table : TABLES) {
				counts.merge(table, (long) jdbc.sql("update " + table
						+ " set user_id = :p where " + MATCH + " and (cast(:a as uuid) is null or account_id = :a)")
					.param("p", pseudonym).param("u", user).param("a", person.accountId()).update(), Long::sum);
			}
		}
		return counts;
	}

	@Override
	public Map<String, Long> deleteAccount(AccountScope account) {
		// As for erasure: no later count writes rollup rows for the deleted account, no batch raw events for it.
		counting.holdBatches();
		counting.countPending(account.accountId());
		return super.deleteAccount(account);
	}
}
