package com.onward.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.NotFoundException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Health scores (HLT-1), red flags (HLT-2) and early warnings (HLT-3): recomputed for every
 * account daily (once across instances), for accounts whose data changed every minute, and on
 * demand. Accounts are processed a thousand at a time: inputs in a few bulk queries, rules in
 * memory, results written in batches; each batch is its own transaction.
 * <p>
 * This class is the module's API; the work is done by {@link HealthRecompute} (scores, schedules),
 * {@link RedFlags} (flags raised, resolved and read) and {@link HealthHistory} (the daily history).
 */
@Service
public class Health {

	static final TypeReference<List<Component>> COMPONENTS = new TypeReference<>() {
	};
	static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};
	static final TypeReference<List<HealthRules.Indicator>> INDICATORS = new TypeReference<>() {
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

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final HealthRecompute recompute;
	private final RedFlags flags;
	private final HealthHistory history;

	Health(JdbcClient jdbc, ObjectMapper json, HealthRecompute recompute, RedFlags flags, HealthHistory history) {
		this.jdbc = jdbc;
		this.json = json;
		this.recompute = recompute;
		this.flags = flags;
		this.history = history;
	}

	/**
	 * Recomputes every account, a batch at a time (the daily job and {@code POST /health/recompute}); up to
	 * {@link #recomputeThreads()} batches at once, each in its own transaction on its own connection.
	 */
	public RecomputeResult recomputeAll() {
		return recompute.recomputeAll();
	}

	/**
	 * Batches scored at once by a full recompute: {@code onward.health.recompute-threads}, but never more than a
	 * fifth of the connection pool, so listeners and web requests keep theirs.
	 */
	int recomputeThreads() {
		return recompute.recomputeThreads();
	}

	/** Recomputes some accounts now (on demand, and after their data changed). */
	public RecomputeResult recompute(Collection<UUID> accountIds) {
		return recompute.recompute(accountIds);
	}

	/** Accounts marked stale by usage, item or contact changes, refreshed within a minute. */
	public int refreshStale() {
		return recompute.refreshStale();
	}

	/** Since when the account's data changed without its score being refreshed yet; empty when current. */
	public java.util.Optional<Instant> staleSince(UUID accountId) {
		return jdbc.sql("select since from health_stale where account_id = :a").param("a", accountId)
			.query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
	}

	void markStale(Collection<UUID> accountIds) {
		recompute.markStale(accountIds);
	}

	/**
	 * Scores past days into the history only (no current score, flags or events): seeds the trend after
	 * importing existing customers, and the demo. Inputs are taken as of each day (see {@link HealthData}).
	 */
	public void backfillHistory(LocalDate from, LocalDate to, int stepDays) {
		recompute.backfillHistory(from, to, stepDays);
	}

	// --- reads --------------------------------------------------------------------------------

	/** The stored score; computed on first request when the account has none yet. */
	Stored current(UUID accountId) {
		Optional<Stored> stored = find(accountId);
		if (stored.isPresent()) {
			return stored.get();
		}
		recompute.recompute(List.of(accountId));
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
	 * and code (an account with one open already gets none). They stay open until a person resolves them
	 * ({@link #resolve}).
	 */
	@Transactional
	public FollowUpFlagsRaised raiseFlags(FlagCategory category, String code, List<FollowUpFlag> flags) {
		return this.flags.raiseFlags(category, code, flags);
	}

	/** A person resolves a follow-up flag; flags of the health rules clear themselves when the data changes. */
	@Transactional
	public void resolve(UUID flagId) {
		flags.resolve(null, flagId);
	}

	/** Resolves the flag when it belongs to {@code accountId} (null: any account); audited. */
	@Transactional
	public void resolve(UUID accountId, UUID flagId) {
		flags.resolve(accountId, flagId);
	}

	List<Flag> openFlags(UUID accountId) {
		return flags.openFlags(accountId);
	}

	List<Flag> flagHistory(UUID accountId) {
		return flags.flagHistory(accountId);
	}

	Optional<Flag> flag(UUID flagId) {
		return flags.flag(flagId);
	}

	/** An open flag on the portfolio's red-flag list, with its account. */
	record PortfolioFlag(Flag flag, String accountName, String segment, Integer score, HealthBand band,
			Integer progressPercent, Integer slipDays, com.onward.shared.Money acv) {
	}

	/**
	 * The red-flag list's order: raised (newest first by default), health, slip (forecast against the
	 * plan), progress or acv (compared in USD); chosen from this list, never taken from the request.
	 * Empty values last.
	 */
	public record FlagSort(String column, boolean descending) {

		public static final List<String> COLUMNS = List.of("raised", "health", "slip", "progress", "acv");
		public static final FlagSort NEWEST = new FlagSort("raised", true);

		public FlagSort {
			if (!COLUMNS.contains(column)) {
				column = "raised";
				descending = true;
			}
		}

		public static FlagSort of(String column, String direction) {
			return column == null ? NEWEST : new FlagSort(column, "desc".equalsIgnoreCase(direction));
		}

		public String next(String c) {
			return c.equals(column) && !descending ? "desc" : "asc";
		}

		public String dir() {
			return descending ? "desc" : "asc";
		}

		public String aria(String c) {
			return !c.equals(column) ? "none" : descending ? "descending" : "ascending";
		}

		String orderBy() {
			String expression = switch (column) {
				case "health" -> "h.score";
				case "slip" -> "(p.forecast_graduation_date - p.target_graduation_date)";
				case "progress" -> "p.progress_percent";
				case "acv" -> "(a.acv_amount * fx.rate)";
				default -> "f.raised_at";
			};
			return expression + (descending ? " desc" : " asc") + " nulls last, f.raised_at desc, f.id";
		}
	}

	/** Open red flags across all accounts, newest first, filtered by category and segment. */
	com.onward.shared.PageResult<PortfolioFlag> openFlags(FlagCategory category, String segment, int page, int size) {
		return openFlags(category, segment, FlagSort.NEWEST, page, size);
	}

	/** Open red flags across all accounts in the given order, filtered by category and segment. */
	com.onward.shared.PageResult<PortfolioFlag> openFlags(FlagCategory category, String segment, FlagSort sort, int page,
			int size) {
		return flags.openFlags(category, segment, sort, page, size);
	}

	/** Open flags per category across the portfolio (the filter's counts). */
	Map<FlagCategory, Long> openFlagCounts() {
		return flags.openFlagCounts();
	}

	/** The stored daily history, oldest first. */
	List<HistoryPoint> history(UUID accountId, int days) {
		return history.history(accountId, days);
	}

	/** The score a week before the current one (the latest history row at least 7 days older), if any. */
	Optional<HistoryPoint> weekBefore(UUID accountId, LocalDate asOf) {
		return history.weekBefore(accountId, asOf);
	}
}
