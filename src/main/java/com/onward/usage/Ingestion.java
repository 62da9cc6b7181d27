package com.onward.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.InvalidInputException.FieldError;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Texts;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * Stores a batch of usage events (ADO-1). Everything is checked first; then one transaction
 * records the Idempotency-Key, the event ids, the raw events and the rollups, so a {@code 202}
 * means every accepted event is committed and a rejected batch stores nothing. Rollup rows are
 * written in key order, so concurrent batches for the same accounts never deadlock.
 */
@Service
public class Ingestion {

	public record Result(int accepted, int duplicates) {
	}

	private final JdbcTemplate jdbc;
	private final TransactionTemplate tx;
	private final Partitions partitions;
	private final ApplicationEventPublisher events;
	private final UsageProperties props;
	private final Clock clock;

	Ingestion(JdbcTemplate jdbc, TransactionTemplate tx, Partitions partitions, ApplicationEventPublisher events,
			UsageProperties props, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.partitions = partitions;
		this.events = events;
		this.props = props;
		this.clock = clock;
	}

	/**
	 * Records events built in code (demo data, imports): the same storage path as the API, with the batch's
	 * validity guaranteed by the types. Accounts must exist.
	 */
	public Result record(List<UsageEvent> events) {
		var parsed = new ArrayList<EventBatch.Parsed>(events.size());
		var accountOf = new HashMap<Integer, UUID>();
		var months = new TreeSet<YearMonth>();
		for (int i = 0; i < events.size(); i++) {
			UsageEvent e = events.get(i);
			parsed.add(new EventBatch.Parsed(i, null, e.accountId(), null, e.userId(), e.type(), e.feature(),
					e.occurredAt(), null));
			accountOf.put(i, e.accountId());
			months.add(YearMonth.from(e.occurredAt().atZone(java.time.ZoneOffset.UTC)));
		}
		if (parsed.isEmpty()) {
			return new Result(0, 0);
		}
		partitions.ensure(months);
		return tx.execute(status -> store(parsed, accountOf, null, clock.instant(), clock.getZone()));
	}

	/**
	 * {@code POST /events}: the body is read as a stream (see {@link EventBatch#stream}), so a batch is
	 * never held whole as text and as a tree, and a batch over the limit is refused at its first extra event.
	 */
	Result ingest(JsonParser body, String idempotencyKey) {
		Instant now = clock.instant();
		String key = Texts.blankToNull(idempotencyKey);
		if (key != null && key.length() > EventBatch.MAX_TEXT) {
			throw InvalidInputException.of("Idempotency-Key", "must be at most " + EventBatch.MAX_TEXT + " characters");
		}
		EventBatch batch;
		try {
			batch = EventBatch.stream(body, props.maxBatch(), now.minus(props.rawRetention()), now.plus(props.maxFuture()));
		}
		catch (tools.jackson.core.JacksonException malformed) {
			// The body's stream failing (e.g. over the size limit, answered 413) is not bad JSON.
			if (malformed instanceof tools.jackson.core.exc.JacksonIOException) throw malformed;
			throw InvalidInputException.of("body", com.onward.shared.ApiProblems.describe(malformed));
		}
		Map<Integer, UUID> accountOf = resolveAccounts(batch);
		if (!batch.errors.isEmpty()) {
			throw new InvalidInputException(batch.errors);
		}
		ZoneId zone = clock.getZone();
		var months = new TreeSet<YearMonth>();
		batch.events.forEach(e -> months.add(YearMonth.from(e.occurredAt().atZone(java.time.ZoneOffset.UTC))));
		partitions.ensure(months);
		return tx.execute(status -> store(batch.events, accountOf, key, now, zone));
	}

