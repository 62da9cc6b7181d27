package com.onward.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Onboarding metrics (ANL-2) over the onboardings signed in a period, each with its numerator and
 * denominator so that a rate is never read without its sample: completion, activation (first
 * login), training completion, CSAT (share of 4–5 answers) and NPS, median days from sale to
 * kickoff, homework completion and stakeholder participation.
 */
@Service
public class OnboardingMetrics {

	public enum Name {
		COMPLETION_RATE, ACTIVATION_RATE, TRAINING_COMPLETION_RATE, CSAT, NPS, DAYS_SALE_TO_KICKOFF,
		HOMEWORK_COMPLETION_RATE, STAKEHOLDER_PARTICIPATION
	}

	/** value: a rate 0..1, an NPS −100..100, or days (median); null without a denominator. */
	public record Metric(Name name, Double value, long numerator, long denominator) {
	}

	public record Report(LocalDate from, LocalDate to, List<Metric> metrics) {
	}

	/** Every metric reads its own kind of data; the onboardings counted are those with a first-value row. */
	private static final java.util.Set<AnalyticsCache.Input> INPUTS = java.util.EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.PROJECTS, AnalyticsCache.Input.PLAN_ITEMS, AnalyticsCache.Input.EARLY_WINS,
			AnalyticsCache.Input.TRAINING, AnalyticsCache.Input.SURVEYS, AnalyticsCache.Input.CONTACTS);

	private final JdbcClient jdbc;
	private final AnalyticsCache cache;

	OnboardingMetrics(JdbcClient jdbc, AnalyticsCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** The metrics, from the answers cache when it holds current ones (see {@link AnalyticsCache}). */
	public Report report(LocalDate from, LocalDate to) {
		return cache.get("onboarding", INPUTS, () -> compute(from, to), from, to);
	}

	/** The metrics computed from the data now. */
	public Report compute(LocalDate from, LocalDate to) {
		String p = """
				with p as (select o.project_id, o.account_id, o.signed_on from onboarding_outcome o
				  where o.project_id is not null
				    and o.signed_on >= coalesce(cast(:from as date), '-infinity') and o.signed_on <= coalesce(cast(:to as date), 'infinity'))
				""";
		var m = new ArrayList<Metric>();
		long[] completion = longs(p + """
				select count(*) filter (where v.status = 'COMPLETED'), count(*) filter (where v.status <> 'CANCELLED')
				from p join onboarding_project_v v on v.project_id = p.project_id""", from, to);
		m.add(rate(Name.COMPLETION_RATE, completion));
		long[] activation = longs(p + """
				select count(distinct p.account_id) filter (where w.account_id is not null), count(distinct p.account_id)
				from p left join early_win_v w on w.account_id = p.account_id and w.kind = 'FIRST_LOGIN'""", from, to);
		m.add(rate(Name.ACTIVATION_RATE, activation));
		long[] training = longs(p + """
				select count(*) filter (where t.completed), count(*)
				from p join training_attendance_v t on t.project_id = p.project_id""", from, to);
		m.add(rate(Name.TRAINING_COMPLETION_RATE, training));
		long[] csat = longs(p + """
				select count(*) filter (where s.score >= 4), count(*)
				from (select distinct account_id from p) a join survey_answer_v s on s.account_id = a.account_id and s.kind = 'CSAT'""",
				from, to);
		m.add(rate(Name.CSAT, csat));
		long[] nps = longs(p + """
				select count(*) filter (where s.score >= 9) - count(*) filter (where s.score <= 6), count(*)
				from (select distinct account_id from p) a join survey_answer_v s on s.account_id = a.account_id and s.kind = 'NPS'""",
				from, to);
		m.add(new Metric(Name.NPS, nps[1] == 0 ? null : Stats.round(100.0 * nps[0] / nps[1], 1), nps[0], nps[1]));
		record Kick(Double median, long n, long of) {
		}
		Kick kick = jdbc.sql(p + """
				select percentile_cont(0.5) within group (order by v.kickoff_date - p.signed_on), count(v.kickoff_date), count(*)
				from p join onboarding_project_v v on v.project_id = p.project_id""")
			.param("from", from).param("to", to)
			.query((rs, n) -> new Kick(rs.getObject(1) == null ? null : Stats.round(rs.getDouble(1), 1), rs.getLong(2),
					rs.getLong(3)))
			.single();
		m.add(new Metric(Name.DAYS_SALE_TO_KICKOFF, kick.median(), kick.n(), kick.of()));
		long[] homework = longs(p + """
				select coalesce(sum(h.done), 0), coalesce(sum(h.total), 0)
				from p join project_homework_v h on h.project_id = p.project_id""", from, to);
		m.add(rate(Name.HOMEWORK_COMPLETION_RATE, homework));
		long[] stakeholders = longs(p + """
				select count(*) filter (where c.participating), count(*)
				from (select distinct account_id from p) a join contact_v c on c.account_id = a.account_id""", from, to);
		m.add(rate(Name.STAKEHOLDER_PARTICIPATION, stakeholders));
		return new Report(from, to, m);
	}

	/**
	 * The accounts or onboardings behind a metric, each with its share: summed over the rows, the
	 * numerators and denominators are the metric's own.
	 */
	public List<Drilldown.Member> members(Name name, LocalDate from, LocalDate to) {
		String p = """
				with p as (select o.project_id, o.account_id, o.signed_on from onboarding_outcome o
				  where o.project_id is not null
				    and o.signed_on >= coalesce(cast(:from as date), '-infinity') and o.signed_on <= coalesce(cast(:to as date), 'infinity')),
				pa as (select account_id, min(signed_on) as signed_on from p group by account_id)
				""";
		// Each query: account, project (or null), signed, days (or null), numerator, denominator.
		String sql = switch (name) {
			case COMPLETION_RATE -> """
					select p.account_id, p.project_id, p.signed_on, null::int, (v.status = 'COMPLETED')::int, 1
					from p join onboarding_project_v v on v.project_id = p.project_id where v.status <> 'CANCELLED'""";
			case ACTIVATION_RATE -> """
					select pa.account_id, null::uuid, pa.signed_on, null::int,
					  (exists (select 1 from early_win_v w where w.account_id = pa.account_id and w.kind = 'FIRST_LOGIN'))::int, 1
					from pa""";
			case TRAINING_COMPLETION_RATE -> """
					select p.account_id, p.project_id, p.signed_on, null::int, count(*) filter (where t.completed), count(*)
					from p join training_attendance_v t on t.project_id = p.project_id group by 1, 2, 3""";
			case CSAT -> """
					select pa.account_id, null::uuid, pa.signed_on, null::int, count(*) filter (where s.score >= 4), count(*)
					from pa join survey_answer_v s on s.account_id = pa.account_id and s.kind = 'CSAT' group by 1, 2, 3""";
			case NPS -> """
					select pa.account_id, null::uuid, pa.signed_on, null::int,
					  count(*) filter (where s.score >= 9) - count(*) filter (where s.score <= 6), count(*)
					from pa join survey_answer_v s on s.account_id = pa.account_id and s.kind = 'NPS' group by 1, 2, 3""";
			case DAYS_SALE_TO_KICKOFF -> """
					select p.account_id, p.project_id, p.signed_on, v.kickoff_date - p.signed_on, (v.kickoff_date is not null)::int, 1
					from p join onboarding_project_v v on v.project_id = p.project_id""";
			case HOMEWORK_COMPLETION_RATE -> """
					select p.account_id, p.project_id, p.signed_on, null::int, h.done, h.total
					from p join project_homework_v h on h.project_id = p.project_id""";
			case STAKEHOLDER_PARTICIPATION -> """
					select pa.account_id, null::uuid, pa.signed_on, null::int, count(*) filter (where c.participating), count(*)
					from pa join contact_v c on c.account_id = pa.account_id group by 1, 2, 3""";
		};
		return jdbc.sql(p + "select m.*, a.name from (" + sql + ") m(account_id, project_id, signed_on, days, num, den) join account_v a on a.account_id = m.account_id"
				+ " order by m.signed_on, m.account_id, m.project_id")
			.param("from", from).param("to", to)
			.query((rs, n) -> new Drilldown.Member(rs.getObject(1, java.util.UUID.class), rs.getString(7),
					rs.getObject(2, java.util.UUID.class), rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4), null,
					rs.getLong(5), rs.getLong(6)))
			.list();
	}

	private long[] longs(String sql, LocalDate from, LocalDate to) {
		return jdbc.sql(sql).param("from", from).param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
	}

	private static Metric rate(Name name, long[] v) {
		return new Metric(name, Stats.ratio(v[0], v[1], 4), v[0], v[1]);
	}

	static String csv(Report r) {
		return Csv.of(List.of("metric", "value", "numerator", "denominator"), r.metrics().stream()
			.<List<?>>map(x -> Arrays.asList(x.name(), x.value(), x.numerator(), x.denominator())).toList());
	}
}
