package com.onward.usage;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * records the Idempotency-Key, the event ids, the raw events, the batch's rollup deltas and its early wins,
 * so a {@code 202} means every accepted event is committed and a rejected batch stores nothing. The deltas
 * reach the adoption figures a moment later through {@link UsageCounting}, which folds the deltas of many
 * batches at once: batches of one busy account no longer queue on that account's rollup rows. Rows shared
 * between batches (event ids, feature keys, early wins) are written in key order, so concurrent batches for
 * the same accounts do not deadlock.
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
	private final UsageCounting counting;
	private final Clock clock;

	Ingestion(JdbcTemplate jdbc, TransactionTemplate tx, Partitions partitions, ApplicationEventPublisher events,
			UsageProperties props, UsageCounting counting, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.partitions = partitions;
		this.events = events;
		this.props = props;
		this.counting = counting;
		this.clock = clock;
	}

	/**
	 * Records events built in code (demo data, imports): the same storage path as the API, with the batch's
	 * validity guaranteed by the types. Accounts must exist. Returns once the events are counted into the
	 * adoption figures, which the callers read next.
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
		Result result = tx.execute(status -> store(parsed, accountOf, null, clock.instant(), clock.getZone()));
		counting.countPending();
		return result;
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
		counting.admitBatch();
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
		rollups.newFeatures(jdbc, received);
		rollups.writePending(jdbc, received);
		// Last, in the order erasure and account deletion lock the same tables: the early wins rarely lock
		// anything (a win recorded before is left out first).
		for (EarlyWinDetected win : rollups.earlyWins(jdbc)) {
			events.publishEvent(win);
		}
		return new Result(accepted.size(), parsed.size() - accepted.size());
	}

	/** Records the events' ids; an id seen before (or twice in this batch) is a duplicate. */
	private List<EventBatch.Parsed> withoutSeenIds(List<EventBatch.Parsed> parsed, Timestamp received) {
		var ids = new TreeSet<String>();
		parsed.forEach(e -> { if (e.id() != null) ids.add(e.id()); });
		if (ids.isEmpty()) {
			return parsed;
		}
		// In sorted order: two batches sharing ids (a client's retry beside the original) take their keys' locks
		// in the same order and never deadlock.
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

	/**
	 * The raw events go in by {@code COPY} on the batch's own connection, so inside its transaction: for
	 * PostgreSQL the cheapest way in (an {@code insert … select from unnest(…)} of seven arrays cost it several
	 * times as much per row), and for us one line of text per event, streamed, instead of seven parameter arrays.
	 */
	private void insertRaw(List<EventBatch.Parsed> accepted, Map<Integer, UUID> accountOf, Timestamp received) {
		String receivedAt = received.toInstant().toString();
		jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) con -> {
			var copy = new org.postgresql.copy.PGCopyOutputStream(con.unwrap(org.postgresql.PGConnection.class), """
					copy usage_event (account_id, user_id, type, feature, occurred_at, event_id, properties, received_at)
					from stdin""", 1 << 16);
			try {
				var rows = new java.io.BufferedWriter(
						new java.io.OutputStreamWriter(copy, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
				for (var e : accepted) {
					rows.append(accountOf.get(e.index()).toString()).append('\t');
					copyField(rows, e.userId()).append('\t');
					rows.append(e.type().name()).append('\t');
					copyField(rows, e.feature()).append('\t');
					rows.append(e.occurredAt().toString()).append('\t');
					copyField(rows, e.id()).append('\t');
					copyField(rows, e.properties()).append('\t');
					rows.append(receivedAt).append('\n');
				}
				rows.flush();
				return copy.endCopy();
			}
			catch (java.io.IOException e) {
				throw new java.sql.SQLException("COPY of the batch's raw events failed", e);
			}
			finally {
				// Whatever went wrong, the connection leaves COPY mode, so the transaction can roll back.
				if (copy.isActive()) copy.cancelCopy();
			}
		});
	}

	/** A value in COPY's text format: {@code \N} for null; backslash, tab and line breaks escaped. */
	private static java.io.Writer copyField(java.io.Writer out, String value) throws java.io.IOException {
		if (value == null) {
			return out.append("\\N");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
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
