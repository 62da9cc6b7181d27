package com.onward.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Retention by onboarding speed (ANL-3). Each account is placed by its first onboarding: by time to
 * first value ({@code LE_30}, {@code D31_90}, {@code GT_90}, {@code NEVER} = no first value and
 * signed more than 90 days ago), by quarter of signing, or by the day of its first workflow. An
 * account's renewal is due once its first renewal date (the first recorded renewal, else its
 * renewal date, else signing + 12 months) has passed; the rate is renewed / (renewed + churned)
 * with a Wilson 95 % interval, so a small group never reads as a certainty.
 */
@Service
public class Retention {

	public enum By {
		TTV, COHORT, FIRST_WORKFLOW
	}

	public record Bucket(String key, long accounts, long renewalsDue, long renewed, long churned, long unknown,
			Double retentionRate, Double low95, Double high95, long expanded, Double expansionRate, String benchmark,
			String expansionBenchmark, long eligible90Days, long retained90Days, Double retention90Rate) {
	}

	public record Report(By by, LocalDate asOf, List<Bucket> buckets) {
	}

	static final List<String> TTV_BUCKETS = List.of("LE_30", "D31_90", "GT_90", "NEVER");

	static final List<String> WORKFLOW_BUCKETS = List.of("WITHIN_7_DAYS", "DAYS_8_13", "DAYS_14_PLUS");

