package com.onward.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.health.Health.Flag;
import com.onward.health.Health.FlagSort;
import com.onward.health.Health.PortfolioFlag;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;

import tools.jackson.databind.ObjectMapper;

/**
 * Red flags: the health rules' flags kept in step with each recompute (raised, evidence refreshed, cleared),
 * automation's follow-up flags that a person resolves, and the reads of both. Reached through {@link Health}.
 */
@Service
class RedFlags {

	/** How many flags a recompute raised and cleared. */
	record FlagCounts(int raised, int cleared) {

		FlagCounts plus(FlagCounts other) {
			return new FlagCounts(raised + other.raised, cleared + other.cleared);
		}
	}

	private final NamedParameterJdbcTemplate named;
	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final Clock clock;
	private final com.onward.identity.AuditLog audit;
	private final HealthEvents events;

	private final com.onward.account.SegmentationProperties segmentation;

	RedFlags(NamedParameterJdbcTemplate named, JdbcClient jdbc, ObjectMapper json, Clock clock,
			com.onward.identity.AuditLog audit, HealthEvents events,
			com.onward.account.SegmentationProperties segmentation) {
		this.segmentation = segmentation;
		this.named = named;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
	}

	/** Raises new findings, refreshes the evidence of open ones and clears what no longer holds. */
	FlagCounts sync(List<UUID> ids, Map<UUID, List<HealthRules.Finding>> findings, Map<UUID, UUID> projectOf,
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
		events.publish(raisedEvents, RedFlagsRaised::new);
		return new FlagCounts(inserts.size(), clears.size());
	}

	@SuppressWarnings("unchecked")
	private static <T> T[] column(List<SqlParameterSource> rows, String name,
			java.util.function.IntFunction<T[]> array) {
		return rows.stream().map(r -> (T) r.getValue(name)).toArray(array);
	}

	private boolean sameJson(String stored, String fresh) {
		return json.readTree(stored).equals(json.readTree(fresh));
	}

	/**
	 * Raises follow-up flags from an automation rule, in bulk, bound as column arrays. One open flag per account
	 * and code; they stay open until a person resolves them ({@link #resolve}).
	 */
	@Transactional
	FollowUpFlagsRaised raiseFlags(FlagCategory category, String code, List<FollowUpFlag> flags) {
		if (flags.isEmpty()) {
			return new FollowUpFlagsRaised(0, java.util.Set.of());
		}
		// The new flags, and the ones already open with the same evidence (the insert's rows are not visible to the
		// second part: it reads the flags as they were before this statement).
		List<Map.Entry<UUID, Boolean>> rows = jdbc.sql("""
				with s as (select * from unnest(cast(:accounts as uuid[]), cast(:projects as uuid[]), cast(:evidence as text[]))
				             as s(account_id, project_id, evidence)),
				new as (insert into red_flag (id, account_id, project_id, category, code, evidence_args, raised_at, source)
				        select uuidv7(), s.account_id, s.project_id, :cat, :code, cast(s.evidence as jsonb), :at, 'AUTOMATION'
				        from s
				        on conflict (account_id, code) where cleared_at is null do nothing
				        returning account_id)
				select account_id, true from new
				union all
				select f.account_id, false from red_flag f join s on s.account_id = f.account_id
				where f.code = :code and f.cleared_at is null and f.evidence_args = cast(s.evidence as jsonb)""")
			.param("cat", category.name()).param("code", code).param("at", Timestamp.from(clock.instant()))
			.param("accounts", flags.stream().map(FollowUpFlag::accountId).toArray(UUID[]::new))
			.param("projects", flags.stream().map(FollowUpFlag::projectId).toArray(UUID[]::new))
			.param("evidence", flags.stream().map(f -> json.writeValueAsString(f.evidence())).toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getBoolean(2))).list();
		return new FollowUpFlagsRaised((int) rows.stream().filter(Map.Entry::getValue).count(),
				rows.stream().map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
	}

	/** A person resolves a follow-up flag; flags of the health rules clear themselves when the data changes. */
	@Transactional
	void resolve(UUID flagId) {
		resolve(null, flagId);
	}

	/** Resolves the flag when it belongs to {@code accountId} (null: any account); audited. */
	@Transactional
	void resolve(UUID accountId, UUID flagId) {
		Flag flag = flag(flagId).filter(f -> accountId == null || f.accountId().equals(accountId))
			.orElseThrow(() -> new NotFoundException("Red flag", flagId));
		if (!flag.manual()) {
			throw BusinessRuleException.of(null, "error.flag.clearsItself");
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
						FlagCategory.valueOf(rs.getString(4)), rs.getString(5), json.readValue(rs.getString(6), Health.ARGS),
						rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(),
						rs.getString(9)));
	}

	/** Open red flags across all accounts, newest first, filtered by category and segment. */
	com.onward.shared.PageResult<PortfolioFlag> openFlags(FlagCategory category, String segment, FlagSort sort, int page,
			int size) {
		var rates = segmentation.usdPerUnit();
		var params = new MapSqlParameterSource("cat", category == null ? null : category.name())
			.addValue("seg", segment).addValue("limit", size).addValue("offset", (long) page * size)
			.addValue("fxCurrencies", rates.keySet().stream().map(Enum::name).toArray(String[]::new))
			.addValue("fxRates", rates.keySet().stream().map(rates::get).toArray(java.math.BigDecimal[]::new));
		var total = new long[1];
		List<PortfolioFlag> items = named.query("""
				select f.id, f.account_id, f.project_id, f.category, f.code, f.evidence_args, f.raised_at, f.cleared_at,
				  a.name, a.segment, h.score, h.band, count(*) over () as total, f.source,
				  p.progress_percent, (p.forecast_graduation_date - p.target_graduation_date) as slip_days,
				  a.acv_amount, a.acv_currency
				from red_flag f
				join account_v a on a.account_id = f.account_id
				left join health_score h on h.account_id = f.account_id
				left join onboarding_project_v p on p.project_id = a.current_project_id
				left join unnest(cast(:fxCurrencies as text[]), cast(:fxRates as numeric[])) as fx(currency, rate)
				  on fx.currency = a.acv_currency
				where f.cleared_at is null
				  and (cast(:cat as text) is null or f.category = :cat)
				  and (cast(:seg as text) is null or a.segment = :seg)
				""" + " order by " + sort.orderBy() + " limit :limit offset :offset", params, (rs, n) -> {
			total[0] = rs.getLong("total");
			return new PortfolioFlag(new Flag(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), FlagCategory.valueOf(rs.getString(4)), rs.getString(5),
					json.readValue(rs.getString(6), Health.ARGS), rs.getTimestamp(7).toInstant(), null, rs.getString(14)), rs.getString(9),
					rs.getString(10), (Integer) rs.getObject(11),
					rs.getString(12) == null ? HealthBand.NO_DATA : HealthBand.valueOf(rs.getString(12)),
					(Integer) rs.getObject("progress_percent"), (Integer) rs.getObject("slip_days"),
					rs.getBigDecimal("acv_amount") == null ? null
							: new com.onward.shared.Money(rs.getBigDecimal("acv_amount"),
									com.onward.shared.Currency.valueOf(rs.getString("acv_currency"))));
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
}
