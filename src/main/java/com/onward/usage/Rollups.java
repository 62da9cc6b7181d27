package com.onward.usage;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch's rollup deltas (see {@link RollupDeltas}), stored beside its raw events for {@link UsageCounting} to
 * count into the rollups; and the batch's early wins and new feature keys, recorded at once.
 */
final class Rollups {

	record WinKey(UUID account, EarlyWinKind kind) implements Comparable<WinKey> {
		private static final Comparator<WinKey> ORDER = Comparator.comparing(WinKey::account)
			.thenComparing(WinKey::kind);

		public int compareTo(WinKey o) {
			return ORDER.compare(this, o);
		}
	}

	/** The first occurrence of an early win in the batch, and who reached it. */
	static final class FirstWin {
		Instant at;
		String user;
	}

	final RollupDeltas deltas = new RollupDeltas();
	// In key order: concurrent batches of one account lock its early-win rows in the same order.
	final TreeMap<WinKey, FirstWin> wins = new TreeMap<>();

	Rollups(List<EventBatch.Parsed> accepted, Map<Integer, UUID> accountOf, ZoneId zone) {
		for (var e : accepted) {
			UUID account = accountOf.get(e.index());
			Instant at = e.occurredAt();
			boolean login = e.type() == UsageEventType.LOGIN;
			deltas.days.computeIfAbsent(new RollupDeltas.DayKey(account, LocalDate.ofInstant(at, zone), e.userId()),
					k -> new RollupDeltas.Counts()).add(at, login);
			if (e.feature() != null && e.type() == UsageEventType.FEATURE_USED) {
				deltas.features.computeIfAbsent(new RollupDeltas.FeatureKey(account, e.feature()),
						k -> new RollupDeltas.Counts()).add(at, false);
			}
			EarlyWinKind win = e.type().earlyWin();
			if (win != null) {
				FirstWin first = wins.computeIfAbsent(new WinKey(account, win), k -> new FirstWin());
				if (first.at == null || at.isBefore(first.at)) {
					first.at = at;
					first.user = e.userId();
				}
			}
		}
	}

	/** Stores the batch's deltas for the counter, in the batch's transaction: one row, whatever its size. */
	void writePending(JdbcTemplate jdbc, Timestamp received) {
		jdbc.update("insert into usage_pending (received_at, deltas) values (?, ?)", received, deltas.toBytes());
	}

	/** Lists feature keys never seen before in the vendor's catalogue. */
	void newFeatures(JdbcTemplate jdbc, Timestamp received) {
		// In key order, so concurrent batches introducing the same keys never deadlock.
		var keys = new TreeSet<String>();
		deltas.features.keySet().forEach(k -> keys.add(k.feature()));
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
			at[i] = entry.getValue().at.toString();
			u[i] = entry.getValue().user;
			i++;
		}
		// A late-arriving earlier event moves the time back but is not a second win (xmax = 0 only on insert).
		// A win already recorded at or before the batch's first event is left out before the upsert, which
		// would lock its row even when it changes nothing: a win's time only ever moves back, so such a row
		// never needs this batch, and every batch of a busy account would otherwise queue on it. The rows keep
		// the batch's key order whatever join the planner picks for that test, so batches never deadlock.
		return jdbc.query(con -> RollupDeltas.statement(con, """
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
				RollupDeltas.array(con, "uuid", a), RollupDeltas.array(con, "text", k), RollupDeltas.array(con, "text", at),
				RollupDeltas.array(con, "text", u)),
				(rs, row) -> rs.getBoolean("inserted")
						? new EarlyWinDetected(rs.getObject(1, UUID.class), EarlyWinKind.valueOf(rs.getString(2)),
								rs.getTimestamp(3).toInstant(), rs.getString(4))
						: null)
			.stream().filter(java.util.Objects::nonNull).toList();
	}
}
