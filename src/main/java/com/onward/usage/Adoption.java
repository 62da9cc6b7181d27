package com.onward.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.ProductType;
import com.onward.identity.AuditLog;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

/**
 * Adoption metrics (ADO-2..5) computed from the rollups, never from raw events: for one
 * account or for thousands at once (the health recompute) with the same queries. Days are in
 * the Clock's zone ({@code onward.time-zone}); the onboarding day counts from the start of the
 * account's current project.
 */
@Service
public class Adoption {

	public record UserActivity(String userId, Instant firstSeen, Instant lastSeen, long events, int events30,
			int activeDays30) {
	}

	/** ADO-5: low adopters for outreach, power users and the proposed champions. */
	public record Users(List<UserActivity> lowAdopters, List<UserActivity> powerUsers, List<UserActivity> champions,
			int notActivatedSeats) {
	}

	public record WeekPoint(LocalDate day, long onboardingDay, Double activationRate, Double weeklyActiveRate,
			int coreFeaturesAdopted, double activationTarget, double weeklyActiveTarget, double coreFeaturesTarget) {
	}

	public record EarlyWin(EarlyWinKind kind, Instant occurredAt, String userId) {
	}

	/** A catalogue entry; {@code hidden}: kept out of lists, never core nor suggested. */
	public record Feature(String key, String name, boolean core, Instant firstSeen, long accounts, long uses,
			boolean hidden) {

		public Feature(String key, String name, boolean core, Instant firstSeen, long accounts, long uses) {
			this(key, name, core, firstSeen, accounts, uses, false);
		}
	}

	private record CoreList(List<String> keys, boolean suggested, Instant at) {
	}

	private static final Duration CORE_LIST_TTL = Duration.ofMinutes(5);

	private final NamedParameterJdbcTemplate named;
	private final JdbcClient jdbc;
	private final AdoptionProperties props;
	private final AuditLog audit;
	private final Clock clock;
	private final UsageCounting counting;
	private volatile CoreList coreList;

