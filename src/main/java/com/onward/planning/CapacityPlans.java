package com.onward.planning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
		var out = new ArrayList<SegmentPlan>();
		for (Segment s : Segment.values()) out.add(segment(s, locale));
		return out;
	}

	public SegmentPlan segment(Segment segment) {
		return segment(segment, Locale.ENGLISH);
	}

	public SegmentPlan segment(Segment segment, Locale locale) {
		LocalDate today = LocalDate.now(clock);
		int weeks = props.historyWeeks();
		// The load aggregates every project of the segment: held in the analytics answers cache (retired by
		// project events); the team is read fresh each time (a handful of rows).
		Load load = cache.get("capacity-load", () -> load(segment, today, weeks), segment, today, weeks);
		record Staff(int count, Double capacity) {
		}
		Staff staff = jdbc.sql("""
				select count(*), avg(capacity) from team_member_v
				where active and role = :role and (cardinality(segments) = 0 or :segment = any(segments))""")
			.param("role", props.specialistRole()).param("segment", segment.name())
			.query((rs, n) -> new Staff(rs.getInt(1), (Double) toDouble(rs.getObject(2)))).single();
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

	private Load load(Segment segment, LocalDate today, int weeks) {
		return jdbc.sql("""
				select count(*) filter (where p.start_date > cast(:today as date) - :days and p.start_date <= :today),
				  count(*) filter (where p.active),
				  avg(p.completed_on - p.start_date) filter (where p.completed_on > cast(:today as date) - 365 and p.status = 'COMPLETED'),
				  avg(p.target_graduation_date - p.start_date) filter (where p.active)
				from onboarding_project_v p join account_v a on a.account_id = p.account_id
				where a.segment = :segment""")
			.param("today", today).param("days", weeks * 7).param("segment", segment.name())
			.query((rs, n) -> new Load(rs.getInt(1), rs.getInt(2), toDouble(rs.getObject(3)), toDouble(rs.getObject(4))))
			.single();
	}

	private static Double toDouble(Object o) {
		return o == null ? null : ((Number) o).doubleValue();
	}
}