	/**
	 * A batch read from another format (Segment): the same checks, account resolution and storage as
	 * {@code POST /events}, plus the caller's own writes in the same transaction, so everything is
	 * stored or nothing. Errors name native fields ({@code events[3].occurredAt}); the caller renames them.
	 */
	Result ingestTranslated(JsonNode body, java.util.function.Consumer<JdbcTemplate> alsoInTransaction) {
		Instant now = clock.instant();
		EventBatch batch = body.get("events").isEmpty() ? new EventBatch()
				: EventBatch.read(body, now.minus(props.rawRetention()), now.plus(props.maxFuture()));
		Map<Integer, UUID> accountOf = resolveAccounts(batch);
		if (!batch.errors.isEmpty()) {
			throw new InvalidInputException(batch.errors);
		}
		ZoneId zone = clock.getZone();
		var months = new TreeSet<YearMonth>();
		batch.events.forEach(e -> months.add(YearMonth.from(e.occurredAt().atZone(java.time.ZoneOffset.UTC))));
		partitions.ensure(months);
		return tx.execute(status -> {
			alsoInTransaction.accept(jdbc);
			return batch.events.isEmpty() ? new Result(0, 0) : store(batch.events, accountOf, null, now, zone);
		});
	}

	int maxBatch() {
		return props.maxBatch();
	}

	/** Resolves every account reference with one query; unknown ones become errors. */
	private Map<Integer, UUID> resolveAccounts(EventBatch batch) {
		var ids = new HashSet<UUID>();
		var externals = new HashSet<String>();
		for (var e : batch.events) {
			if (e.accountId() != null) ids.add(e.accountId());
			if (e.accountExternalId() != null) externals.add(e.accountExternalId());
		}
		var knownIds = new HashSet<UUID>();
		var byExternal = new HashMap<String, UUID>();
		if (!ids.isEmpty() || !externals.isEmpty()) {
			jdbc.query(con -> {
				PreparedStatement ps = con.prepareStatement(
						"select account_id, external_id from account_v where account_id = any(?) or external_id = any(?)");
				ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
				ps.setArray(2, con.createArrayOf("text", externals.toArray()));
				return ps;
			}, rs -> {
				UUID id = rs.getObject(1, UUID.class);
				knownIds.add(id);
				if (rs.getString(2) != null) byExternal.put(rs.getString(2), id);
			});
		}
		var accountOf = new HashMap<Integer, UUID>();
		for (var e : batch.events) {
			UUID account = e.accountId() != null ? (knownIds.contains(e.accountId()) ? e.accountId() : null)
					: byExternal.get(e.accountExternalId());
			if (account == null) {
				String field = e.accountId() != null ? "accountId" : "accountExternalId";
				batch.errors.add(new FieldError("events[" + e.index() + "]." + field, "unknown account '"
						+ (e.accountId() != null ? e.accountId() : e.accountExternalId()) + "'"));
			}
			else if (e.accountId() != null && e.accountExternalId() != null
					&& !account.equals(byExternal.get(e.accountExternalId()))) {
				// Both given: they must name the same account, or the event could land on the wrong one.
				batch.errors.add(new FieldError("events[" + e.index() + "].accountExternalId",
						"'" + e.accountExternalId() + "' is not the external id of account " + e.accountId()));
			}
			else {
				accountOf.put(e.index(), account);
			}
		}
		batch.errors.sort(java.util.Comparator.comparingInt(Ingestion::eventIndex));
		return accountOf;
	}

	private static int eventIndex(FieldError f) {
		int open = f.field().indexOf('[');
		int close = f.field().indexOf(']');
		return open < 0 || close < 0 ? -1 : Integer.parseInt(f.field().substring(open + 1, close));
	}

	private Result store(List<EventBatch.Parsed> parsed, Map<Integer, UUID> accountOf, String key, Instant now,
			ZoneId zone) {
		Timestamp received = Timestamp.from(now);
		if (key != null) {
			int fresh = jdbc.update("""
					insert into usage_batch_key (idempotency_key, events, received_at) values (?, ?, ?)
					on conflict do nothing""", key, parsed.size(), received);
			if (fresh == 0) {
				return new Result(0, parsed.size());
			}
		}
		List<EventBatch.Parsed> accepted = withoutSeenIds(parsed, received);
		if (accepted.isEmpty()) {
			return new Result(0, parsed.size());
		}
		insertRaw(accepted, accountOf, received);
		Rollups rollups = new Rollups(accepted, accountOf, zone);
		rollups.write(jdbc);
		rollups.newFeatures(jdbc, received);
		for (EarlyWinDetected win : rollups.earlyWins(jdbc)) {
			events.publishEvent(win);
		}
		events.publishEvent(new UsageRecorded(List.copyOf(new TreeSet<>(accountOf.values()))));
		return new Result(accepted.size(), parsed.size() - accepted.size());
	}

