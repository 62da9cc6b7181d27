package com.onward.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The project timeline's layout: rows, bar positions in percent of the span, lateness, ticks and today. */
class TimelineTests {

	static final LocalDate START = ProjectScheduleTests.START;

	@Test
	void barsArePlacedInPercentOfTheProjectsSpanAndLateOnesAreMarked() {
		Project p = ProjectScheduleTests.plan(Map.of());
		p.changeStatus(ProjectScheduleTests.byKey(p, "kickoff").id(), ItemStatus.DONE, START);
		p.moveDue(ProjectScheduleTests.byKey(p, "configure").id(), START.plusDays(17)); // 7 days late
		// The span: day 0 to the review's forecast end, day 28, included: 29 days.
		Timeline t = Timeline.of(p, START.plusDays(10), Locale.ENGLISH);

		assertThat(t.rows()).extracting(Timeline.Row::name).containsExactly("Setup", "kickoff", "Live", "golive");
		assertThat(t.rows()).extracting(Timeline.Row::milestone).containsExactly(false, true, false, true);
		assertThat(t.rows()).extracting(Timeline.Row::state).containsExactly("late", "done", "late", "late");
		assertThat(t.rows()).extracting(Timeline.Row::lateDays).containsExactly(7, 0, 7, 7);
		Timeline.Row setup = t.rows().getFirst();
		assertThat(setup.x()).isEqualTo("0.00%");
		assertThat(setup.width()).as("days 0 to 17: 18 of 29").isEqualTo("62.07%");
		assertThat(setup.planX()).isEqualTo("0.00%");
		assertThat(setup.planWidth()).as("days 0 to 10: 11 of 29").isEqualTo("37.93%");
		Timeline.Row golive = t.rows().getLast();
		assertThat(golive.x()).as("day 21 of 29").isEqualTo("72.41%");
		assertThat(golive.planX()).as("day 14 of 29").isEqualTo("48.28%");

		assertThat(t.today().x()).isEqualTo("34.48%");
		assertThat(t.today().anchor()).isEqualTo("middle");
		// A short project ticks on Mondays; the first label is anchored inside the chart.
		assertThat(t.ticks()).extracting(Timeline.Tick::day).containsExactly(START, START.plusDays(7), START.plusDays(14),
				START.plusDays(21), START.plusDays(28));
		assertThat(t.ticks().getFirst().anchor()).isEqualTo("start");
		assertThat(t.ticks().getLast().anchor()).isEqualTo("end");
	}

	@Test
	void todayOutsideTheSpanDrawsNoLine() {
		Project p = ProjectScheduleTests.plan(Map.of());
		assertThat(Timeline.of(p, START.minusDays(1), Locale.ENGLISH).today()).isNull();
		assertThat(Timeline.of(p, START.plusDays(22), Locale.ENGLISH).today()).isNull();
		assertThat(Timeline.of(p, START.plusDays(21), Locale.ENGLISH).today()).isNotNull();
		assertThat(Timeline.of(p, START, Locale.ENGLISH).rows()).extracting(Timeline.Row::state)
			.containsExactly("phase", "milestone", "phase", "milestone");
	}
}
