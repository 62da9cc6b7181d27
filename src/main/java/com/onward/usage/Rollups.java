package com.onward.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batch's rollup deltas, summed in memory: one row per account, user and day and one per account and
 * feature, stored beside the raw events for {@link UsageCounting} to fold into the rollups; and the batch's
 * early wins, recorded at once.
 */
final class Rollups {

	record DayKey(UUID account, LocalDate day, String user) {
	}

	record FeatureKey(UUID account, String feature) {
	}

	record WinKey(UUID account, EarlyWinKind kind) implements Comparable<WinKey> {
		private static final Comparator<WinKey> ORDER = Comparator.comparing(WinKey::account)
			.thenComparing(WinKey::kind);

		public int compareTo(WinKey o) {
			return ORDER.compare(this, o);
		}
	}

	static final class Counts {
		Instant first;
		Instant firstLogin;
		Instant last;
		long events;
		long logins;
		String user;

		void add(EventBatch.Parsed e) {
			Instant t = e.occurredAt();
			if (first == null || t.isBefore(first)) {
				first = t;
				user = e.userId();
			}
			if (last == null || t.isAfter(last)) last = t;
			events++;
			if (e.type() == UsageEventType.LOGIN) {
				logins++;
				if (firstLogin == null || t.isBefore(firstLogin)) firstLogin = t;
			}
		}
	}

	// No order needed: the pending tables have no key, so nothing waits on their rows.
	final Map<DayKey, Counts> days = new HashMap<>();
	final Map<FeatureKey, Counts> features = new HashMap<>();
	// In key order: concurrent batches of one account lock its early-win rows in the same order.
	final TreeMap<WinKey, Counts> wins = new TreeMap<>();

	Rollups(List<EventBatch.Parsed> accepted, Map<Integer, UUID> accountOf, ZoneId zone) {
		for (var e : accepted) {
			UUID account = accountOf.get(e.index());
			days.computeIfAbsent(new DayKey(account, LocalDate.ofInstant(e.occurredAt(), zone), e.userId()),
					k -> new Counts()).add(e);
			if (e.feature() != null && e.type() == UsageEventType.FEATURE_USED) {
				features.computeIfAbsent(new FeatureKey(account, e.feature()), k -> new Counts()).add(e);
			}
			EarlyWinKind win = e.type().earlyWin();
			if (win != null) {
				wins.computeIfAbsent(new WinKey(account, win), k -> new Counts()).add(e);
			}
		}
	}

	/** Stores the deltas in the pending tables, in the batch's transaction. */
	void writePending(JdbcTemplate jdbc) {
		CopyRows.copy(jdbc, """
				copy usage_user_day_pending (account_id, user_id, day, first_seen, first_login, last_seen, events, logins)
				from stdin""", rows -> {
			for (var entry : days.entrySet()) {
				DayKey k = entry.getKey();
				Counts c = entry.getValue();
				rows.append(k.account().toString()).append(CopyRows.TAB);
				CopyRows.field(rows, k.user()).append(CopyRows.TAB);
				rows.append(k.day().toString()).append(CopyRows.TAB);
				rows.append(c.first.toString()).append(CopyRows.TAB);
				CopyRows.field(rows, c.firstLogin).append(CopyRows.TAB);
				rows.append(c.last.toString()).append(CopyRows.TAB);
				rows.append(Long.toString(c.events)).append(CopyRows.TAB);
				rows.append(Long.toString(c.logins)).append(CopyRows.END);
			}
		});
		if (features.isEmpty()) {
			return;
		}
		CopyRows.copy(jdbc, "copy usage_feature_pending (account_id, feature, first_used, last_used, uses) from stdin",
				rows -> {
					for (var entry : features.entrySet()) {
						Counts c = entry.getValue();
						rows.append(entry.getKey().account().toString()).append(CopyRows.TAB);
						CopyRows.field(rows, entry.getKey().feature()).append(CopyRows.TAB);
						rows.append(c.first.toString()).append(CopyRows.TAB);
						rows.append(c.last.toString()).append(CopyRows.TAB);
						rows.append(Long.toString(c.events)).append(CopyRows.END);
					}
				});
	}

	/** Lists feature keys never seen before in the vendor's catalogue. */
	void newFeatures(JdbcTemplate jdbc, Timestamp received) {
		// In key order, so concurrent batches introducing the same keys never deadlock.
		var keys = new TreeSet<String>();
		features.keySet().forEach(k -> keys.add(k.feature()));
		if (keys.isEmpty()) {
			return;
		}
		jdbc.update(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into feature (key, first_seen) select unnest(?), ? on conflict do nothing""");
			ps.setArray(1, con.createArrayOf("text", keys.toArray()));
			ps.setTimestamp(2, received);
			return ps;
		});
	}

	/** Records each early win's first occurrence; returns those reached for the first time. */
	List<EarlyWinDetected> earlyWins(JdbcTemplate jdbc) {
		if (wins.isEmpty()) {
			return List.of();
		}
		int n = wins.size();
		var a = new UUID[n];
		var k = new String[n];
		var at = new String[n];
		var u = new String[n];
		int i = 0;
		for (var entry : wins.entrySet()) {
			a[i] = entry.getKey().account();
			k[i] = entry.getKey().kind().name();
			at[i] = entry.getValue().first.toString();
			u[i] = entry.getValue().user;
			i++;
		}
		// A late-arriving earlier event moves the time back but is not a second win (xmax = 0 only on insert).
		// A win already recorded at or before the batch's first event is left out before the upsert, which
		// would lock its row even when it changes nothing: a win's time only ever moves back, so such a row
		// never needs this batch, and every batch of a busy account would otherwise queue on it. The rows keep
		// the batch's key order whatever join the planner picks for that test, so batches never deadlock.
		return jdbc.query(con -> statement(con, """
				insert into early_win (account_id, kind, occurred_at, user_id)
				select a, k, o::timestamptz, u
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality as x(a, k, o, u, position)
				where not exists (select 1 from early_win w
				                  where w.account_id = x.a and w.kind = x.k and w.occurred_at <= x.o::timestamptz)
				order by x.position
				on conflict (account_id, kind) do update
				set occurred_at = excluded.occurred_at, user_id = excluded.user_id
				where excluded.occurred_at < early_win.occurred_at
				returning account_id, kind, occurred_at, user_id, xmax = 0 as inserted""",
				array(con, "uuid", a), array(con, "text", k), array(con, "text", at), array(con, "text", u)),
				(rs, row) -> rs.getBoolean("inserted")
						? new EarlyWinDetected(rs.getObject(1, UUID.class), EarlyWinKind.valueOf(rs.getString(2)),
								rs.getTimestamp(3).toInstant(), rs.getString(4))
						: null)
			.stream().filter(java.util.Objects::nonNull).toList();
	}

	private static java.sql.Array array(Connection con, String type, Object[] values) throws SQLException {
		return con.createArrayOf(type, values);
	}

	private static PreparedStatement statement(Connection con, String sql, java.sql.Array... arrays)
			throws SQLException {
		PreparedStatement ps = con.prepareStatement(sql);
		for (int i = 0; i < arrays.length; i++) {
			ps.setArray(i + 1, arrays[i]);
		}
		return ps;
	}
}
