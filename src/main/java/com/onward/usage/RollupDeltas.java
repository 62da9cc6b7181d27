package com.onward.usage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What usage adds to the rollups: per account, user and day, and per account and feature, the events, logins
 * and first and last times. A batch's deltas travel to {@link UsageCounting} as one compact binary value (a
 * row per delta cost PostgreSQL as much as the raw events themselves); the counter merges many batches' and
 * writes each rollup row once.
 */
final class RollupDeltas {

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

	/** Events and logins and their first and last times; {@code firstLogin} is null without a login. */
	static final class Counts {
		Instant first;
		Instant firstLogin;
		Instant last;
		long events;
		long logins;

		void add(Instant at, boolean login) {
			if (first == null || at.isBefore(first)) first = at;
			if (last == null || at.isAfter(last)) last = at;
			events++;
			if (login) {
				logins++;
				if (firstLogin == null || at.isBefore(firstLogin)) firstLogin = at;
			}
		}

		void add(Counts o) {
			if (first == null || o.first.isBefore(first)) first = o.first;
			if (last == null || o.last.isAfter(last)) last = o.last;
			if (o.firstLogin != null && (firstLogin == null || o.firstLogin.isBefore(firstLogin))) firstLogin = o.firstLogin;
			events += o.events;
			logins += o.logins;
		}
	}

	private static final int FORMAT = 1;

	// Hashed while summing (a sorted map cost a batch more than reading its JSON); sorted once when written.
	final Map<DayKey, Counts> days = new HashMap<>();
	final Map<FeatureKey, Counts> features = new HashMap<>();

	Set<UUID> accounts() {
		var accounts = new TreeSet<UUID>();
		days.keySet().forEach(k -> accounts.add(k.account()));
		features.keySet().forEach(k -> accounts.add(k.account()));
		return accounts;
	}

	byte[] toBytes() {
		var bytes = new ByteArrayOutputStream(64 + 96 * (days.size() + features.size()));
		try (var out = new DataOutputStream(bytes)) {
			out.writeInt(FORMAT);
			out.writeInt(days.size());
			for (var entry : days.entrySet()) {
				DayKey k = entry.getKey();
				writeUuid(out, k.account());
				out.writeUTF(k.user());
				out.writeLong(k.day().toEpochDay());
				writeCounts(out, entry.getValue());
			}
			out.writeInt(features.size());
			for (var entry : features.entrySet()) {
				writeUuid(out, entry.getKey().account());
				out.writeUTF(entry.getKey().feature());
				writeCounts(out, entry.getValue());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** A batch's deltas that this version cannot add: written by a newer one, or damaged. */
	static final class Unreadable extends RuntimeException {
		final boolean newer;

		Unreadable(String message, boolean newer, Throwable cause) {
			super(message, cause);
			this.newer = newer;
		}
	}

	/**
	 * Adds a batch's deltas (from {@link #toBytes}) to these, all or nothing: a batch that cannot be read throws
	 * {@link Unreadable} and leaves these as they were.
	 */
	void add(byte[] batch) {
		var dayDeltas = new ArrayList<Map.Entry<DayKey, Counts>>();
		var featureDeltas = new ArrayList<Map.Entry<FeatureKey, Counts>>();
		try (var in = new DataInputStream(new ByteArrayInputStream(batch))) {
			int format = in.readInt();
			if (format != FORMAT) {
				throw new Unreadable("usage delta format " + format + " (this version reads " + FORMAT + ")",
						format > FORMAT, null);
			}
			for (int n = in.readInt(); n > 0; n--) {
				UUID account = readUuid(in);
				String user = in.readUTF();
				dayDeltas.add(Map.entry(new DayKey(account, LocalDate.ofEpochDay(in.readLong()), user), readCounts(in)));
			}
			for (int n = in.readInt(); n > 0; n--) {
				featureDeltas.add(Map.entry(new FeatureKey(readUuid(in), in.readUTF()), readCounts(in)));
			}
			if (in.read() != -1) {
				throw new Unreadable("usage deltas with bytes after their end", false, null);
			}
		}
		catch (IOException | RuntimeException e) {
			throw e instanceof Unreadable u ? u : new Unreadable("damaged usage deltas: " + e, false, e);
		}
		dayDeltas.forEach(d -> days.computeIfAbsent(d.getKey(), k -> new Counts()).add(d.getValue()));
		featureDeltas.forEach(d -> features.computeIfAbsent(d.getKey(), k -> new Counts()).add(d.getValue()));
	}

	/**
	 * Adds these deltas to the rollups: one upsert per rollup table, each row once, sorted so that one account's
	 * rows are written together. Only one count runs at a time (see {@link UsageCounting}), and erasure and
	 * account deletion count first under the same lock, so no other writer of many rollup rows runs beside it.
	 */
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
		for (var entry : sorted(days)) {
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
		var users = new HashMap<UserKey, Counts>();
		days.forEach((k, c) -> users.computeIfAbsent(new UserKey(k.account(), k.user()), u -> new Counts()).add(c));
		int n = users.size();
		var a = new UUID[n];
		var u = new String[n];
		var first = new String[n];
		var firstLogin = new String[n];
		var last = new String[n];
		var ev = new Long[n];
		var lg = new Long[n];
		int i = 0;
		for (var entry : sorted(users)) {
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

	/** A key merged into another counts for the other, as at the time of counting. */
	private void writeFeatures(JdbcTemplate jdbc) {
		int n = features.size();
		var a = new UUID[n];
		var f = new String[n];
		var first = new String[n];
		var last = new String[n];
		var ev = new Long[n];
		int i = 0;
		for (var entry : sorted(features)) {
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

	private static <K extends Comparable<K>> List<Map.Entry<K, Counts>> sorted(Map<K, Counts> rows) {
		var entries = new ArrayList<>(rows.entrySet());
		entries.sort(Map.Entry.comparingByKey());
		return entries;
	}

	private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
		out.writeLong(id.getMostSignificantBits());
		out.writeLong(id.getLeastSignificantBits());
	}

	private static UUID readUuid(DataInputStream in) throws IOException {
		return new UUID(in.readLong(), in.readLong());
	}

	private static void writeCounts(DataOutputStream out, Counts c) throws IOException {
		writeInstant(out, c.first);
		out.writeBoolean(c.firstLogin != null);
		if (c.firstLogin != null) writeInstant(out, c.firstLogin);
		writeInstant(out, c.last);
		out.writeLong(c.events);
		out.writeLong(c.logins);
	}

	private static Counts readCounts(DataInputStream in) throws IOException {
		var c = new Counts();
		c.first = readInstant(in);
		c.firstLogin = in.readBoolean() ? readInstant(in) : null;
		c.last = readInstant(in);
		c.events = in.readLong();
		c.logins = in.readLong();
		return c;
	}

	private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
		out.writeLong(at.getEpochSecond());
		out.writeInt(at.getNano());
	}

	private static Instant readInstant(DataInputStream in) throws IOException {
		return Instant.ofEpochSecond(in.readLong(), in.readInt());
	}

	static java.sql.Array array(Connection con, String type, Object[] values) throws SQLException {
		return con.createArrayOf(type, values);
	}

	static PreparedStatement statement(Connection con, String sql, java.sql.Array... arrays) throws SQLException {
		PreparedStatement ps = con.prepareStatement(sql);
		for (int i = 0; i < arrays.length; i++) {
			ps.setArray(i + 1, arrays[i]);
		}
		return ps;
	}
}
