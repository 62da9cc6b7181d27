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

	HealthRecompute(NamedParameterJdbcTemplate named, JdbcClient jdbc, TransactionTemplate tx, HealthData data,
			RedFlags flags, Adoption adoption, HealthEvents published, ObjectMapper json, HealthProperties props,
			Clock clock) {
		this.named = named;
		this.jdbc = jdbc;
		this.tx = tx;
		this.data = data;
		this.rules = new HealthRules(props);
		this.flags = flags;
		this.adoption = adoption;
		this.published = published;
		this.json = json;
		this.props = props;
		this.clock = clock;
	}

	/** Recomputes every account, a batch at a time (the daily job and {@code POST /health/recompute}). */
	RecomputeResult recomputeAll() {
		long started = System.nanoTime();
		int accounts = 0;
		int raised = 0;
		int cleared = 0;
		boolean telemetry = adoption.telemetryConnected();
		UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
		while (true) {
			List<UUID> ids = jdbc.sql("select account_id from account_v where account_id > :after order by account_id limit :n")
				.param("after", after).param("n", props.batchSize()).query(UUID.class).list();
			if (ids.isEmpty()) {
				break;
			}
			RedFlags.FlagCounts counts = recomputeBatch(ids, telemetry);
			accounts += ids.size();
			raised += counts.raised();
			cleared += counts.cleared();
			after = ids.getLast();
		}
		var result = new RecomputeResult(accounts, raised, cleared, (System.nanoTime() - started) / 1_000_000);
		log.info("Health recomputed for {} accounts in {} ms ({} flags raised, {} cleared)", result.accounts(),
				result.millis(), raised, cleared);
		return result;
	}

	/** Recomputes some accounts now (on demand, and after their data changed). */
	RecomputeResult recompute(Collection<UUID> accountIds) {
		long started = System.nanoTime();
		var counts = new RedFlags.FlagCounts(0, 0);
		boolean telemetry = adoption.telemetryConnected();
		List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(accountIds));
		for (int i = 0; i < ids.size(); i += props.batchSize()) {
			counts = counts.plus(recomputeBatch(ids.subList(i, Math.min(ids.size(), i + props.batchSize())), telemetry));
		}
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

	/** Accounts marked stale by usage, item or contact changes, refreshed within a minute. */
	int refreshStale() {
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
			var scores = new ArrayList<SqlParameterSource>(inputs.size());
			var findings = new HashMap<UUID, List<HealthRules.Finding>>();
			var bandChanges = new ArrayList<HealthBandChanged>();
			var projectOf = new HashMap<UUID, UUID>();
			for (HealthInputs in : inputs) {
				HealthRules.Assessment a = rules.assess(in);
				scores.add(new MapSqlParameterSource("a", in.accountId()).addValue("day", today)
					.addValue("score", a.score()).addValue("band", a.band().name())
					.addValue("components", json.writeValueAsString(a.components()))
					.addValue("indicators", json.writeValueAsString(a.indicators()))
					.addValue("at", Timestamp.from(now)));
				findings.put(in.accountId(), a.flags());
				projectOf.put(in.accountId(), in.projectId());
				HealthBand before = previousBands.getOrDefault(in.accountId(), HealthBand.NO_DATA);
				if (before != a.band()) {
					bandChanges.add(new HealthBandChanged(in.accountId(), before, a.band(), a.score()));
				}
			}
			SqlParameterSource[] batch = scores.toArray(SqlParameterSource[]::new);
			named.batchUpdate("""
					insert into health_score (account_id, as_of, score, band, components, indicators, computed_at)
					values (:a, :day, :score, :band, cast(:components as jsonb), cast(:indicators as jsonb), :at)
					on conflict (account_id) do update set as_of = excluded.as_of, score = excluded.score,
					  band = excluded.band, components = excluded.components, indicators = excluded.indicators,
					  computed_at = excluded.computed_at""", batch);
			named.batchUpdate("""
					insert into health_history (account_id, day, score, band, components)
					values (:a, :day, :score, :band, cast(:components as jsonb))
					on conflict (account_id, day) do update set score = excluded.score, band = excluded.band,
					  components = excluded.components""", batch);
			published.publish(bandChanges, HealthBandsChanged::new);
			return flags.sync(ids, findings, projectOf, now);
		});
	}
}