	/** What retention is computed from: first values and signing dates, renewals, and the accounts' renewal dates. */
	private static final Set<AnalyticsCache.Input> INPUTS = EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.RENEWALS, AnalyticsCache.Input.ACCOUNTS);

	/** By the day of the first workflow: the early wins too. */
	private static final Set<AnalyticsCache.Input> WORKFLOW_INPUTS = EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.RENEWALS, AnalyticsCache.Input.ACCOUNTS, AnalyticsCache.Input.EARLY_WINS);

	private final JdbcClient jdbc;
	private final AnalyticsProperties props;
	private final Clock clock;
	private final AnalyticsCache cache;

	Retention(JdbcClient jdbc, AnalyticsProperties props, Clock clock, AnalyticsCache cache) {
		this.jdbc = jdbc;
		this.props = props;
		this.clock = clock;
		this.cache = cache;
	}

	/** The report, from the answers cache when it holds a current one (see {@link AnalyticsCache}). */
	public Report report(By by, LocalDate from, LocalDate to) {
		LocalDate today = LocalDate.now(clock);
		return cache.get("retention", by == By.FIRST_WORKFLOW ? WORKFLOW_INPUTS : INPUTS, () -> compute(by, from, to, today), by,
				from, to, today);
	}

	/**
	 * One account per row ({@code x}): its bucket {@code key}, signing date, whether its first
	 * renewal is due, that renewal's outcome and whether it churned within 90 days. The report and
	 * the list of accounts behind a figure are both read from this one definition.
	 */
	private static String rows(By by) {
		String key = switch (by) {
			case TTV -> """
					case when f.first_value_date is not null and f.first_value_date - f.signed_on <= 30 then 'LE_30'
					     when f.first_value_date is not null and f.first_value_date - f.signed_on <= 90 then 'D31_90'
					     when f.first_value_date is not null then 'GT_90'
					     when f.signed_on < cast(:today as date) - :never then 'NEVER' end""";
			case COHORT -> "to_char(f.signed_on, 'YYYY') || '-Q' || to_char(f.signed_on, 'Q')";
			case FIRST_WORKFLOW -> """
					case when w.occurred_on - f.signed_on <= 7 then 'WITHIN_7_DAYS'
					     when w.occurred_on - f.signed_on <= 13 then 'DAYS_8_13'
					     when w.occurred_on is not null or f.signed_on <= cast(:today as date) - 14 then 'DAYS_14_PLUS' end""";
		};
		String workflowJoin = by == By.FIRST_WORKFLOW
				? " left join early_win_v w on w.account_id = f.account_id and w.kind = 'FIRST_WORKFLOW_CREATED'" : "";
		return """
				with f as (
				  select distinct on (o.account_id) o.account_id, o.signed_on, o.first_value_date
				  from onboarding_outcome o
				  where o.signed_on >= coalesce(cast(:from as date), '-infinity') and o.signed_on <= coalesce(cast(:to as date), 'infinity')
				  order by o.account_id, o.signed_on, o.id),
				r as (
				  select distinct on (account_id) account_id, renewal_date, outcome from account_renewal_v
				  order by account_id, renewal_date),
				c90 as (select distinct account_id, renewal_date from account_renewal_v where churned),
				x as (
				  select %s as key, f.signed_on, f.account_id, a.name, f.first_value_date - f.signed_on as days,
				    coalesce(r.renewal_date, a.renewal_date, (f.signed_on + interval '12 months')::date) <= :today as due,
				    r.outcome,
				    exists (select 1 from c90 where c90.account_id = f.account_id and c90.renewal_date <= f.signed_on + 90) as churned90
				  from f join account_v a on a.account_id = f.account_id
				  left join r on r.account_id = f.account_id%s)
				""".formatted(key, workflowJoin);
	}

	/** The accounts behind a bucket ({@code key} null = every bucket), with the outcome of their first renewal (null = not due or unknown). */
	public List<Drilldown.Member> members(By by, String key, LocalDate from, LocalDate to, LocalDate today) {
		return jdbc.sql(rows(by) + """
				select account_id, name, signed_on, days, case when due then coalesce(outcome, 'UNKNOWN') end
				from x where key is not null and (cast(:key as text) is null or key = :key) order by signed_on, account_id""")
			.param("from", from).param("to", to).param("today", today).param("never", props.neverAfterDays())
			.param("key", key)
			.query((rs, n) -> new Drilldown.Member(rs.getObject(1, java.util.UUID.class), rs.getString(2), null,
					rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4), rs.getString(5), null, null))
			.list();
	}

	/** One cell of the cohort heat map: accounts of a quarter of signing in a time-to-value bucket. */
	public record Cell(String cohort, String bucket, long accounts, long renewed, long churned, Double retentionRate,
			Double low95, Double high95) {
	}

	/** Retention by quarter of signing (rows) and time to first value (columns). */
	public record Matrix(LocalDate asOf, List<String> cohorts, List<String> buckets, List<Cell> cells) {
	}

	/** The cohort heat map, from the answers cache when it holds a current one. */
	public Matrix cohortMatrix(LocalDate from, LocalDate to) {
		LocalDate today = LocalDate.now(clock);
		return cache.get("cohort-matrix", INPUTS, () -> computeCohortMatrix(from, to, today), from, to, today);
	}

	/** The cohort heat map computed from the data now: the same accounts, dues and outcomes as the report by TTV. */
	public Matrix computeCohortMatrix(LocalDate from, LocalDate to, LocalDate today) {
		var found = new java.util.TreeMap<String, java.util.Map<String, long[]>>();
		jdbc.sql(rows(By.TTV) + """
				select to_char(signed_on, 'YYYY') || '-Q' || to_char(signed_on, 'Q'), key, count(*),
				  count(*) filter (where due and outcome in ('RENEWED','EXPANDED','CONTRACTED')),
				  count(*) filter (where due and outcome = 'CHURNED')
				from x where key is not null group by 1, 2""")
			.param("from", from).param("to", to).param("today", today).param("never", props.neverAfterDays())
			.query(rs -> {
				found.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>()).put(rs.getString(2),
						new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5) });
			});
		var cells = new ArrayList<Cell>();
		for (var cohort : found.entrySet()) {
			for (String bucket : TTV_BUCKETS) {
				long[] v = cohort.getValue().getOrDefault(bucket, new long[3]);
				long known = v[1] + v[2];
				double[] ci = Stats.wilson(v[1], known);
				cells.add(new Cell(cohort.getKey(), bucket, v[0], v[1], v[2], Stats.ratio(v[1], known, 4),
						ci == null ? null : Stats.round(ci[0], 2), ci == null ? null : Stats.round(ci[1], 2)));
			}
		}
		return new Matrix(today, List.copyOf(found.keySet()), TTV_BUCKETS, cells);
	}

	/** The report computed from the data now, as of {@code today}. */
	public Report compute(By by, LocalDate from, LocalDate to, LocalDate today) {
		String sql = rows(by) + """
				select key, count(*),
				  count(*) filter (where due),
				  count(*) filter (where due and outcome in ('RENEWED','EXPANDED','CONTRACTED')),
				  count(*) filter (where due and outcome = 'CHURNED'),
				  count(*) filter (where due and outcome is null),
				  count(*) filter (where due and outcome = 'EXPANDED'),
				  count(*) filter (where signed_on <= cast(:today as date) - 90),
				  count(*) filter (where signed_on <= cast(:today as date) - 90 and not churned90)
				from x where key is not null group by key""";
		var found = new java.util.HashMap<String, long[]>();
		jdbc.sql(sql).param("from", from).param("to", to).param("today", today).param("never", props.neverAfterDays())
			.query(rs -> {
				long[] v = new long[8];
				for (int i = 0; i < 8; i++) v[i] = rs.getLong(i + 2);
				found.put(rs.getString(1), v);
			});
		List<String> keys = switch (by) {
			case TTV -> TTV_BUCKETS;
			case FIRST_WORKFLOW -> WORKFLOW_BUCKETS;
			case COHORT -> found.keySet().stream().sorted().toList();
		};
		var buckets = new ArrayList<Bucket>();
		for (String k : keys) {
			long[] v = found.getOrDefault(k, new long[8]);
			buckets.add(bucket(k, v, by == By.TTV));
		}
		return new Report(by, today, buckets);
	}

	Bucket bucket(String key, long[] v, boolean benchmarks) {
		long renewed = v[2], churned = v[3], known = renewed + churned;
		double[] ci = Stats.wilson(renewed, known);
		return new Bucket(key, v[0], v[1], renewed, churned, v[4], Stats.ratio(renewed, known, 4),
				ci == null ? null : Stats.round(ci[0], 2), ci == null ? null : Stats.round(ci[1], 2), v[5],
				Stats.ratio(v[5], known, 4), benchmarks ? props.retentionBenchmark().get(key) : null,
				benchmarks ? props.expansionBenchmark().get(key) : null, v[6], v[7], Stats.ratio(v[7], v[6], 4));
	}
}
