package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The health trend's layout: points on a 1000 × 100 plot, gaps, labels and the figures of its summary. */
class HealthTrendTests {

	static final LocalDate DAY = LocalDate.of(2026, 10, 20);

	static Health.HistoryPoint point(int day, Integer score) {
		return new Health.HistoryPoint(DAY.plusDays(day), score, score == null ? HealthBand.NO_DATA
				: score >= 80 ? HealthBand.GREEN : score >= 60 ? HealthBand.YELLOW : HealthBand.RED, List.of());
	}

	@Test
	void pointsAreDaysAcrossTheWidthAndScoresUpTheHeight() {
		var trend = HealthTrend.of(List.of(point(40, 72), point(0, 65), point(10, null), point(20, 58), point(30, 90)), 80, 60);
		assertThat(trend.points()).extracting(HealthTrend.Point::x).containsExactly("0.0", "500.0", "750.0", "1000.0");
		assertThat(trend.points()).extracting(HealthTrend.Point::y).containsExactly(35, 42, 10, 28);
		assertThat(trend.lines()).as("a day without a score: a gap").containsExactly("0.0,35", "500.0,42 750.0,10 1000.0,28");
		assertThat(trend.first().score()).isEqualTo(65);
		assertThat(trend.last().score()).isEqualTo(72);
		assertThat(trend.lowest().score()).isEqualTo(58);
		assertThat(trend.highest().score()).isEqualTo(90);
		assertThat(trend.points().get(1).band()).isEqualTo(HealthBand.RED);
		// First and last day at the edges, the first of November in between.
		assertThat(trend.labels()).extracting(HealthTrend.Label::day).containsExactly(DAY, LocalDate.of(2026, 11, 1), DAY.plusDays(40));
		assertThat(trend.labels()).extracting(HealthTrend.Label::x).containsExactly("0%", "30.00%", "100%");
	}

	@Test
	void aSingleScoreSitsInTheMiddleAndNoScoreDrawsNothing() {
		var one = HealthTrend.of(List.of(point(0, 70)), 80, 60);
		assertThat(one.points()).extracting(HealthTrend.Point::x).containsExactly("500.0");
		assertThat(one.labels()).extracting(HealthTrend.Label::anchor).containsExactly("middle");
		assertThat(HealthTrend.of(List.of(point(0, null)), 80, 60).points()).isEmpty();
		assertThat(HealthTrend.of(List.of(), 80, 60).first()).isNull();
	}
}
