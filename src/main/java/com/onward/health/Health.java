package com.onward.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.usage.Adoption;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Health scores (HLT-1), red flags (HLT-2) and early warnings (HLT-3): recomputed for every
 * account daily (once across instances), for accounts whose data changed every minute, and on
 * demand. Accounts are processed a thousand at a time: inputs in a few bulk queries, rules in
 * memory, results written in batches; each batch is its own transaction.
 */
@Service
public class Health {

	private static final Logger log = LoggerFactory.getLogger(Health.class);
	private static final TypeReference<List<Component>> COMPONENTS = new TypeReference<>() {
	};
	private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};
	private static final TypeReference<List<HealthRules.Indicator>> INDICATORS = new TypeReference<>() {
	};

	/** A stored score with its components. */
	record Stored(UUID accountId, LocalDate asOf, Integer score, HealthBand band, List<Component> components,
			List<HealthRules.Indicator> indicators, Instant computedAt) {
	}

	/** A red flag as stored; the evidence is rendered per language by the web layer. */
	record Flag(UUID id, UUID accountId, UUID projectId, FlagCategory category, String code, List<Object> evidence,
			Instant raisedAt, Instant clearedAt, String source) {

		/** Raised by an automation rule: a person resolves it, the health rules do not clear it. */
		boolean manual() {
			return "AUTOMATION".equals(source);
		}
	}

	record HistoryPoint(LocalDate day, Integer score, HealthBand band, List<Component> components) {
	}

	public record RecomputeResult(int accounts, int flagsRaised, int flagsCleared, long millis) {
	}

	/** An open red flag as other modules see it (graduation blockers, automation). */
	public record OpenFlag(UUID id, FlagCategory category, String code, Instant raisedAt) {
	}

	private final NamedParameterJdbcTemplate named;
	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final HealthData data;
	private final HealthRules rules;
	private final Adoption adoption;
	private final ApplicationEventPublisher events;
	private final ObjectMapper json;
	private final HealthProperties props;
	private final Clock clock;
	private final com.onward.identity.AuditLog audit;
	private final int poolSize;

	Health(NamedParameterJdbcTemplate named, JdbcClient jdbc, TransactionTemplate tx, HealthData data,
			Adoption adoption, ApplicationEventPublisher events, ObjectMapper json, HealthProperties props, Clock clock,
			com.onward.identity.AuditLog audit, javax.sql.DataSource dataSource) {
		this.audit = audit;
		this.poolSize = poolSize(dataSource);
		this.named = named;
		this.jdbc = jdbc;
		this.tx = tx;
		this.data = data;
		this.rules = new HealthRules(props);
		this.adoption = adoption;
		this.events = events;
		this.json = json;
		this.props = props;
		this.clock = clock;
	}

	/**
	 * Recomputes every account, a batch at a time (the daily job and {@code POST /health/recompute}); up to
	 * {@link #recomputeThreads()} batches at once, each in its own transaction on its own connection.
	 */
	public RecomputeResult recomputeAll() {
		long started = System.nanoTime();
		boolean telemetry = adoption.telemetryConnected();
		List<UUID> all = jdbc.sql("select account_id from account_v order by account_id").query(UUID.class).list();
		var batches = new ArrayList<List<UUID>>();
		for (int i = 0; i < all.size(); i += props.batchSize()) {
			batches.add(all.subList(i, Math.min(all.size(), i + props.batchSize())));
		}
		int threads = recomputeThreads();
		int raised = 0;
		int cleared = 0;
		if (threads <= 1 || batches.size() <= 1) {
			for (List<UUID> ids : batches) {
				int[] counts = recomputeBatch(ids, telemetry);
				raised += counts[0];
				cleared += counts[1];
			}
		}
		else {
			var pool = java.util.concurrent.Executors.newFixedThreadPool(threads,
					Thread.ofPlatform().name("health-recompute-", 1).daemon().factory());
			try {
				var futures = new ArrayList<java.util.concurrent.Future<int[]>>(batches.size());
				for (List<UUID> ids : batches) {
					futures.add(pool.submit(() -> recomputeBatch(ids, telemetry)));
				}
				RuntimeException failure = null;
				for (var future : futures) {
					try {
						int[] counts = future.get();
						raised += counts[0];
						cleared += counts[1];
					}
					catch (java.util.concurrent.ExecutionException e) {
						if (failure == null) {
							failure = e.getCause() instanceof RuntimeException r ? r
									: new IllegalStateException("Health recompute batch failed", e.getCause());
							futures.forEach(f -> f.cancel(false)); // batches not started yet are left for the next run
						}
					}
					catch (java.util.concurrent.CancellationException e) {
						// cancelled after an earlier batch failed
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						futures.forEach(f -> f.cancel(true));
						throw new IllegalStateException("Interrupted while recomputing health", e);
					}
				}
				if (failure != null) {
					throw failure;
				}
			}
			finally {
				pool.shutdown();
			}
		}
		var result = new RecomputeResult(all.size(), raised, cleared, (System.nanoTime() - started) / 1_000_000);
		log.info("Health recomputed for {} accounts in {} ms ({} flags raised, {} cleared, {} batches at once)",
				result.accounts(), result.millis(), raised, cleared, threads);
		return result;
	}

	/**
	 * Batches scored at once by a full recompute: {@code onward.health.recompute-threads}, but never more than a
	 * fifth of the connection pool, so listeners and web requests keep theirs.
	 */
	int recomputeThreads() {
		int fit = Math.max(1, poolSize / 5);
		return Math.max(1, Math.min(props.recomputeThreads(), fit));
	}

	private static int poolSize(javax.sql.DataSource dataSource) {
		try {
			if (dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
				return dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
			}
		}
		catch (java.sql.SQLException e) {
			// not a Hikari pool: one batch at a time
		}
		return 1;
	}

	/** Recomputes some accounts now (on demand, and after their data changed). */
	public RecomputeResult recompute(Collection<UUID> accountIds) {
		long started = System.nanoTime();
		int[] counts = new int[2];
		boolean telemetry = adoption.telemetryConnected();
		List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(accountIds));
		for (int i = 0; i < ids.size(); i += props.batchSize()) {
			int[] c = recomputeBatch(ids.subList(i, Math.min(ids.size(), i + props.batchSize())), telemetry);
			counts[0] += c[0];
			counts[1] += c[1];
		}
		return new RecomputeResult(ids.size(), counts[0], counts[1], (System.nanoTime() - started) / 1_000_000);
	}

	@Scheduled(cron = "${onward.health.recompute-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "health-recompute-all", lockAtMostFor = "PT2H")
	void daily() {
		recomputeAll();
	}

	// ShedLock can only lock methods that return nothing: the schedule calls the counting method.
	@Scheduled(fixedDelayString = "${onward.health.refresh-interval}", initialDelayString = "PT30S")
	@SchedulerLock(name = "health-refresh-stale")
	void scheduledRefresh() {
		refreshStale();
	}

	/** Accounts marked stale by usage, item or contact changes, refreshed within a minute. */
	public int refreshStale() {
		int total = 0;
		while (true) {
			List<UUID> ids = jdbc.sql("""
					delete from health_stale where account_id in (
					  select account_id from health_stale order by since limit :n for update skip locked)
					returning account_id""").param("n", props.batchSize()).query(UUID.class).list();
			if (ids.isEmpty()) {
				return total;
			}
			recompute(ids);
			total += ids.size();
		}
	}

	void markStale(Collection<UUID> accountIds) {
		if (accountIds.isEmpty()) {
			return;
		}
		named.update("""
				insert into health_stale (account_id, since) select unnest(:ids), :at on conflict do nothing""",
				new MapSqlParameterSource("ids", accountIds.toArray(UUID[]::new))
					.addValue("at", Timestamp.from(clock.instant())));
	}

	/**
	 * Scores past days into the history only (no current score, flags or events): seeds the trend after
	 * importing existing customers, and the demo. Inputs are taken as of each day (see {@link HealthData}).
	 */
	public void backfillHistory(LocalDate from, LocalDate to, int stepDays) {
		boolean telemetry = adoption.telemetryConnected();
		List<UUID> all = jdbc.sql("select account_id from account_v order by account_id").query(UUID.class).list();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(Math.max(1, stepDays))) {
			LocalDate asOf = day;
			for (int i = 0; i < all.size(); i += props.batchSize()) {
				List<UUID> ids = all.subList(i, Math.min(all.size(), i + props.batchSize()));
				tx.executeWithoutResult(status -> {
					var rows = new ArrayList<SqlParameterSource>();
					for (HealthInputs in : data.load(ids, asOf, telemetry)) {
						if (in.startDate() != null && in.startDate().isAfter(asOf)) {
							continue; // no onboarding yet on that day
						}
						HealthRules.Assessment a = rules.assess(in);
						rows.add(new MapSqlParameterSource("a", in.accountId()).addValue("day", asOf)
							.addValue("score", a.score()).addValue("band", a.band().name())
							.addValue("components", json.writeValueAsString(a.components())));
					}
					named.batchUpdate("""
							insert into health_history (account_id, day, score, band, components)
							values (:a, :day, :score, :band, cast(:components as jsonb))
							on conflict (account_id, day) do nothing""", rows.toArray(SqlParameterSource[]::new));
				});
			}
		}
	}

	private int[] recomputeBatch(List<UUID> ids, boolean telemetry) {
		LocalDate today = LocalDate.now(clock);
		Instant now = clock.instant();
		return tx.execute(status -> {
			List<HealthInputs> inputs = data.load(ids, today, telemetry);
			var previousBands = new HashMap<UUID, HealthBand>();
			named.query("select account_id, band from health_score where account_id = any(:ids)",
					new MapSqlParameterSource("ids", ids.toArray(UUID[]::new)),
					rs -> { previousBands.put(rs.getObject(1, UUID.class), HealthBand.valueOf(rs.getString(2))); });
			int n = inputs.size();
			var accountIds = new UUID[n];
			var scoreValues = new Integer[n];
			var bands = new String[n];
			var components = new String[n];
			var indicators = new String[n];
			var findings = new HashMap<UUID, List<HealthRules.Finding>>();
			var bandChanges = new ArrayList<HealthBandChanged>();
			var projectOf = new HashMap<UUID, UUID>();
			for (int k = 0; k < n; k++) {
				HealthInputs in = inputs.get(k);
				HealthRules.Assessment a = rules.assess(in);
				accountIds[k] = in.accountId();
				scoreValues[k] = a.score();
				bands[k] = a.band().name();
				components[k] = json.writeValueAsString(a.components());
				indicators[k] = json.writeValueAsString(a.indicators());
				findings.put(in.accountId(), a.flags());
				projectOf.put(in.accountId(), in.projectId());
				HealthBand before = previousBands.getOrDefault(in.accountId(), HealthBand.NO_DATA);
				if (before != a.band()) {
					bandChanges.add(new HealthBandChanged(in.accountId(), before, a.band(), a.score()));
				}
			}
			// One statement per batch for each table, the rows bound as column arrays.
			var rows = new MapSqlParameterSource("a", accountIds).addValue("score", scoreValues).addValue("band", bands)
				.addValue("components", components).addValue("indicators", indicators).addValue("day", today)
				.addValue("at", Timestamp.from(now));
			named.update("""
					insert into health_score (account_id, as_of, score, band, components, indicators, computed_at)
					select s.a, :day, s.score, s.band, cast(s.components as jsonb), cast(s.indicators as jsonb), :at
					from unnest(cast(:a as uuid[]), cast(:score as int[]), cast(:band as text[]), cast(:components as text[]),
					  cast(:indicators as text[])) as s(a, score, band, components, indicators)
					on conflict (account_id) do update set as_of = excluded.as_of, score = excluded.score,
					  band = excluded.band, components = excluded.components, indicators = excluded.indicators,
					  computed_at = excluded.computed_at""", rows);
			named.update("""
					insert into health_history (account_id, day, score, band, components)
					select s.a, :day, s.score, s.band, cast(s.components as jsonb)
					from unnest(cast(:a as uuid[]), cast(:score as int[]), cast(:band as text[]), cast(:components as text[]))
					  as s(a, score, band, components)
					on conflict (account_id, day) do update set score = excluded.score, band = excluded.band,
					  components = excluded.components""", rows);
			publish(bandChanges, HealthBandsChanged::new);
			return syncFlags(ids, findings, projectOf, now);
		});
	}

	/**
	 * A few changes are published one event each; many (a bulk recompute) in chunk events, so that
	 * listeners react set-based and a recompute of 100,000 accounts publishes hundreds of events, not
	 * hundreds of thousands.
	 */
	private <T> void publish(List<T> items, java.util.function.Function<List<T>, Object> chunk) {
		if (items.size() < props.bulkEventsFrom()) {
			items.forEach(events::publishEvent);
			return;
		}
		for (int i = 0; i < items.size(); i += props.bulkEventChunk()) {
			events.publishEvent(chunk.apply(items.subList(i, Math.min(items.size(), i + props.bulkEventChunk()))));
		}
	}

	/** Raises new findings, refreshes the evidence of open ones and clears what no longer holds. */
	private int[] syncFlags(List<UUID> ids, Map<UUID, List<HealthRules.Finding>> findings, Map<UUID, UUID> projectOf,
			Instant now) {
		record Open(UUID id, String args) {
		}
		var open = new HashMap<UUID, Map<String, Open>>();
		// Only the flags these rules raise: an automation rule's follow-up flag stays until a person resolves it.
		named.query("select id, account_id, code, evidence_args from red_flag where account_id = any(:ids) and cleared_at is null and source = 'HEALTH'",
				new MapSqlParameterSource("ids", ids.toArray(UUID[]::new)),
				rs -> { open.computeIfAbsent(rs.getObject(2, UUID.class), k -> new HashMap<>())
					.put(rs.getString(3), new Open(rs.getObject(1, UUID.class), rs.getString(4))); });
		var inserts = new ArrayList<SqlParameterSource>();
		var updates = new ArrayList<SqlParameterSource>();
		var clears = new ArrayList<SqlParameterSource>();
		var raisedEvents = new ArrayList<RedFlagRaised>();
		for (UUID account : ids) {
			Map<String, Open> current = new HashMap<>(open.getOrDefault(account, Map.of()));
			for (HealthRules.Finding f : findings.getOrDefault(account, List.of())) {
				String args = json.writeValueAsString(f.evidence());
				Open existing = current.remove(f.code());
				if (existing == null) {
					UUID id = UUID.randomUUID();
					inserts.add(new MapSqlParameterSource("id", id).addValue("a", account)
						.addValue("p", projectOf.get(account)).addValue("cat", f.category().name())
						.addValue("code", f.code()).addValue("args", args).addValue("at", Timestamp.from(now)));
					raisedEvents.add(new RedFlagRaised(id, account, projectOf.get(account), f.category(), f.code(), now));
				}
				else if (!sameJson(existing.args(), args)) {
					updates.add(new MapSqlParameterSource("id", existing.id()).addValue("args", args));
				}
			}
			current.values().forEach(o -> clears.add(new MapSqlParameterSource("id", o.id())
				.addValue("at", Timestamp.from(now))));
		}
		if (!inserts.isEmpty()) {
			named.update("""
					insert into red_flag (id, account_id, project_id, category, code, evidence_args, raised_at)
					select s.id, s.a, s.p, s.cat, s.code, cast(s.args as jsonb), :at
					from unnest(cast(:id as uuid[]), cast(:a as uuid[]), cast(:p as uuid[]), cast(:cat as text[]),
					  cast(:code as text[]), cast(:args as text[])) as s(id, a, p, cat, code, args)""",
					new MapSqlParameterSource("id", column(inserts, "id", UUID[]::new))
						.addValue("a", column(inserts, "a", UUID[]::new)).addValue("p", column(inserts, "p", UUID[]::new))
						.addValue("cat", column(inserts, "cat", String[]::new))
						.addValue("code", column(inserts, "code", String[]::new))
						.addValue("args", column(inserts, "args", String[]::new)).addValue("at", Timestamp.from(now)));
		}
		named.batchUpdate("update red_flag set evidence_args = cast(:args as jsonb) where id = :id",
				updates.toArray(SqlParameterSource[]::new));
		named.batchUpdate("update red_flag set cleared_at = :at where id = :id", clears.toArray(SqlParameterSource[]::new));
		publish(raisedEvents, RedFlagsRaised::new);
		return new int[] { inserts.size(), clears.size() };
	}

	@SuppressWarnings("unchecked")
	private static <T> T[] column(List<SqlParameterSource> rows, String name,
			java.util.function.IntFunction<T[]> array) {
		return rows.stream().map(r -> (T) r.getValue(name)).toArray(array);
	}

	private boolean sameJson(String stored, String fresh) {
		return json.readTree(stored).equals(json.readTree(fresh));
	}

	// --- reads --------------------------------------------------------------------------------

	/** The stored score; computed on first request when the account has none yet. */
	Stored current(UUID accountId) {
		Optional<Stored> stored = find(accountId);
		if (stored.isPresent()) {
			return stored.get();
		}
		recompute(List.of(accountId));
		return find(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
	}

	private Optional<Stored> find(UUID accountId) {
		return jdbc.sql("""
				select as_of, score, band, components, indicators, computed_at from health_score where account_id = :a""")
			.param("a", accountId)
			.query((rs, n) -> new Stored(accountId, rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					HealthBand.valueOf(rs.getString(3)), json.readValue(rs.getString(4), COMPONENTS),
					json.readValue(rs.getString(5), INDICATORS), rs.getTimestamp(6).toInstant()))
			.optional();
	}

	/** The account's open red flags, newest first. */
	public List<OpenFlag> openFlagsOf(UUID accountId) {
		return openFlags(accountId).stream().map(f -> new OpenFlag(f.id(), f.category(), f.code(), f.raisedAt())).toList();
	}

	/**
	 * Raises follow-up flags from an automation rule, in bulk, bound as column arrays. One open flag per account
	 * and code; returns how many were new. They stay open until a person resolves them ({@link #resolve}).
	 */
	@Transactional
	public int raiseFlags(FlagCategory category, String code, List<FollowUpFlag> flags) {
		if (flags.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				insert into red_flag (id, account_id, project_id, category, code, evidence_args, raised_at, source)
				select gen_random_uuid(), s.account_id, s.project_id, :cat, :code, cast(s.evidence as jsonb), :at, 'AUTOMATION'
				from unnest(cast(:accounts as uuid[]), cast(:projects as uuid[]), cast(:evidence as text[]))
				  as s(account_id, project_id, evidence)
				on conflict (account_id, code) where cleared_at is null do nothing""")
			.param("cat", category.name()).param("code", code).param("at", Timestamp.from(clock.instant()))
			.param("accounts", flags.stream().map(FollowUpFlag::accountId).toArray(UUID[]::new))
			.param("projects", flags.stream().map(FollowUpFlag::projectId).toArray(UUID[]::new))
			.param("evidence", flags.stream().map(f -> json.writeValueAsString(f.evidence())).toArray(String[]::new))
			.update();
	}

	/** A person resolves a follow-up flag; flags of the health rules clear themselves when the data changes. */
	@Transactional
	public void resolve(UUID flagId) {
		resolve(null, flagId);
	}

	/** Resolves the flag when it belongs to {@code accountId} (null: any account); audited. */
	@Transactional
	public void resolve(UUID accountId, UUID flagId) {
		Flag flag = flag(flagId).filter(f -> accountId == null || f.accountId().equals(accountId))
			.orElseThrow(() -> new NotFoundException("Red flag", flagId));
		if (!flag.manual()) {
			throw new BusinessRuleException(null, "This flag clears itself when what raised it changes");
		}
		if (flag.clearedAt() == null) {
			jdbc.sql("update red_flag set cleared_at = :at, cleared_by = :by where id = :id")
				.param("at", Timestamp.from(clock.instant())).param("by", com.onward.identity.AuditLog.currentActor())
				.param("id", flagId).update();
			audit.record("flag.resolved", "account", flag.accountId(), flag.code());
		}
	}

	List<Flag> openFlags(UUID accountId) {
		return flags("where account_id = :a and cleared_at is null order by raised_at desc", Map.of("a", accountId));
	}

	List<Flag> flagHistory(UUID accountId) {
		return flags("where account_id = :a order by raised_at desc limit 100", Map.of("a", accountId));
	}

	Optional<Flag> flag(UUID flagId) {
		return flags("where id = :id", Map.of("id", flagId)).stream().findFirst();
	}

	private List<Flag> flags(String where, Map<String, Object> params) {
		return named.query("select id, account_id, project_id, category, code, evidence_args, raised_at, cleared_at, source from red_flag "
				+ where, params,
				(rs, n) -> new Flag(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
						FlagCategory.valueOf(rs.getString(4)), rs.getString(5), json.readValue(rs.getString(6), ARGS),
						rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(),
						rs.getString(9)));
	}

	/** An open flag on the portfolio's red-flag list, with its account. */
	record PortfolioFlag(Flag flag, String accountName, String segment, Integer score, HealthBand band) {
	}

	/** Open red flags across all accounts, newest first, filtered by category and segment. */
	com.onward.shared.PageResult<PortfolioFlag> openFlags(FlagCategory category, String segment, int page, int size) {
		var params = new MapSqlParameterSource("cat", category == null ? null : category.name())
			.addValue("seg", segment).addValue("limit", size).addValue("offset", (long) page * size);
		var total = new long[1];
		List<PortfolioFlag> items = named.query("""
				select f.id, f.account_id, f.project_id, f.category, f.code, f.evidence_args, f.raised_at, f.cleared_at,
				  a.name, a.segment, h.score, h.band, count(*) over () as total, f.source
				from red_flag f
				join account_v a on a.account_id = f.account_id
				left join health_score h on h.account_id = f.account_id
				where f.cleared_at is null
				  and (cast(:cat as text) is null or f.category = :cat)
				  and (cast(:seg as text) is null or a.segment = :seg)
				order by f.raised_at desc, f.id
				limit :limit offset :offset""", params, (rs, n) -> {
			total[0] = rs.getLong("total");
			return new PortfolioFlag(new Flag(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), FlagCategory.valueOf(rs.getString(4)), rs.getString(5),
					json.readValue(rs.getString(6), ARGS), rs.getTimestamp(7).toInstant(), null, rs.getString(14)), rs.getString(9),
					rs.getString(10), (Integer) rs.getObject(11),
					rs.getString(12) == null ? HealthBand.NO_DATA : HealthBand.valueOf(rs.getString(12)));
		});
		if (items.isEmpty() && page > 0) {
			total[0] = named.queryForObject("""
					select count(*) from red_flag f join account_v a on a.account_id = f.account_id where f.cleared_at is null
					  and (cast(:cat as text) is null or f.category = :cat) and (cast(:seg as text) is null or a.segment = :seg)""",
					params, Long.class);
		}
		return new com.onward.shared.PageResult<>(items, page, size, total[0]);
	}

	/** Open flags per category across the portfolio (the filter's counts). */
	Map<FlagCategory, Long> openFlagCounts() {
		var counts = new java.util.EnumMap<FlagCategory, Long>(FlagCategory.class);
		jdbc.sql("select category, count(*) from red_flag where cleared_at is null group by category")
			.query(rs -> { counts.put(FlagCategory.valueOf(rs.getString(1)), rs.getLong(2)); });
		return counts;
	}

	/** The stored daily history, oldest first. */
	List<HistoryPoint> history(UUID accountId, int days) {
		return jdbc.sql("""
				select day, score, band, components from health_history
				where account_id = :a and day > :since order by day""")
			.param("a", accountId).param("since", LocalDate.now(clock).minusDays(days))
			.query((rs, n) -> new HistoryPoint(rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					HealthBand.valueOf(rs.getString(3)), json.readValue(rs.getString(4), COMPONENTS)))
			.list();
	}

	/** The score a week before the current one (the latest history row at least 7 days older), if any. */
	Optional<HistoryPoint> weekBefore(UUID accountId, LocalDate asOf) {
		return jdbc.sql("""
				select day, score, band, components from health_history
				where account_id = :a and day <= :d order by day desc limit 1""")
			.param("a", accountId).param("d", asOf.minusDays(7))
			.query((rs, n) -> new HistoryPoint(rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					HealthBand.valueOf(rs.getString(3)), json.readValue(rs.getString(4), COMPONENTS)))
			.optional();
	}

}
