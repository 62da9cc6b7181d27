package com.onward.planning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import com.onward.shared.InvalidInputException;
import com.onward.shared.Segment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The capacity what-if (ANL-6): a deterministic fluid simulation, week by week. Each week the
 * onboardings that reach their duration finish, the week's new customers join the queue, and as
 * many start as the team's free capacity allows; the rest wait. A duration of 7.5 weeks finishes
 * half a cohort after 7 weeks and half after 8 (the model's resolution is a week, so durations
 * start at one week). Unlike Little's law alone, it shows a backlog that
 * builds up over a quarter and how fast a hire or a shorter onboarding clears it.
 */
@Service
public class WhatIf {

	public record Input(@Min(1) @Max(260) Integer weeks, @PositiveOrZero @Max(100_000) Double arrivalsPerWeek,
			@jakarta.validation.constraints.DecimalMin("1") @Max(520) Double avgDurationWeeks,
			@PositiveOrZero @Max(100_000) Integer specialists,
			@Positive @Max(10_000) Double onboardingsPerSpecialist, @PositiveOrZero @Max(10_000_000) Double initialActive,
			@PositiveOrZero @Max(10_000_000) Double initialWaiting, Segment segment) {
	}

	public record Week(int week, LocalDate weekOf, double arrivals, double started, double completed, double active,
			double waiting, double utilisation) {
	}

	public record Result(int specialistsNeeded, double steadyStateConcurrent, double capacity, Input assumptions,
			double maxWaiting, double finalWaiting, Double averageWaitWeeks, List<Week> weeks) {
	}

	private final CapacityPlans plans;
	private final Clock clock;

	WhatIf(CapacityPlans plans, Clock clock) {
		this.plans = plans;
		this.clock = clock;
	}

	/** Fills what the request leaves out from the segment's own data; names the first missing field. */
	public Result run(Input in) {
		CapacityPlans.SegmentPlan own = in.segment() == null ? null : plans.segment(in.segment());
		Input full = new Input(in.weeks() == null ? 26 : in.weeks(),
				in.arrivalsPerWeek() != null ? in.arrivalsPerWeek() : own == null ? null : own.arrivalsPerWeek(),
				in.avgDurationWeeks() != null ? in.avgDurationWeeks() : own == null ? null : own.avgDurationWeeks(),
				in.specialists() != null ? in.specialists() : own == null ? null : own.specialists(),
				in.onboardingsPerSpecialist() != null ? in.onboardingsPerSpecialist()
						: own == null ? null : own.onboardingsPerSpecialist(),
				in.initialActive() != null ? in.initialActive() : own == null ? 0.0 : own.activeOnboardings(),
				in.initialWaiting() == null ? 0.0 : in.initialWaiting(), in.segment());
		var errors = new ArrayList<InvalidInputException.FieldError>();
		if (full.arrivalsPerWeek() == null) errors.add(required("arrivalsPerWeek"));
		if (full.avgDurationWeeks() == null || full.avgDurationWeeks() <= 0) errors.add(required("avgDurationWeeks"));
		if (full.specialists() == null) errors.add(required("specialists"));
		if (full.onboardingsPerSpecialist() == null || full.onboardingsPerSpecialist() <= 0) {
			errors.add(required("onboardingsPerSpecialist"));
		}
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
		return simulate(full, LocalDate.now(clock));
	}

	private static InvalidInputException.FieldError required(String field) {
		return new InvalidInputException.FieldError(field, "is required (or give a segment with data to take it from)");
	}

	static Result simulate(Input in, LocalDate firstWeek) {
		int weeks = in.weeks();
		double arrivals = in.arrivalsPerWeek();
		double duration = in.avgDurationWeeks();
		double capacity = in.specialists() * in.onboardingsPerSpecialist();
		int lo = (int) Math.floor(duration);
		double frac = duration - lo;
		int span = lo + 2;
		// started[w + span] = onboardings started in week w; the initial ones spread over the last weeks.
		double[] started = new double[weeks + span + 1];
		double initial = in.initialActive();
		for (int k = 1; k <= lo; k++) {
			started[span - k + 1] += initial / lo;
		}
		double active = initial;
		double waiting = in.initialWaiting();
		double waitSum = 0;
		double maxWaiting = waiting;
		var out = new ArrayList<Week>();
		for (int w = 1; w <= weeks; w++) {
			int idx = w + span;
			double done = at(started, idx - lo) * (1 - frac) + at(started, idx - lo - 1) * frac;
			done = Math.min(done, active);
			active -= done;
			waiting += arrivals;
			double start = Math.max(0, Math.min(waiting, capacity - active));
			started[idx] += start;
			active += start;
			waiting -= start;
			waitSum += waiting;
			maxWaiting = Math.max(maxWaiting, waiting);
			out.add(new Week(w, firstWeek.plusWeeks(w - 1), r(arrivals), r(start), r(done), r(active), r(waiting),
					capacity == 0 ? (active > 0 ? 1.0 : 0.0) : Calculators.round(active / capacity, 2)));
		}
		double steady = arrivals * duration;
		int needed = (int) Math.ceil(steady / in.onboardingsPerSpecialist() - 1e-9);
		Double avgWait = arrivals == 0 ? null : Calculators.round(waitSum / weeks / arrivals, 1);
		return new Result(needed, Calculators.round(steady, 1), r(capacity), in, r(maxWaiting), r(waiting), avgWait, out);
	}

	private static double at(double[] a, int i) {
		return i < 0 || i >= a.length ? 0 : a[i];
	}

	private static double r(double v) {
		return Calculators.round(v, 1);
	}
}
