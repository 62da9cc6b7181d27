package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The red flags on results, complaints and feedback, and the checkpoints on the seeds' days, on known
 * inputs (the rules without I/O; HealthFeedbackIntegrationTests runs them on a real database).
 */
class FeedbackFlagRulesTests {

	final HealthRulesTests base = new HealthRulesTests();
	final HealthRules rules = new HealthRules(HealthRulesTests.PROPS, SupportLoadProperties.DEFAULTS,
			FeedbackFlagProperties.SHIPPED);
	final LocalDate today = base.today;

	HealthInputs with(HealthInputs in, HealthInputs.Signals s) {
		return new HealthInputs(in.accountId(), in.projectId(), in.projectStatus(), in.startDate(), in.targetGraduation(),
				in.forecastGraduation(), in.today(), in.adoption(), in.telemetryConnected(), in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), in.scopeRequests(), in.plan(), in.value(), in.attendance(),
				in.overdueHandoffs(), in.missedCadences(), in.support(), s);
	}

	HealthInputs withPlan(HealthInputs in, LocalDate start, LocalDate target, Long goLive) {
		return new HealthInputs(in.accountId(), in.projectId(), in.projectStatus(), start, target, target, in.today(),
				in.adoption(), in.telemetryConnected(), in.lastSeen(), in.earlyWins(), in.milestones(), in.homework(),
				in.contacts(), in.scopeRequests(), in.plan(), in.value(), in.attendance(), in.overdueHandoffs(),
				in.missedCadences(), in.support(), HealthInputs.Signals.NONE.withGoLive(goLive));
	}

	HealthInputs.Trend trend(String kpi, int baseline, int target, int first, int last) {
		return new HealthInputs.Trend(kpi, BigDecimal.valueOf(baseline), BigDecimal.valueOf(target), 3,
				BigDecimal.valueOf(first), today.minusDays(20), BigDecimal.valueOf(last), today.minusDays(2));
	}

	List<HealthRules.Finding> flags(HealthInputs.Signals s) {
		return rules.assess(with(base.known(), s)).flags();
	}

	HealthRules.Finding flag(HealthInputs.Signals s, String code) {
		return flags(s).stream().filter(f -> f.code().equals(code)).findFirst().orElse(null);
	}

	static HealthInputs.Signals signals(List<HealthInputs.Trend> trends, int tracked, LocalDate lastMeasured,
			int complaints, int previous, List<HealthInputs.Escalation> escalations, int responses, Double average) {
		return new HealthInputs.Signals(null, trends, tracked, lastMeasured, complaints, previous, escalations, responses,
				average);
	}

	@Test
	void metricsNotImprovingWhenAnUnmetCriterionIsFlatOrGoingTheWrongWay() {
		// Time to onboard should fall from 30 to 10 days: 20 → 22 over 18 days is the wrong way.
		var worse = flag(signals(List.of(trend("Days to onboard", 30, 10, 20, 22)), 1, today.minusDays(2), 0, 0,
				List.of(), 0, null), "METRICS_NOT_IMPROVING");
		assertThat(worse).isNotNull();
		assertThat(worse.category()).isEqualTo(FlagCategory.BUSINESS_OUTCOME);
		assertThat(worse.evidence()).containsExactly("Days to onboard", "20", today.minusDays(20).toString(), "22",
				today.minusDays(2).toString(), 1);
		// Flat counts too (an increase wanted: 40 → 40).
		assertThat(flag(signals(List.of(trend("Active users", 10, 80, 40, 40)), 1, today, 0, 0, List.of(), 0, null),
				"METRICS_NOT_IMPROVING")).isNotNull();
		// Moving towards the target: no flag; nor with one measurement or measurements a few days apart.
		assertThat(flag(signals(List.of(trend("Active users", 10, 80, 40, 45)), 1, today, 0, 0, List.of(), 0, null),
				"METRICS_NOT_IMPROVING")).isNull();
		var single = new HealthInputs.Trend("Active users", BigDecimal.TEN, BigDecimal.valueOf(80), 1,
				BigDecimal.valueOf(40), today.minusDays(2), BigDecimal.valueOf(40), today.minusDays(2));
		var close = new HealthInputs.Trend("Active users", BigDecimal.TEN, BigDecimal.valueOf(80), 2,
				BigDecimal.valueOf(40), today.minusDays(9), BigDecimal.valueOf(40), today.minusDays(2));
		assertThat(flag(signals(List.of(single, close), 2, today, 0, 0, List.of(), 0, null), "METRICS_NOT_IMPROVING"))
			.isNull();
	}

	@Test
	void customerNotTrackingResultsAfterThirtyDaysWithoutAMeasurement() {
		// known() is on day 45: a criterion measured 31 days ago (or never) raises the flag; 29 days ago does not.
		var stale = flag(signals(List.of(), 2, today.minusDays(31), 0, 0, List.of(), 0, null), "RESULTS_NOT_TRACKED");
		assertThat(stale).isNotNull();
		assertThat(stale.evidence()).containsExactly(2, today.minusDays(31).toString(), 31L);
		assertThat(flag(signals(List.of(), 1, null, 0, 0, List.of(), 0, null), "RESULTS_NOT_TRACKED").evidence())
			.containsExactly(1, "-", 45L);
		assertThat(flag(signals(List.of(), 2, today.minusDays(29), 0, 0, List.of(), 0, null), "RESULTS_NOT_TRACKED"))
			.isNull();
		// Nothing left to measure (every criterion met): no flag.
		assertThat(flag(signals(List.of(), 0, null, 0, 0, List.of(), 0, null), "RESULTS_NOT_TRACKED")).isNull();
	}

	@Test
	void complaintsRisingWindowOverWindow() {
		var rising = flag(signals(List.of(), 0, null, 4, 1, List.of(), 0, null), "COMPLAINTS_RISING");
		assertThat(rising.category()).isEqualTo(FlagCategory.RELATIONSHIP);
		assertThat(rising.evidence()).containsExactly(4, 1, 14);
		// Fewer than the minimum, or not more than before: no flag.
		assertThat(flag(signals(List.of(), 0, null, 2, 0, List.of(), 0, null), "COMPLAINTS_RISING")).isNull();
		assertThat(flag(signals(List.of(), 0, null, 4, 4, List.of(), 0, null), "COMPLAINTS_RISING")).isNull();
	}

	@Test
	void anOpenEscalationToExecutivesIsAFlag() {
		var e = new HealthInputs.Escalation("Budi (COO)", "our VP Customer Success", today.minusDays(3));
		var escalated = flag(signals(List.of(), 0, null, 0, 0, List.of(e), 0, null), "EXECUTIVE_ESCALATION");
		assertThat(escalated.category()).isEqualTo(FlagCategory.RELATIONSHIP);
		assertThat(escalated.evidence()).containsExactly("Budi (COO)", "our VP Customer Success",
				today.minusDays(3).toString(), 1);
		assertThat(flag(HealthInputs.Signals.NONE, "EXECUTIVE_ESCALATION")).isNull();
	}

	@Test
	void negativeTrainingFeedbackBelowTheAverageOverEnoughRatings() {
		var negative = flag(signals(List.of(), 0, null, 0, 0, List.of(), 3, 2.333), "TRAINING_FEEDBACK_NEGATIVE");
		assertThat(negative.category()).isEqualTo(FlagCategory.USER_ADOPTION);
		assertThat(negative.evidence()).containsExactly(2.3, 3, 3.5);
		assertThat(flag(signals(List.of(), 0, null, 0, 0, List.of(), 2, 1.0), "TRAINING_FEEDBACK_NEGATIVE")).isNull();
		assertThat(flag(signals(List.of(), 0, null, 0, 0, List.of(), 5, 3.6), "TRAINING_FEEDBACK_NEGATIVE")).isNull();
	}

	@Test
	void checkpointsStayOnTheSeedsDaysWhateverThePlansLastItem() {
		HealthInputs in = base.known();
		LocalDate start = today.minusDays(45);
		// The generic 90-day plan: go-live on day 59, last item on day 119. Week 8 is day 56, not 74.
		var generic = rules.assess(withPlan(in, start, start.plusDays(119), 59L)).indicators();
		assertThat(generic).extracting(HealthRules.Indicator::day).containsExactly(14L, 28L, 42L, 56L, 70L);
		// A plan whose go-live is on day 30 is scaled by its go-live (week 8 → day 28), not by its length.
		var half = rules.assess(withPlan(in, start, start.plusDays(75), 30L)).indicators();
		assertThat(half).extracting(HealthRules.Indicator::day).containsExactly(7L, 14L, 21L, 28L, 35L);
		// Without a go-live: the plan's length over 90.
		var noGoLive = rules.assess(withPlan(in, start, start.plusDays(45), null)).indicators();
		assertThat(noGoLive).extracting(HealthRules.Indicator::day).containsExactly(7L, 14L, 21L, 28L, 35L);
	}
}