	Adoption(NamedParameterJdbcTemplate named, JdbcClient jdbc, AdoptionProperties props, AuditLog audit, Clock clock,
			UsageCounting counting) {
		this.named = named;
		this.jdbc = jdbc;
		this.props = props;
		this.audit = audit;
		this.clock = clock;
		this.counting = counting;
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

	public AdoptionMetrics metrics(UUID accountId, LocalDate asOf) {
		AdoptionMetrics m = metrics(List.of(accountId), asOf).get(accountId);
		if (m == null) {
			throw new NotFoundException("Account", accountId);
		}
		return m;
	}

	/** The metrics of many accounts on one day in five set-based queries. */
	public Map<UUID, AdoptionMetrics> metrics(Collection<UUID> accountIds, LocalDate asOf) {
		if (accountIds.isEmpty()) {
			return Map.of();
		}
		CoreList core = coreFeatures();
		// Read before the rollups: whatever it says was counted is in what they read next.
		Instant countedThrough = counting.countedThrough();
		var params = new MapSqlParameterSource("ids", accountIds.toArray(UUID[]::new))
			.addValue("asOf", asOf)
			.addValue("asOfEnd", Timestamp.from(endOf(asOf)))
			.addValue("core", core.keys().toArray(String[]::new));
		record Base(int seats, ProductType type, LocalDate start) {
		}
		var base = new LinkedHashMap<UUID, Base>();
		named.query("""
				select a.account_id, a.licensed_seats, a.product_type,
				  coalesce(p.start_date, a.contract_signed_date, (a.created_at at time zone 'UTC')::date) as start
				from account_v a left join onboarding_project_v p on p.project_id = a.current_project_id
				where a.account_id = any(:ids)""", params,
				rs -> { base.put(rs.getObject(1, UUID.class), new Base(rs.getInt(2), ProductType.valueOf(rs.getString(3)),
						rs.getObject(4, LocalDate.class))); });
		var activated = new HashMap<UUID, Integer>();
		named.query("""
				select account_id, count(*) from usage_user
				where account_id = any(:ids) and first_seen < :asOfEnd group by account_id""", params,
				rs -> { activated.put(rs.getObject(1, UUID.class), rs.getInt(2)); });
		record Active(int dau, int wau, int mau, int previousWau, long logins) {
		}
		var active = new HashMap<UUID, Active>();
		// One row per user first (a hash aggregate), then counted, instead of four distinct counts (a sort).
		named.query("""
				select account_id, count(*) filter (where today) as dau, count(*) filter (where week) as wau,
				  count(*) as mau, count(*) filter (where previous_week) as previous_wau, sum(logins) as logins
				from (
				  select account_id, user_id, bool_or(day = :asOf) as today, bool_or(day > :asOf - 7) as week,
				    bool_or(day <= :asOf - 7 and day > :asOf - 14) as previous_week, sum(logins) as logins
				  from usage_user_day
				  where account_id = any(:ids) and day > :asOf - 30 and day <= :asOf
				  group by account_id, user_id) u
				group by account_id""", params,
				rs -> { active.put(rs.getObject(1, UUID.class),
						new Active(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6))); });
		var coreAdopted = new HashMap<UUID, Integer>();
		if (!core.keys().isEmpty()) {
			named.query("""
					select account_id, count(*) from usage_feature
					where account_id = any(:ids) and feature = any(:core) and first_used < :asOfEnd
					group by account_id""", params,
					rs -> { coreAdopted.put(rs.getObject(1, UUID.class), rs.getInt(2)); });
		}
		Map<UUID, Double> keyUsers = base.values().stream().anyMatch(b -> b.type() == ProductType.PERIODIC)
				? keyUsersActive(params, asOf) : Map.of();
		var result = new LinkedHashMap<UUID, AdoptionMetrics>();
		base.forEach((id, b) -> {
			int seats = b.seats();
			int users = activated.getOrDefault(id, 0);
			Active a = active.getOrDefault(id, new Active(0, 0, 0, 0, 0));
			Integer day = b.start() == null ? null : (int) ChronoUnit.DAYS.between(b.start(), asOf);
			long d = day == null ? 0 : day;
			var targets = new AdoptionMetrics.Targets(AdoptionProperties.onCurve(props.activationTarget(), d),
					AdoptionProperties.onCurve(props.weeklyActiveTarget(), d),
					AdoptionProperties.onCurve(props.coreFeaturesTarget(), d));
			Double dar = rate(a.dau(), seats);
			Double war = rate(a.wau(), seats);
			Double mar = rate(a.mau(), seats);
			result.put(id, new AdoptionMetrics(asOf, id, seats, users, rate(users, seats), dar, war, mar,
					coreAdopted.getOrDefault(id, 0), core.keys().size(), core.suggested(), a.dau(), a.wau(), a.mau(),
					a.previousWau(), a.mau() == 0 ? null : round((double) a.logins() / a.mau()), day, targets,
					thresholds(b.type(), dar, war, mar, keyUsers.get(id)), users > 0, countedThrough));
		});
		return result;
	}

	private AdoptionMetrics.Thresholds thresholds(ProductType type, Double dar, Double war, Double mar,
			Double keyUsers) {
		var checks = new ArrayList<AdoptionMetrics.Thresholds.Check>();
		props.thresholds().getOrDefault(type, Map.of()).forEach((metric, threshold) -> {
			Double actual = switch (metric) {
				case "dailyActive" -> dar;
				case "weeklyActive" -> war;
				case "monthlyActive" -> mar;
				// Periodic use: the key users (power users) were active within the last 30 days.
				case "keyUsersActive" -> keyUsers;
				default -> null;
			};
			checks.add(new AdoptionMetrics.Thresholds.Check(metric, threshold, actual, actual != null && actual >= threshold));
		});
		return new AdoptionMetrics.Thresholds(type, !checks.isEmpty() && checks.stream().allMatch(c -> c.met()), checks);
	}

