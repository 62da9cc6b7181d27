package com.onward.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

/** The batch's rollup rows, aggregated in memory and keyed in sorted order. */
final class Rollups {

	record DayKey(UUID account, LocalDate day, String user) implements Comparable<DayKey> {
		private static final Comparator<DayKey> ORDER = Comparator.comparing(DayKey::account)
			.thenComparing(DayKey::day).thenComparing(DayKey::user);

		public int compareTo(DayKey o) {
			return ORDER.compare(this, o);
		}
	}

	record UserKey(UUID account, String user) implements Comparable<UserKey> {
		private static final Comparator<UserKey> ORDER = Comparator.comparing(UserKey::account)
			.thenComparing(UserKey::user);

		public int compareTo(UserKey o) {
			return ORDER.compare(this, o);
		}
	}

	record FeatureKey(UUID account, String feature) implements Comparable<FeatureKey> {
		private static final Comparator<FeatureKey> ORDER = Comparator.comparing(FeatureKey::account)
			.thenComparing(FeatureKey::feature);

		public int compareTo(FeatureKey o) {
			return ORDER.compare(this, o);
		}
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

	final TreeMap<DayKey, Counts> days = new TreeMap<>();
	final TreeMap<UserKey, Counts> users = new TreeMap<>();
	final TreeMap<FeatureKey, Counts> features = new TreeMap<>();
	final TreeMap<WinKey, Counts> wins = new TreeMap<>();

	Rollups(List<EventBatch.Parsed> accepted, Map<Integer, UUID> accountOf, ZoneId zone) {
		for (var e : accepted) {
			UUID account = accountOf.get(e.index());
			days.computeIfAbsent(new DayKey(account, LocalDate.ofInstant(e.occurredAt(), zone), e.userId()),
					k -> new Counts()).add(e);
			users.computeIfAbsent(new UserKey(account, e.userId()), k -> new Counts()).add(e);
			if (e.feature() != null && e.type() == UsageEventType.FEATURE_USED) {
				features.computeIfAbsent(new FeatureKey(account, e.feature()), k -> new Counts()).add(e);
			}
			EarlyWinKind win = e.type().earlyWin();
			if (win != null) {
				wins.computeIfAbsent(new WinKey(account, win), k -> new Counts()).add(e);
			}
		}
	}

	void write(JdbcTemplate jdbc) {
		writeDays(jdbc);
		writeUsers(jdbc);
		if (!features.isEmpty()) {
			writeFeatures(jdbc);
		}
	}

	private void writeDays(JdbcTemplate jdbc) {
		int n = days.size();
		var a = new UUID[n];
		var d = new String[n];
		var u = new String[n];
		var ev = new Long[n];
		var lg = new Long[n];
		int i = 0;
		for (var entry : days.entrySet()) {
			a[i] = entry.getKey().account();
			d[i] = entry.getKey().day().toString();
			u[i] = entry.getKey().user();
			ev[i] = entry.getValue().events;
			lg[i] = entry.getValue().logins;
			i++;
		}
		jdbc.update(con -> statement(con, """
				insert into usage_user_day (account_id, day, user_id, events, logins)
				select a, d::date, u, e, l from unnest(?::uuid[], ?::text[], ?::text[], ?::int8[], ?::int8[]) as x(a, d, u, e, l)
				on conflict (account_id, day, user_id) do update
				set events = usage_user_day.events + excluded.events, logins = usage_user_day.logins + excluded.logins""",
				array(con, "uuid", a), array(con, "text", d), array(con, "text", u), array(con, "int8", ev),
				array(con, "int8", lg)));
	}

	private void writeUsers(JdbcTemplate jdbc) {
		int n = users.size();
		var a = new UUID[n];
		var u = new String[n];
		var first = new String[n];
		var firstLogin = new String[n];
		var last = new String[n];
		var ev = new Long[n];
		var lg = new Long[n];
		int i = 0;
		for (var entry : users.entrySet()) {
			Counts c = entry.getValue();
			a[i] = entry.getKey().account();
			u[i] = entry.getKey().user();
			first[i] = c.first.toString();
			firstLogin[i] = c.firstLogin == null ? null : c.firstLogin.toString();
			last[i] = c.last.toString();
			ev[i] = c.events;
			lg[i] = c.logins;
			i++;
		}
		jdbc.update(con -> statement(con, """
				insert into usage_user (account_id, user_id, first_seen, first_login, last_seen, events, logins)
				select a, u, f::timestamptz, fl::timestamptz, l::timestamptz, e, lg
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[])
				  as x(a, u, f, fl, l, e, lg)
				on conflict (account_id, user_id) do update
				set first_seen = least(usage_user.first_seen, excluded.first_seen),
				    first_login = least(usage_user.first_login, excluded.first_login),
				    last_seen = greatest(usage_user.last_seen, excluded.last_seen),
				    events = usage_user.events + excluded.events,
				    logins = usage_user.logins + excluded.logins""",
				array(con, "uuid", a), array(con, "text", u), array(con, "text", first), array(con, "text", firstLogin),
				array(con, "text", last), array(con, "int8", ev), array(con, "int8", lg)));
	}

	private void writeFeatures(JdbcTemplate jdbc) {
		int n = features.size();
		var a = new UUID[n];
		var f = new String[n];
		var first = new String[n];
		var last = new String[n];
		var ev = new Long[n];
		int i = 0;
		for (var entry : features.entrySet()) {
			a[i] = entry.getKey().account();
			f[i] = entry.getKey().feature();
			first[i] = entry.getValue().first.toString();
			last[i] = entry.getValue().last.toString();
			ev[i] = entry.getValue().events;
			i++;
		}
		jdbc.update(con -> statement(con, """
				insert into usage_feature (account_id, feature, first_used, last_used, uses)
				select x.a, coalesce(m.merged_into, x.f), min(x.fu::timestamptz), max(x.lu::timestamptz), sum(x.n)::int8
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int8[]) as x(a, f, fu, lu, n)
				left join feature m on m.key = x.f
				group by x.a, coalesce(m.merged_into, x.f)
				order by 1, 2
				on conflict (account_id, feature) do update
				set first_used = least(usage_feature.first_used, excluded.first_used),
				    last_used = greatest(usage_feature.last_used, excluded.last_used),
				    uses = usage_feature.uses + excluded.uses""",
				array(con, "uuid", a), array(con, "text", f), array(con, "text", first), array(con, "text", last),
				array(con, "int8", ev)));
	}

	/** Lists feature keys never seen before in the vendor's catalogue. */
	void newFeatures(JdbcTemplate jdbc, Timestamp received) {
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
