package com.onward.onboarding;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.onward.playbook.ItemKind;

/**
 * The project page's timeline, laid out on the server: one row per phase and milestone with its plan
 * and forecast as bars positioned in percent of the project's span, date ticks and today's line.
 * The page draws it as HTML and SVG, so it needs no charting library and reads as text to a screen reader.
 * {@code today} is null when today lies outside the project's span.
 */
record Timeline(List<Row> rows, List<Tick> ticks, Tick today) {

	/** At most this many labelled ticks: they must fit the narrow column of a phone. */
	static final int MAX_TICKS = 5;

	/**
	 * A phase or milestone. {@code state} is the forecast bar's look: {@code late} (ends after the plan),
	 * {@code done} (a completed milestone), {@code milestone} or {@code phase}. Positions are CSS/SVG
	 * percentages ("12.50%").
	 */
	record Row(String name, boolean milestone, LocalDate plannedStart, LocalDate plannedEnd, LocalDate start,
			LocalDate end, int lateDays, String state, String planX, String planWidth, String x, String width) {
	}

	/** A day on the axis and its position. */
	record Tick(LocalDate day, String x, String anchor) {
	}

	static Timeline of(Project project, LocalDate today, Locale locale) {
		record Span(String name, boolean milestone, LocalDate plannedStart, LocalDate plannedEnd, LocalDate start,
				LocalDate end, boolean done) {
		}
		var spans = new ArrayList<Span>();
		for (Project.Phase phase : project.phases()) {
			spans.add(new Span(phase.name().in(locale), false, project.phasePlannedStart(phase), project.phasePlannedEnd(phase),
					project.phaseStart(phase), project.phaseEnd(phase), false));
			for (PlanItem item : project.itemsOf(phase)) {
				if (item.kind() != ItemKind.MILESTONE) continue;
				spans.add(new Span(item.name().in(locale), true, item.plannedStart(), item.plannedDue(), item.start(),
						item.end(), item.status() == ItemStatus.DONE));
			}
		}
		if (spans.isEmpty()) return new Timeline(List.of(), List.of(), null);
		LocalDate from = spans.stream().map(s -> min(s.plannedStart(), s.start())).min(LocalDate::compareTo).orElseThrow();
		// A bar covers its last day: the span ends the day after the latest end.
		LocalDate to = spans.stream().map(s -> max(s.plannedEnd(), s.end())).max(LocalDate::compareTo).orElseThrow()
			.plusDays(1);
		double days = Math.max(1, ChronoUnit.DAYS.between(from, to));
		var rows = new ArrayList<Row>();
		for (Span s : spans) {
			int late = (int) Math.max(0, ChronoUnit.DAYS.between(s.plannedEnd(), s.end()));
			String state = late > 0 ? "late" : s.done() ? "done" : s.milestone() ? "milestone" : "phase";
			double planX = ChronoUnit.DAYS.between(from, s.plannedStart()) / days;
			double x = ChronoUnit.DAYS.between(from, s.start()) / days;
			// A bar never reaches past the span's end: the SVG may overflow its cell (for today's line).
			rows.add(new Row(s.name(), s.milestone(), s.plannedStart(), s.plannedEnd(), s.start(), s.end(), late, state,
					percent(planX), percent(Math.min(1 - planX, width(s.plannedStart(), s.plannedEnd()) / days)),
					percent(x), percent(Math.min(1 - x, width(s.start(), s.end()) / days))));
		}
		Tick todayTick = today.isBefore(from) || !today.isBefore(to) ? null : tick(from, today, days);
		return new Timeline(rows, ticks(from, to, days), todayTick);
	}

	/** The first of each month, or Mondays on a short project; every second, third… one when there are many. */
	private static List<Tick> ticks(LocalDate from, LocalDate to, double days) {
		var candidates = new ArrayList<LocalDate>();
		boolean monthly = days > 62;
		LocalDate d = monthly ? from.with(TemporalAdjusters.firstDayOfNextMonth())
				: from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
		if (monthly && from.getDayOfMonth() == 1) d = from;
		for (; d.isBefore(to); d = monthly ? d.plusMonths(1) : d.plusWeeks(1)) candidates.add(d);
		int step = Math.max(1, (candidates.size() + MAX_TICKS - 1) / MAX_TICKS);
		var ticks = new ArrayList<Tick>();
		for (int i = 0; i < candidates.size(); i += step) ticks.add(tick(from, candidates.get(i), days));
		return ticks;
	}

	private static Tick tick(LocalDate from, LocalDate day, double days) {
		double at = ChronoUnit.DAYS.between(from, day) / days;
		// Labels near an edge are anchored inside the chart, not centred over the edge.
		return new Tick(day, percent(at), at < 0.08 ? "start" : at > 0.92 ? "end" : "middle");
	}

	/** Days a bar covers, its last day included; at least one so a bar completed early still shows. */
	private static long width(LocalDate start, LocalDate end) {
		return Math.max(1, ChronoUnit.DAYS.between(start, end) + 1);
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(1, fraction)) * 100);
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}
}