	/** Periodic use: the share of the key users (the most active ever) seen in the last 30 days. */
	private Map<UUID, Double> keyUsersActive(MapSqlParameterSource params, LocalDate asOf) {
		var share = new HashMap<UUID, Double>();
		named.query("""
				select account_id, avg(case when last_seen >= :since then 1.0 else 0.0 end) from (
				  select account_id, last_seen, row_number() over (partition by account_id order by events desc, user_id) as rank
				  from usage_user where account_id = any(:ids) and first_seen < :asOfEnd) k
				where rank <= :keyUsers group by account_id""",
				new MapSqlParameterSource(params.getValues()).addValue("keyUsers", Math.max(1, props.champions()))
					.addValue("since", Timestamp.from(endOf(asOf.minusDays(30)))),
				rs -> { share.put(rs.getObject(1, UUID.class), round(rs.getDouble(2))); });
		return share;
	}

	/** ADO-5 for one account on a day. */
	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public Users users(UUID accountId, LocalDate asOf) {
		List<UserActivity> all = jdbc.sql("""
				select u.user_id, u.first_seen, u.last_seen, u.events,
				  coalesce(sum(d.events), 0) as events30, count(d.day) as days30
				from usage_user u
				left join usage_user_day d on d.account_id = u.account_id and d.user_id = u.user_id
				  and d.day > :asOf - 30 and d.day <= :asOf
				where u.account_id = :a and u.first_seen < :end
				group by u.user_id, u.first_seen, u.last_seen, u.events
				order by events30 desc, u.user_id""")
			.param("a", accountId).param("asOf", asOf).param("end", Timestamp.from(endOf(asOf)))
			.query((rs, n) -> new UserActivity(rs.getString(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getInt(5), rs.getInt(6)))
			.list();
		// New users get a week before they can be called low adopters.
		Instant settled = endOf(asOf.minusDays(7));
		List<UserActivity> low = all.stream()
			.filter(u -> u.events30() <= props.lowAdopterMaxEvents() && u.firstSeen().isBefore(settled))
			.sorted(java.util.Comparator.comparingInt(UserActivity::events30).thenComparing(UserActivity::userId))
			.toList();
		List<UserActivity> power = all.stream()
			.filter(u -> u.activeDays30() >= props.powerUserMinActiveDays() && u.events30() >= props.powerUserMinEvents())
			.toList();
		int seats = jdbc.sql("select licensed_seats from account_v where account_id = :a").param("a", accountId)
			.query(Integer.class).optional().orElseThrow(() -> new NotFoundException("Account", accountId));
		return new Users(low, power, power.stream().limit(props.champions()).toList(), Math.max(0, seats - all.size()));
	}

	/** Weekly points from the onboarding start to {@code asOf}, with the target curves (charts). */
	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public List<WeekPoint> weekly(UUID accountId, LocalDate asOf) {
		AdoptionMetrics now = metrics(accountId, asOf);
		if (now.onboardingDay() == null) {
			return List.of();
		}
		LocalDate start = asOf.minusDays(now.onboardingDay());
		var days = new ArrayList<LocalDate>();
		for (LocalDate d = asOf; !d.isBefore(start) && days.size() < 53; d = d.minusWeeks(1)) {
			days.addFirst(d);
		}
		var points = new ArrayList<WeekPoint>();
		for (LocalDate d : days) {
			AdoptionMetrics m = d.equals(asOf) ? now : metrics(accountId, d);
			long day = java.time.temporal.ChronoUnit.DAYS.between(start, d);
			points.add(new WeekPoint(d, day, m.activationRate(), m.weeklyActiveRate(), m.coreFeaturesAdopted(),
					m.targets().activationRate(), m.targets().weeklyActiveRate(), m.targets().coreFeaturesAdopted()));
		}
		return points;
	}

	public List<EarlyWin> earlyWins(UUID accountId) {
		return jdbc.sql("select kind, occurred_at, user_id from early_win where account_id = :a order by occurred_at")
			.param("a", accountId)
			.query((rs, n) -> new EarlyWin(EarlyWinKind.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(),
					rs.getString(3)))
			.list();
	}

	/** Bulk: the early wins reached by each account by the end of a day (for health and flags). */
	public Map<UUID, List<EarlyWinKind>> earlyWins(Collection<UUID> accountIds, LocalDate asOf) {
		var wins = new HashMap<UUID, List<EarlyWinKind>>();
		named.query("select account_id, kind from early_win where account_id = any(:ids) and occurred_at < :end",
				new MapSqlParameterSource("ids", accountIds.toArray(UUID[]::new)).addValue("end", Timestamp.from(endOf(asOf))),
				rs -> { wins.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(EarlyWinKind.valueOf(rs.getString(2))); });
		return wins;
	}

	/** Bulk: when each account's users were last seen (for "no login since" flags). */
	public Map<UUID, Instant> lastSeen(Collection<UUID> accountIds) {
		var last = new HashMap<UUID, Instant>();
		named.query("select account_id, max(last_seen) from usage_user where account_id = any(:ids) group by account_id",
				new MapSqlParameterSource("ids", accountIds.toArray(UUID[]::new)),
				rs -> { last.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()); });
		return last;
	}

