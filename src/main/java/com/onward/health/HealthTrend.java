package com.onward.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The health page's trend, laid out on the server as an SVG line chart: the score per day on a
 * 1000 × 100 plot (x: days since the first point, y: 100 − score), the bands' thresholds and the date
 * labels in percent of the width. The page needs no charting library for it, and the points are also
 * a table a screen reader can read.
 */
record HealthTrend(List<Point> points, List<String> lines, int greenFrom, int yellowFrom, List<Label> labels,
		Point first, Point last, Point lowest, Point highest) {

	/** A scored day and its place on the plot. */
	record Point(LocalDate day, int score, HealthBand band, String x, int y) {
	}

	/** A date on the x axis, positioned in percent and anchored inside the chart near its edges. */
	record Label(LocalDate day, String x, String anchor) {
	}

	static HealthTrend of(List<Health.HistoryPoint> history, int greenFrom, int yellowFrom) {
		var sorted = history.stream().sorted(Comparator.comparing(Health.HistoryPoint::day)).toList();
		var scored = sorted.stream().filter(h -> h.score() != null).toList();
		if (scored.isEmpty()) return new HealthTrend(List.of(), List.of(), greenFrom, yellowFrom, List.of(), null, null, null, null);
		LocalDate from = scored.getFirst().day();
		long days = ChronoUnit.DAYS.between(from, scored.getLast().day());
		var points = new ArrayList<Point>();
		var lines = new ArrayList<String>();
		var line = new StringBuilder();
		for (Health.HistoryPoint h : sorted) {
			// A day without a score (no data) breaks the line rather than being bridged.
			if (h.score() == null) {
				if (!line.isEmpty()) lines.add(line.toString().strip());
				line.setLength(0);
				continue;
			}
			double x = days == 0 ? 500 : 1000.0 * ChronoUnit.DAYS.between(from, h.day()) / days;
			int y = 100 - Math.max(0, Math.min(100, h.score()));
			line.append(String.format(Locale.ROOT, "%.1f,%d ", x, y));
			points.add(new Point(h.day(), h.score(), h.band(), String.format(Locale.ROOT, "%.1f", x), y));
		}
		if (!line.isEmpty()) lines.add(line.toString().strip());
		var labels = new ArrayList<Label>();
		labels.add(new Label(from, days == 0 ? "50%" : "0%", days == 0 ? "middle" : "start"));
		if (days > 0) {
			// The first of each month in between, unless it would crowd the first or last date.
			for (LocalDate d = from.withDayOfMonth(1).plusMonths(1); d.isBefore(scored.getLast().day()); d = d.plusMonths(1)) {
				double at = (double) ChronoUnit.DAYS.between(from, d) / days;
				if (at > 0.2 && at < 0.8) labels.add(new Label(d, String.format(Locale.ROOT, "%.2f%%", at * 100), "middle"));
			}
			labels.add(new Label(scored.getLast().day(), "100%", "end"));
		}
		Point lowest = points.stream().min(Comparator.comparingInt(Point::score)).orElseThrow();
		Point highest = points.stream().max(Comparator.comparingInt(Point::score)).orElseThrow();
		return new HealthTrend(points, lines, greenFrom, yellowFrom, labels, points.getFirst(), points.getLast(), lowest,
				highest);
	}
}