	/** Records the events' ids; an id seen before (or twice in this batch) is a duplicate. */
	private List<EventBatch.Parsed> withoutSeenIds(List<EventBatch.Parsed> parsed, Timestamp received) {
		var ids = new ArrayList<String>();
		parsed.forEach(e -> { if (e.id() != null) ids.add(e.id()); });
		if (ids.isEmpty()) {
			return parsed;
		}
		Set<String> fresh = new HashSet<>(jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into usage_event_key (event_id, received_at) select unnest(?), ?
					on conflict do nothing returning event_id""");
			ps.setArray(1, con.createArrayOf("text", ids.toArray()));
			ps.setTimestamp(2, received);
			return ps;
		}, (rs, n) -> rs.getString(1)));
		var accepted = new ArrayList<EventBatch.Parsed>(parsed.size());
		for (var e : parsed) {
			// remove() also makes a second use of the same id within this batch a duplicate.
			if (e.id() == null || fresh.remove(e.id())) {
				accepted.add(e);
			}
		}
		return accepted;
	}

	private void insertRaw(List<EventBatch.Parsed> accepted, Map<Integer, UUID> accountOf, Timestamp received) {
		int n = accepted.size();
		var account = new UUID[n];
		var user = new String[n];
		var type = new String[n];
		var feature = new String[n];
		var at = new String[n];
		var eventId = new String[n];
		var properties = new String[n];
		for (int i = 0; i < n; i++) {
			var e = accepted.get(i);
			account[i] = accountOf.get(e.index());
			user[i] = e.userId();
			type[i] = e.type().name();
			feature[i] = e.feature();
			at[i] = e.occurredAt().toString();
			eventId[i] = e.id();
			properties[i] = e.properties();
		}
		jdbc.update(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into usage_event (account_id, user_id, type, feature, occurred_at, event_id, properties, received_at)
					select a, u, t, f, o::timestamptz, i, p::jsonb, ?
					from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as x(a, u, t, f, o, i, p)""");
			ps.setTimestamp(1, received);
			ps.setArray(2, con.createArrayOf("uuid", account));
			ps.setArray(3, con.createArrayOf("text", user));
			ps.setArray(4, con.createArrayOf("text", type));
			ps.setArray(5, con.createArrayOf("text", feature));
			ps.setArray(6, con.createArrayOf("text", at));
			ps.setArray(7, con.createArrayOf("text", eventId));
			ps.setArray(8, con.createArrayOf("text", properties));
			return ps;
		});
	}

	/** The batch's rollup rows, aggregated in memory and keyed in sorted order. */
	private static final class Rollups {

		record DayKey(UUID account, LocalDate day, String user) implements Comparable<DayKey> {
			public int compareTo(DayKey o) {
				int c = account.compareTo(o.account);
				if (c == 0) c = day.compareTo(o.day);
				return c != 0 ? c : user.compareTo(o.user);
			}
		}

		record UserKey(UUID account, String user) implements Comparable<UserKey> {
			public int compareTo(UserKey o) {
				int c = account.compareTo(o.account);
				return c != 0 ? c : user.compareTo(o.user);
			}
		}

		record FeatureKey(UUID account, String feature) implements Comparable<FeatureKey> {
			public int compareTo(FeatureKey o) {
				int c = account.compareTo(o.account);
				return c != 0 ? c : feature.compareTo(o.feature);
			}
		}

		record WinKey(UUID account, EarlyWinKind kind) implements Comparable<WinKey> {
			public int compareTo(WinKey o) {
				int c = account.compareTo(o.account);
				return c != 0 ? c : kind.compareTo(o.kind);
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
			return jdbc.query(con -> statement(con, """
					insert into early_win (account_id, kind, occurred_at, user_id)
					select a, k, o::timestamptz, u from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) as x(a, k, o, u)
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
}