	/** Whether any usage event was ever received: without telemetry, adoption is "no data", not zero. */
	public boolean telemetryConnected() {
		return jdbc.sql("select exists (select 1 from usage_user)").query(Boolean.class).single();
	}

	/** The catalogue (keys merged into another are left out), core first, then by use. */
	public List<Feature> features() {
		return jdbc.sql("""
				select f.key, f.name, f.core, f.first_seen, count(u.account_id), coalesce(sum(u.uses), 0), f.hidden
				from feature f left join usage_feature u on u.feature = f.key
				where f.merged_into is null
				group by f.key, f.name, f.core, f.first_seen, f.hidden
				order by f.hidden, f.core desc, coalesce(sum(u.uses), 0) desc, f.key""")
			.query((rs, n) -> new Feature(rs.getString(1), rs.getString(2), rs.getBoolean(3),
					rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getLong(6), rs.getBoolean(7)))
			.list();
	}

	/** The vendor names a feature and marks it core or not; unknown keys are added to the catalogue. */
	@Transactional
	public Feature updateFeature(String key, String name, boolean core) {
		return updateFeature(key, name, core, null);
	}

	/**
	 * A person renames a feature (its display name), marks it core or not and hides or shows it ({@code hidden}
	 * null: unchanged); a hidden key is never core. Unknown keys are added to the catalogue; a key merged into
	 * another cannot be changed.
	 */
	@Transactional
	public Feature updateFeature(String key, String name, boolean core, Boolean hidden) {
		String problem = FeatureKeys.problem(key);
		if (problem != null) {
			throw com.onward.shared.InvalidInputException.of("key", problem);
		}
		String into = mergedInto(key);
		if (into != null) {
			throw new com.onward.shared.BusinessRuleException("key", "was merged into " + into, "features.merged", into);
		}
		boolean hide = hidden != null && hidden;
		jdbc.sql("""
				insert into feature (key, name, core, first_seen, hidden) values (:k, :n, :c, :at, :h)
				on conflict (key) do update set name = excluded.name, core = excluded.core,
				  hidden = coalesce(cast(:hidden as boolean), feature.hidden)""")
			.param("k", key).param("n", Texts.blankToNull(name)).param("c", core && !hide)
			.param("at", Timestamp.from(clock.instant())).param("h", hide).param("hidden", hidden).update();
		// Hiding a key also takes away its core mark: a hidden key is never taught to customers.
		jdbc.sql("update feature set core = false where key = :k and hidden").param("k", key).update();
		Feature f = features().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
		audit.record("feature.updated", "feature", null, key + (f.name() == null ? "" : " \"" + f.name() + "\"")
				+ (f.core() ? " (core)" : "") + (f.hidden() ? " (hidden)" : ""));
		coreList = null;
		return f;
	}

