package com.onward.support;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.shared.InvalidInputException;
import com.onward.shared.InvalidInputException.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * Stores help-desk tickets from every source (HLT-1): all checked first, then one transaction
 * upserts them on (source, external id), where a stored ticket only changes if the incoming
 * {@code updatedAt} is later, so webhooks delivered out of order or twice do no harm.
 */
@Service
public class Tickets {

	public enum Source {
		API, ZENDESK, FRESHDESK
	}

	public record Result(int created, int updated, int unchanged) {
	}

	public record Ticket(UUID id, String source, String externalId, String requesterEmail, String subject,
			String category, String priority, String status, Instant createdAt, Instant updatedAt, Instant solvedAt,
			Instant pendingSince) {
		public boolean open() {
			return "OPEN".equals(status) || "PENDING_CUSTOMER".equals(status);
		}
	}

	static final int MAX_BATCH = 1000;

	private final JdbcTemplate jdbc;
	private final JdbcClient client;
	private final TransactionTemplate tx;
	private final Accounts accounts;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Tickets(JdbcTemplate jdbc, JdbcClient client, TransactionTemplate tx, Accounts accounts,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.client = client;
		this.tx = tx;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	Instant now() {
		return clock.instant();
	}

	/** {@code POST /api/v1/tickets}: a batch in Onward's shape. */
	Result ingest(JsonNode body) {
		JsonNode list = body == null ? null : body.get("tickets");
		if (list != null && list.isArray() && list.size() > MAX_BATCH) {
			throw InvalidInputException.of("tickets", "must contain at most " + MAX_BATCH + " tickets");
		}
		return store(Source.API, TicketBatch.read(body, clock.instant()));
	}

	/** A checked batch: accounts resolved, then everything stored or nothing. */
	Result store(Source source, TicketBatch batch) {
		Map<String, UUID> accountOf = resolveAccounts(batch);
		if (!batch.errors.isEmpty()) {
			throw new InvalidInputException(batch.errors);
		}
		// The same ticket twice in one batch: its latest state counts (an upsert may touch a row once).
		var latest = new LinkedHashMap<String, TicketBatch.Parsed>();
		for (var t : batch.tickets) {
			latest.merge(t.externalId(), t, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
		}
		Instant received = clock.instant();
		return tx.execute(status -> upsert(source, List.copyOf(latest.values()), accountOf, received));
	}

	private Map<String, UUID> resolveAccounts(TicketBatch batch) {
		var byId = new HashMap<UUID, Optional<Account>>();
		var byExternal = new HashMap<String, Optional<Account>>();
		var accountOf = new HashMap<String, UUID>();
		for (var t : batch.tickets) {
			Optional<Account> account = t.accountId() != null
					? byId.computeIfAbsent(t.accountId(), accounts::find)
					: byExternal.computeIfAbsent(t.accountExternalId(), accounts::findByExternalId);
			if (account.isEmpty()) {
				String field = t.accountId() != null ? "accountId" : "accountExternalId";
				batch.errors.add(new FieldError(t.field() + "." + field, "unknown account '"
						+ (t.accountId() != null ? t.accountId() : t.accountExternalId()) + "'"));
			}
			else if (t.accountId() != null && t.accountExternalId() != null
					&& !t.accountExternalId().equals(account.get().externalId())) {
				batch.errors.add(new FieldError(t.field() + ".accountExternalId",
						"'" + t.accountExternalId() + "' is not the external id of account " + t.accountId()));
			}
			else {
				accountOf.put(t.field(), account.get().id());
			}
		}
		return accountOf;
	}

	private Result upsert(Source source, List<TicketBatch.Parsed> tickets, Map<String, UUID> accountOf,
			Instant received) {
		int n = tickets.size();
		var ids = new UUID[n];
		var ext = new String[n];
		var acc = new UUID[n];
		var email = new String[n];
		var subject = new String[n];
		var category = new String[n];
		var priority = new String[n];
		var status = new String[n];
		var created = new String[n];
		var updated = new String[n];
		var solved = new String[n];
		for (int i = 0; i < n; i++) {
			var t = tickets.get(i);
			ids[i] = UUID.randomUUID();
			ext[i] = t.externalId();
			acc[i] = accountOf.get(t.field());
			email[i] = t.requesterEmail();
			subject[i] = t.subject();
			category[i] = t.category();
			priority[i] = t.priority();
			status[i] = t.status();
			created[i] = t.createdAt().toString();
			updated[i] = t.updatedAt().toString();
			solved[i] = t.solvedAt() == null ? null : t.solvedAt().toString();
		}
		var touched = new TreeSet<UUID>();
		int[] counts = new int[2];
		jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into support_ticket as s (id, source, external_id, account_id, requester_email, subject, category,
					  priority, status, created_at, updated_at, solved_at, pending_since, received_at)
					select i, ?, e, a, m, su, c, p, st, cr::timestamptz, up::timestamptz, so::timestamptz,
					  case when st = 'PENDING_CUSTOMER' then up::timestamptz end, ?
					from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
					  ?::text[], ?::text[], ?::text[]) as x(i, e, a, m, su, c, p, st, cr, up, so)
					order by e
					on conflict (source, external_id) do update
					set account_id = excluded.account_id, requester_email = excluded.requester_email,
					    subject = excluded.subject, category = excluded.category, priority = excluded.priority,
					    status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at,
					    solved_at = excluded.solved_at, received_at = excluded.received_at,
					    pending_since = case when excluded.status <> 'PENDING_CUSTOMER' then null
					                         when s.status = 'PENDING_CUSTOMER' then s.pending_since
					                         else excluded.updated_at end
					where excluded.updated_at > s.updated_at
					returning account_id, xmax = 0 as inserted""");
			int k = 1;
			ps.setString(k++, source.name());
			ps.setTimestamp(k++, Timestamp.from(received));
			ps.setArray(k++, con.createArrayOf("uuid", ids));
			ps.setArray(k++, con.createArrayOf("text", ext));
			ps.setArray(k++, con.createArrayOf("uuid", acc));
			ps.setArray(k++, con.createArrayOf("text", email));
			ps.setArray(k++, con.createArrayOf("text", subject));
			ps.setArray(k++, con.createArrayOf("text", category));
			ps.setArray(k++, con.createArrayOf("text", priority));
			ps.setArray(k++, con.createArrayOf("text", status));
			ps.setArray(k++, con.createArrayOf("text", created));
			ps.setArray(k++, con.createArrayOf("text", updated));
			ps.setArray(k, con.createArrayOf("text", solved));
			return ps;
		}, rs -> {
			touched.add(rs.getObject(1, UUID.class));
			counts[rs.getBoolean(2) ? 0 : 1]++;
		});
		if (!touched.isEmpty()) {
			events.publishEvent(new TicketsRecorded(List.copyOf(touched)));
		}
		return new Result(counts[0], counts[1], n - counts[0] - counts[1]);
	}

	/** The account's tickets, newest first. */
	public List<Ticket> forAccount(UUID accountId, int limit) {
		return client.sql("""
				select id, source, external_id, requester_email, subject, category, priority, status, created_at,
				  updated_at, solved_at, pending_since
				from support_ticket where account_id = :a order by created_at desc limit :n""")
			.param("a", accountId).param("n", limit)
			.query((rs, i) -> new Ticket(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
					rs.getTimestamp(10).toInstant(), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))))
			.list();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	List<Ticket> forAccount(UUID accountId) {
		return forAccount(accountId, 50);
	}

	static List<FieldError> errorsOf(TicketBatch batch) {
		return new ArrayList<>(batch.errors);
	}
}
