package com.onward.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.shared.Segment;

/**
 * Time to first value and to go-live (ANL-1) by segment, CSM or monthly cohort of signing: count,
 * achieved, median and quartiles (linear interpolation, as PostgreSQL's percentile_cont), a
 * histogram, and the seeds' rating on the median per segment. One grouped query returns how many
 * onboardings took each number of days, so the percentiles are exact without shipping rows.
 */
@Service
public class TimeToValue {

	public enum Metric {
		FIRST_VALUE, GO_LIVE
	}

	public enum GroupBy {
		SEGMENT, CSM, COHORT
	}

	public enum Rating {
		WORLD_CLASS, GOOD, POOR
	}

	/** Histogram bins: days up to each bound (inclusive); the last bin is open. */
	public static final int[] BINS = { 7, 14, 21, 30, 45, 60, 90, 120 };

	public record Bin(String label, long count) {
	}

	public record Group(String key, Segment segment, long count, long achieved, Double medianDays, Double p25Days,
			Double p75Days, Rating rating, List<Bin> histogram) {
	}

	public record Report(Metric metric, GroupBy groupBy, LocalDate from, LocalDate to, List<Group> groups,
			Group overall) {
	}

	/** What the reports are computed from: the dates, and the accounts' segment and owner they are grouped by. */
	private static final java.util.Set<AnalyticsCache.Input> INPUTS = java.util.EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.ACCOUNTS);

	private final JdbcClient jdbc;
	private final AnalyticsProperties props;
	private final AnalyticsCache cache;

	TimeToValue(JdbcClient jdbc, AnalyticsProperties props, AnalyticsCache cache) {
		this.jdbc = jdbc;
		this.props = props;
		this.cache = cache;
	}

	/** The report, from the answers cache when it holds a current one (see {@link AnalyticsCache}). */
	public Report report(Metric metric, GroupBy groupBy, LocalDate from, LocalDate to) {
		return cache.get("time-to-value", INPUTS, () -> compute(metric, groupBy, from, to), metric, groupBy, from, to);
	}

	/** The report computed from the data now (what {@link #report} serves while nothing changed). */
	/**
	 * One onboarding per row: {@code key} (the group; '' = no CSM), {@code segment}, {@code days}
	 * (null = not reached), the account, its name, the project and the signing date. The report
	 * and the list of members behind a figure are both read from this one definition.
	 */
	private static String rows(Metric metric, GroupBy groupBy) {
		String days = metric == Metric.FIRST_VALUE ? "o.first_value_date - o.signed_on" : "o.go_live_date - o.signed_on";
		String key = switch (groupBy) {
			case SEGMENT -> "a.segment";
			case CSM -> "coalesce(m.name, '')";
			case COHORT -> "to_char(o.signed_on, 'YYYY-MM')";
		};
		String join = groupBy == GroupBy.CSM ? " left join team_member_v m on m.member_id = a.owner_csm_id" : "";
		return "select " + key + " as key, a.segment, " + days + " as days, o.account_id, a.name, o.project_id, o.signed_on"
				+ " from onboarding_outcome o join account_v a on a.account_id = o.account_id" + join
				+ " where o.signed_on >= coalesce(cast(:from as date), '-infinity') and o.signed_on <= coalesce(cast(:to as date), 'infinity')";
	}

	/** The onboardings behind a group ({@code key} null = every group), slowest last, not reached at the end. */
	public List<Drilldown.Member> members(Metric metric, GroupBy groupBy, String key, LocalDate from, LocalDate to) {
		return jdbc.sql("select account_id, name, project_id, signed_on, days from (" + rows(metric, groupBy) + ") r"
				+ " where cast(:key as text) is null or r.key = :key order by days nulls last, signed_on, account_id")
			.param("from", from).param("to", to).param("key", key)
			.query((rs, n) -> new Drilldown.Member(rs.getObject(1, java.util.UUID.class), rs.getString(2),
					rs.getObject(3, java.util.UUID.class), rs.getObject(4, LocalDate.class), (Integer) rs.getObject(5), null,
					null, null))
			.list();
	}

	public Report compute(Metric metric, GroupBy groupBy, LocalDate from, LocalDate to) {
		record Row(String key, String segment, Integer days, long n) {
		}
		List<Row> rows = jdbc.sql("select key, segment, days, count(*) from (" + rows(metric, groupBy) + ") r group by 1, 2, 3")
			.param("from", from).param("to", to)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getLong(4)))
			.list();
		var byKey = new LinkedHashMap<String, List<Row>>();
		rows.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
		var groups = new ArrayList<Group>();
		for (var e : byKey.entrySet()) {
			Segment segment = groupBy == GroupBy.SEGMENT ? Segment.valueOf(e.getKey()) : null;
			groups.add(group(metric, e.getKey().isEmpty() ? null : e.getKey(), segment,
					e.getValue().stream().map(r -> new long[] { r.days() == null ? Long.MIN_VALUE : r.days(), r.n() }).toList()));
		}
		Comparator<Group> order = switch (groupBy) {
			case SEGMENT -> Comparator.comparing(Group::segment);
			case CSM -> Comparator.comparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder()));
			case COHORT -> Comparator.comparing(Group::key);
		};
		groups.sort(order);
		Group overall = group(metric, "ALL", null,
				rows.stream().map(r -> new long[] { r.days() == null ? Long.MIN_VALUE : r.days(), r.n() }).toList());
		return new Report(metric, groupBy, from, to, groups, overall);
	}

	/** {@code counts}: [days (MIN_VALUE = not reached), how many]. */
	Group group(Metric metric, String key, Segment segment, List<long[]> counts) {
		long count = 0;
		var values = new ArrayList<Integer>();
		long[] bins = new long[BINS.length + 1];
		for (long[] c : counts) {
			count += c[1];
			if (c[0] == Long.MIN_VALUE) continue;
			int d = (int) Math.max(0, c[0]);
			for (long i = 0; i < c[1]; i++) values.add(d);
			int b = 0;
			while (b < BINS.length && d > BINS[b]) b++;
			bins[b] += c[1];
		}
		values.sort(null);
		Double median = Stats.percentile(values, 0.5);
		var histogram = new ArrayList<Bin>();
		for (int b = 0; b <= BINS.length; b++) {
			String label = b == BINS.length ? ">" + BINS[b - 1] : (b == 0 ? 0 : BINS[b - 1] + 1) + "-" + BINS[b];
			histogram.add(new Bin(label, bins[b]));
		}
		return new Group(key, segment, count, values.size(), median, Stats.percentile(values, 0.25),
				Stats.percentile(values, 0.75), rating(metric, segment, median), histogram);
	}

	/** The seeds' rating on the median for a segment; null without a segment or a median. */
	public Rating rating(Metric metric, Segment segment, Double medianDays) {
		if (segment == null || medianDays == null) return null;
		var r = (metric == Metric.FIRST_VALUE ? props.ttvRating() : props.goLiveRating()).get(segment);
		if (r == null) return null;
		if (medianDays <= r.worldClassUpTo()) return Rating.WORLD_CLASS;
		if (medianDays <= r.goodUpTo()) return Rating.GOOD;
		return Rating.POOR;
	}

	Map<Segment, AnalyticsProperties.Rating> ratings(Metric metric) {
		return metric == Metric.FIRST_VALUE ? props.ttvRating() : props.goLiveRating();
	}
}