	/**
	 * Merges feature key {@code from} into {@code into}: its usage per account is added to the other key's, later
	 * events with it count for the other key, and it leaves the catalogue. {@code into} stays core if either was.
	 */
	@Transactional
	public Feature mergeFeature(String from, String into) {
		if (from.equals(into)) {
			throw new com.onward.shared.BusinessRuleException("into", "a feature cannot be merged into itself",
					"features.mergeSelf");
		}
		// No count meanwhile: it could add to the old key's rows between their copy and their deletion below.
		counting.lockCounting();
		var keys = jdbc.sql("select key, merged_into from feature where key in (:from, :into) for update")
			.param("from", from).param("into", into)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
		var found = new java.util.HashMap<String, String>();
		keys.forEach(k -> found.put(k[0], k[1] == null ? "" : k[1]));
		if (!found.containsKey(from)) {
			throw new com.onward.shared.NotFoundException("Feature", from);
		}
		if (!found.containsKey(into)) {
			throw com.onward.shared.InvalidInputException.of("into", "is not a feature key in the catalogue");
		}
		if (!found.get(from).isEmpty() || !found.get(into).isEmpty()) {
			throw new com.onward.shared.BusinessRuleException("into", "a merged key cannot be merged again",
					"features.merged", found.get(from).isEmpty() ? found.get(into) : found.get(from));
		}
		jdbc.sql("""
				insert into usage_feature (account_id, feature, first_used, last_used, uses)
				select account_id, :into, first_used, last_used, uses from usage_feature where feature = :from
				on conflict (account_id, feature) do update
				set first_used = least(usage_feature.first_used, excluded.first_used),
				    last_used = greatest(usage_feature.last_used, excluded.last_used),
				    uses = usage_feature.uses + excluded.uses""").param("from", from).param("into", into).update();
		jdbc.sql("delete from usage_feature where feature = :from").param("from", from).update();
		jdbc.sql("""
				update feature t set core = t.core or (f.core and not f.hidden)
				from feature f where f.key = :from and t.key = :into""").param("from", from).param("into", into).update();
		jdbc.sql("update feature set merged_into = :into, core = false where key = :from").param("from", from)
			.param("into", into).update();
		audit.record("feature.merged", "feature", null, from + " → " + into);
		coreList = null;
		return features().stream().filter(x -> x.key().equals(into)).findFirst().orElseThrow();
	}

	private String mergedInto(String key) {
		return jdbc.sql("select merged_into from feature where key = :k").param("k", key).query(String.class).optional()
			.orElse(null);
	}

	/** The vendor's core features, or until any is marked the most used ones (flagged as suggested). */
	public List<String> coreFeatureKeys() {
		return coreFeatures().keys();
	}

	private CoreList coreFeatures() {
		CoreList list = coreList;
		Instant now = clock.instant();
		if (list != null && list.at().plus(CORE_LIST_TTL).isAfter(now)) {
			return list;
		}
		List<String> marked = jdbc.sql("select key from feature where core and not hidden and merged_into is null order by key")
			.query(String.class).list();
		if (!marked.isEmpty()) {
			list = new CoreList(marked, false, now);
		}
		else {
			list = new CoreList(jdbc.sql("""
					select u.feature from usage_feature u
					where not exists (select 1 from feature f where f.key = u.feature and (f.hidden or f.merged_into is not null))
					group by u.feature
					order by sum(u.uses) desc, u.feature limit :n""").param("n", props.coreFeatures()).query(String.class).list(),
					true, now);
		}
		coreList = list;
		return list;
	}

	private Instant endOf(LocalDate day) {
		return day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
	}

	private static Double rate(int users, int seats) {
		return seats <= 0 ? null : round(Math.min(1.0, (double) users / seats));
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
