package com.onward.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.health.Health.RecomputeResult;
import com.onward.usage.Adoption;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.databind.ObjectMapper;

/**
 * The write side of health: recomputing scores (all accounts daily, stale ones every minute, some on demand) a batch
 * at a time — inputs in a few bulk queries, rules in memory, results written in batches, each batch its own
 * transaction — and back-filling the history. Reached through {@link Health}.
 */
@Service
class HealthRecompute {

	private static final Logger log = LoggerFactory.getLogger(Health.class);

	private final NamedParameterJdbcTemplate named;
	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final HealthData data;
	private final HealthRules rules;
	private final RedFlags flags;
	private final Adoption adoption;
	private final HealthEvents published;
	private final ObjectMapper json;
	private final HealthProperties props;
	private final Clock clock;
	private final javax.sql.DataSource dataSource;
	private final com.onward.shared.BulkChanges bulkChanges;

	HealthRecompute(NamedParameterJdbcTemplate named, JdbcClient jdbc, TransactionTemplate tx, HealthData data,
			RedFlags flags, Adoption adoption, HealthEvents published, ObjectMapper json, HealthProperties props,
			Clock clock, SupportLoadProperties supportLoad, FeedbackFlagProperties feedbackFlags,
			javax.sql.DataSource dataSource, com.onward.shared.BulkChanges bulkChanges) {
		this.dataSource = dataSource;
		this.bulkChanges = bulkChanges;
		this.named = named;
		this.jdbc = jdbc;
		this.tx = tx;
		this.data = data;
		this.rules = new HealthRules(props, supportLoad, feedbackFlags);
		this.flags = flags;
		this.adoption = adoption;
		this.published = published;
		this.json = json;
		this.props = props;
		this.clock = clock;
	}

	/**
	 * Recomputes every account, a batch at a time (the daily job and {@code POST /health/recompute}); up to
	 * {@link #recomputeThreads()} batches at once, each in its own transaction on its own connection. A bulk
	 * change: the reactions to its chunk events (notices, tasks, emails) follow once it has ended.
	 */
	RecomputeResult recomputeAll() {
		try (var running = bulkChanges.begin()) {
			return recomputeAllBatches();
		}
	}

	private RecomputeResult recomputeAllBatches() {
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
				RedFlags.FlagCounts counts = recomputeBatch(ids, telemetry);
				raised += counts.raised();
				cleared += counts.cleared();
			}
		}
		else {
			var pool = java.util.concurrent.Executors.newFixedThreadPool(threads,
					Thread.ofPlatform().name("health-recompute-", 1).daemon().factory());
			try {
				var futures = new ArrayList<java.util.concurrent.Future<RedFlags.FlagCounts>>(batches.size());
				for (List<UUID> ids : batches) {
					futures.add(pool.submit(() -> recomputeBatch(ids, telemetry)));
				}
				RuntimeException failure = null;
				for (var future : futures) {
					try {
						RedFlags.FlagCounts counts = future.get();
						raised += counts.raised();
						cleared += counts.cleared();
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
		return com.onward.shared.ConnectionShare.of(dataSource, props.recomputeThreads());
	}

	/** Recomputes some accounts now (on demand, and after their data changed). */
	RecomputeResult recompute(Collection<UUID> accountIds) {
		long started = System.nanoTime();
		var counts = new RedFlags.FlagCounts(0, 0);
		boolean telemetry = adoption.telemetryConnected();
		List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(accountIds));
		Instant begun = clock.instant();
		for (int i = 0; i < ids.size(); i += props.batchSize()) {
			counts = counts.plus(recomputeBatch(ids.subList(i, Math.min(ids.size(), i + props.batchSize())), telemetry));
		}
		// Scored now: changes made before this run are in the score (a later change stays marked).
		named.update("delete from health_stale where account_id = any(:ids) and since <= :at",
				new MapSqlParameterSource("ids", ids.toArray(UUID[]::new)).addValue("at", Timestamp.from(begun)));
		return new RecomputeResult(ids.size(), counts.raised(), counts.cleared(), (System.nanoTime() - started) / 1_000_000);
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

	/**
	 * Accounts marked stale by usage, item or contact changes, refreshed within a minute: one pass over
	 * those marked when it starts (oldest first). Marks made meanwhile wait for the next pass; under a
	 * steady stream of usage the same accounts are marked again at once, and rescoring them until none
	 * is left never ended and took a core from the ingestion that marked them.
	 */
	int refreshStale() {
		long marked = jdbc.sql("select count(*) from health_stale").query(Long.class).single();
		int total = 0;
		while (total < marked) {
			List<UUID> ids = jdbc.sql("""
					delete from health_stale where account_id in (
					  select account_id from health_stale order by since limit :n for update skip locked)
					returning account_id""").param("n", props.batchSize()).query(UUID.class).list();
			if (ids.isEmpty()) {
				break;
			}
			recompute(ids);
			total += ids.size();
		}
		return total;
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
	void backfillHistory(LocalDate from, LocalDate to, int stepDays) {
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

	private RedFlags.FlagCounts recomputeBatch(List<UUID> ids, boolean telemetry) {
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
			// One statement per batch for both tables, the rows bound as column arrays. Each row's JSON is parsed once
			// for both (reading the JSON into jsonb took about 40 % of these writes' time). A day's history row is rewritten
			// only when it changed: a second run the same day writes (and bloats) nothing there.
			var rows = new MapSqlParameterSource("a", accountIds).addValue("score", scoreValues).addValue("band", bands)
				.addValue("components", components).addValue("indicators", indicators).addValue("day", today)
				.addValue("at", Timestamp.from(now));
			named.update("""
					with s as materialized (
					  select s.a, s.score, s.band, cast(s.components as jsonb) as components, cast(s.indicators as jsonb) as indicators
					  from unnest(cast(:a as uuid[]), cast(:score as int[]), cast(:band as text[]), cast(:components as text[]),
					    cast(:indicators as text[])) as s(a, score, band, components, indicators)),
					history as (
					  insert into health_history (account_id, day, score, band, components)
					  select s.a, :day, s.score, s.band, s.components from s
					  on conflict (account_id, day) do update set score = excluded.score, band = excluded.band,
					    components = excluded.components
					  where (health_history.score, health_history.band, health_history.components)
					    is distinct from (excluded.score, excluded.band, excluded.components))
					insert into health_score (account_id, as_of, score, band, components, indicators, computed_at)
					select s.a, :day, s.score, s.band, s.components, s.indicators, :at from s
					on conflict (account_id) do update set as_of = excluded.as_of, score = excluded.score,
					  band = excluded.band, components = excluded.components, indicators = excluded.indicators,
					  computed_at = excluded.computed_at""", rows);
			published.publish(bandChanges, HealthBandsChanged::new);
			return flags.sync(ids, findings, projectOf, now);
		});
	}
}
