package com.onward.planning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.analytics.AnalyticsCache;
import com.onward.shared.Segment;

/**
 * Capacity per segment from the vendor's own data (ANL-6): new onboardings per week over the last
 * weeks, the average duration of the onboardings completed in the last year (the planned one while
 * none has completed), the load carried now, the specialists Little's law asks for with the
 * buffer, and the specialists the team has for the segment.
 */
@Service
public class CapacityPlans {

	public record SegmentPlan(Segment segment, double arrivalsPerWeek, int startedLastWeeks, int historyWeeks,
			Double avgDurationWeeks, boolean durationFromCompleted, int activeOnboardings, double concurrentOnboardings,
			int bufferPercent, double withBuffer, double onboardingsPerSpecialist, Integer specialistsNeeded,
			int specialists, String derivation) {
	}

	private final JdbcClient jdbc;
	private final PlanningProperties props;
	private final Calculators calculators;
	private final Clock clock;
	private final AnalyticsCache cache;

	CapacityPlans(JdbcClient jdbc, PlanningProperties props, Calculators calculators, Clock clock, AnalyticsCache cache) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.props = props;
		this.calculators = calculators;
		this.clock = clock;
	}

	public List<SegmentPlan> all(Locale locale) {
		LocalDate today = LocalDate.now(clock);
		Map<Segment, Load> loads = loads(today);
		Map<Segment, Staff> staff = staff();
		var out = new ArrayList<SegmentPlan>();
		for (Segment s : Segment.values()) out.add(plan(s, loads.get(s), staff.get(s), locale));
		return out;
	}

	public SegmentPlan segment(Segment segment) {
		return segment(segment, Locale.ENGLISH);
	}

	public SegmentPlan segment(Segment segment, Locale locale) {
		return plan(segment, loads(LocalDate.now(clock)).get(segment), staff().get(segment), locale);
	}

	private SegmentPlan plan(Segment segment, Load load, Staff staff, Locale locale) {
		int weeks = props.historyWeeks();
		double perWeek = (double) load.started() / weeks;
		Double days = load.completedDays() != null ? load.completedDays() : load.plannedDays();
		Double duration = days == null ? null : Math.max(1, Calculators.round(days / 7, 1));
		double perSpecialist = staff.capacity() != null ? Calculators.round(staff.capacity(), 1) : 10;
		int buffer = props.bufferPercent();
		if (duration == null) {
			return new SegmentPlan(segment, Calculators.round(perWeek, 2), load.started(), weeks, null, false,
					load.active(), 0, buffer, 0, perSpecialist, null, staff.count(), null);
		}
		var result = calculators.capacity(new Calculators.CapacityInput((double) load.started(), (double) weeks, duration,
				perSpecialist, (double) buffer), locale);
		return new SegmentPlan(segment, Calculators.round(perWeek, 2), load.started(), weeks, duration,
				load.completedDays() != null, load.active(), result.concurrentOnboardings(), buffer, result.withBuffer(),
				perSpecialist, result.specialistsNeeded(), staff.count(), result.derivation());
	}

	private record Load(int started, int active, Double completedDays, Double plannedDays) {
	}

	private record Staff(int count, Double capacity) {
	}

	/**
	 * Every segment's load in one pass over the projects (it aggregates all of them): held in the analytics
	 * answers cache, which projects started, closed or graduated and account changes retire.
	 */
	private Map<Segment, Load> loads(LocalDate today) {
		int weeks = props.historyWeeks();
		return cache.get("capacity-loads", EnumSet.of(AnalyticsCache.Input.PROJECTS, AnalyticsCache.Input.ACCOUNTS), () -> {
			var loads = new EnumMap<Segment, Load>(Segment.class);
			for (Segment s : Segment.values()) loads.put(s, new Load(0, 0, null, null));
			jdbc.sql("""
					select a.segment,
					  count(*) filter (where p.start_date > cast(:today as date) - :days and p.start_date <= :today),
					  count(*) filter (where p.active),
					  avg(p.completed_on - p.start_date) filter (where p.completed_on > cast(:today as date) - 365 and p.status = 'COMPLETED'),
					  avg(p.target_graduation_date - p.start_date) filter (where p.active)
					from onboarding_project_v p join account_v a on a.account_id = p.account_id
					group by a.segment""")
				.param("today", today).param("days", weeks * 7)
				.query((rs, n) -> loads.put(Segment.valueOf(rs.getString(1)), new Load(rs.getInt(2), rs.getInt(3),
						toDouble(rs.getObject(4)), toDouble(rs.getObject(5)))))
				.list();
			return loads;
		}, today, weeks);
	}

	/** The specialists serving each segment (no segments listed = all of them), read fresh: a handful of rows. */
	private Map<Segment, Staff> staff() {
		var staff = new EnumMap<Segment, Staff>(Segment.class);
		jdbc.sql("""
				select s.segment, count(m.member_id), avg(m.capacity)
				from unnest(cast(:segments as text[])) s(segment)
				left join team_member_v m on m.active and m.role = :role
				  and (cardinality(m.segments) = 0 or s.segment = any(m.segments))
				group by s.segment""")
			.param("segments", Arrays.stream(Segment.values()).map(Segment::name).toArray(String[]::new))
			.param("role", props.specialistRole())
			.query((rs, n) -> staff.put(Segment.valueOf(rs.getString(1)), new Staff(rs.getInt(2), toDouble(rs.getObject(3)))))
			.list();
		return staff;
	}

	private static Double toDouble(Object o) {
		return o == null ? null : ((Number) o).doubleValue();
	}
}
