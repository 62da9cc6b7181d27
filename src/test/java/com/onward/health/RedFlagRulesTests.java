package com.onward.health;

import static com.onward.health.HealthInputsFixture.TODAY;
import static com.onward.health.HealthInputsFixture.account;
import static com.onward.health.HealthInputsFixture.champion;
import static com.onward.health.HealthInputsFixture.projectLead;
import static com.onward.health.HealthInputsFixture.sponsor;
import static com.onward.health.HealthInputsFixture.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.onward.health.RedFlagRules.FlagRule;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.EarlyWinKind;

/** Each red-flag rule on its own: raised with its evidence just past its threshold, quiet just before it. */
class RedFlagRulesTests {

	/** The shipped thresholds: unresponsive 14 days, sponsor 30, disengaged 14, 2 milestones, 2 scope requests… */
	private static final RedFlagRules.Context SHIPPED = context(List.of());

	private static RedFlagRules.Context context(List<HealthRules.Indicator> indicators) {
		return new RedFlagRules.Context(HealthRulesTests.PROPS.flags(), SupportLoadProperties.DEFAULTS,
				FeedbackFlagProperties.SHIPPED, indicators);
	}

	private static Optional<List<Object>> check(FlagRule rule, HealthInputsFixture inputs) {
		return rule.check(inputs.build(), SHIPPED).map(HealthRules.Finding::evidence);
	}

	@Test
	void everyFlagHealthRaisesHasOneNamedRule() {
		List<FlagCode> ruled = RedFlagRules.RULES.stream().map(FlagRule::code).toList();
		assertThat(ruled).doesNotHaveDuplicates();
		assertThat(ruled).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(FlagCode.values()).filter(c -> c != FlagCode.HUMAN_FOLLOW_UP).toList());
		assertThat(RedFlagRules.PROJECT_LEAD_UNRESPONSIVE.titleKey()).isEqualTo(FlagTexts.titleKey("PROJECT_LEAD_UNRESPONSIVE"));
	}

	@Test
	void aClosedProjectRaisesNothing() {
		var silent = account().onDay(60).contact(projectLead("Siti").engagement(Engagement.LOW)).overdueHandoffs(2);
		assertThat(RedFlagRules.evaluate(silent.build(), SHIPPED)).isNotEmpty();
		assertThat(RedFlagRules.evaluate(silent.status("COMPLETED").build(), SHIPPED)).isEmpty();
	}

	@Test
	void projectLeadUnresponsive() {
		assertThat(check(RedFlagRules.PROJECT_LEAD_UNRESPONSIVE, account().contact(projectLead("Siti").lastMetDaysAgo(15))))
			.contains(List.of("Siti", "MEDIUM", 15L));
		assertThat(check(RedFlagRules.PROJECT_LEAD_UNRESPONSIVE, account().contact(projectLead("Siti").lastMetDaysAgo(14))))
			.isEmpty();
		assertThat(check(RedFlagRules.PROJECT_LEAD_UNRESPONSIVE, account().contact(projectLead("Siti").engagement(Engagement.LOW))))
			.contains(List.of("Siti", "LOW", 1L));
	}

	@Test
	void sponsorMissesCheckIns() {
		assertThat(check(RedFlagRules.SPONSOR_MISSES_CHECK_INS, account().onDay(31).contact(sponsor("Dewi").neverMet())))
			.contains(List.of("Dewi", "MEDIUM", "-"));
		assertThat(check(RedFlagRules.SPONSOR_MISSES_CHECK_INS, account().onDay(30).contact(sponsor("Dewi").neverMet())))
			.isEmpty();
	}

	@Test
	void championDisengaged() {
		assertThat(check(RedFlagRules.CHAMPION_DISENGAGED, account().contact(champion("Budi").engagement(Engagement.LOW))))
			.contains(List.of("Budi"));
		assertThat(check(RedFlagRules.CHAMPION_DISENGAGED, account().contact(champion("Budi")))).isEmpty();
	}

	@Test
	void disengagedTwoWeeks() {
		assertThat(check(RedFlagRules.DISENGAGED_TWO_WEEKS, account().onDay(20).contact(sponsor("Dewi").lastMetDaysAgo(14))))
			.contains(List.of(14L, 20L));
		assertThat(check(RedFlagRules.DISENGAGED_TWO_WEEKS,
				account().onDay(20).contact(sponsor("Dewi").lastMetDaysAgo(14)).lastSeenDaysAgo(2))).isEmpty();
	}

	@Test
	void cadenceMissed() {
		assertThat(check(RedFlagRules.CADENCE_MISSED, account().missedCadence("Dewi", "EXECUTIVE_SPONSOR", TODAY.minusDays(4))))
			.contains(List.of("Dewi", "EXECUTIVE_SPONSOR", TODAY.minusDays(4).toString()));
		assertThat(check(RedFlagRules.CADENCE_MISSED, account())).isEmpty();
	}

	@Test
	void handoffOverdue() {
		assertThat(check(RedFlagRules.HANDOFF_OVERDUE, account().overdueHandoffs(1))).contains(List.of(1));
		assertThat(check(RedFlagRules.HANDOFF_OVERDUE, account())).isEmpty();
	}

	@Test
	void milestonesRepeatedlyMissed() {
		assertThat(check(RedFlagRules.MILESTONES_REPEATEDLY_MISSED, account().milestones(4, 2, 1, 1)))
			.contains(List.of(2, 1, 1));
		assertThat(check(RedFlagRules.MILESTONES_REPEATEDLY_MISSED, account().milestones(4, 3, 1, 0))).isEmpty();
	}

	@Test
	void risingScopeRequests() {
		assertThat(check(RedFlagRules.RISING_SCOPE_REQUESTS, account().scopeRequests(2))).contains(List.of(2, 30));
		assertThat(check(RedFlagRules.RISING_SCOPE_REQUESTS, account().scopeRequests(1))).isEmpty();
	}

	@Test
	void technicalIssuesGrowing() {
		assertThat(check(RedFlagRules.TECHNICAL_ISSUES_GROWING, account().support(tickets(3, 1, 0, null))))
			.contains(List.of(3, 1));
		// Rising, but fewer than the 2 that make it growing.
		assertThat(check(RedFlagRules.TECHNICAL_ISSUES_GROWING, account().support(tickets(1, 0, 0, null)))).isEmpty();
	}

	@Test
	void itUnresponsive() {
		assertThat(check(RedFlagRules.IT_UNRESPONSIVE, account().support(tickets(0, 0, 1, 9)))).contains(List.of(1, 5, 9));
		assertThat(check(RedFlagRules.IT_UNRESPONSIVE, account().support(tickets(0, 0, 0, null)))).isEmpty();
	}

	@Test
	void noLoginAfterAccess() {
		assertThat(check(RedFlagRules.NO_LOGIN_AFTER_ACCESS, account().onDay(7).adoption(usage(7, 100, 0, 0, 0))))
			.contains(List.of(7L));
		assertThat(check(RedFlagRules.NO_LOGIN_AFTER_ACCESS, account().onDay(6).adoption(usage(6, 100, 0, 0, 0)))).isEmpty();
		// Without telemetry nobody knows who logged in: no flag.
		assertThat(check(RedFlagRules.NO_LOGIN_AFTER_ACCESS, account().onDay(7))).isEmpty();
	}

	@Test
	void noLoginAfterTraining() {
		var trained = account().onDay(40).adoption(usage(40, 100, 10, 0, 0))
			.plan(p -> p.trainingCompleted(TODAY.minusDays(8)));
		assertThat(check(RedFlagRules.NO_LOGIN_AFTER_TRAINING, trained.lastSeenDaysAgo(10)))
			.contains(List.of(TODAY.minusDays(8).toString(), 8L));
		assertThat(check(RedFlagRules.NO_LOGIN_AFTER_TRAINING, trained.lastSeenDaysAgo(1))).isEmpty();
	}

	@Test
	void usageLowOrFalling() {
		assertThat(check(RedFlagRules.USAGE_LOW_OR_FALLING,
				account().onDay(70).adoption(usage(70, 100, 80, 40, 35)).plan(p -> p.goLiveDone()))).contains(List.of(40, 40, 35));
		assertThat(check(RedFlagRules.USAGE_LOW_OR_FALLING,
				account().onDay(70).adoption(usage(70, 100, 80, 60, 55)).plan(p -> p.goLiveDone()))).isEmpty();
		// Before go-live low weekly use is expected.
		assertThat(check(RedFlagRules.USAGE_LOW_OR_FALLING, account().onDay(70).adoption(usage(70, 100, 80, 40, 35))))
			.isEmpty();
	}

	@Test
	void adoptionBelowTarget() {
		// Day 45: the activation target is 77.5 %, so below 57.5 % (20 points under) is a flag.
		assertThat(check(RedFlagRules.ADOPTION_BELOW_TARGET, account().onDay(45).adoption(usage(45, 100, 40, 30, 30))))
			.hasValueSatisfying(e -> assertThat(e).startsWith(40).endsWith(45L));
		assertThat(check(RedFlagRules.ADOPTION_BELOW_TARGET, account().onDay(45).adoption(usage(45, 100, 60, 30, 30))))
			.isEmpty();
	}

	@Test
	void trainingAttendanceLow() {
		assertThat(check(RedFlagRules.TRAINING_ATTENDANCE_LOW, account().attendance(10, 6))).contains(List.of(60, 6, 10));
		assertThat(check(RedFlagRules.TRAINING_ATTENDANCE_LOW, account().attendance(10, 7))).isEmpty();
	}

	@Test
	void trainingFeedbackNegative() {
		assertThat(check(RedFlagRules.TRAINING_FEEDBACK_NEGATIVE, account().signals(feedback(4, 2.96))))
			.contains(List.of(3.0, 4, 3.5));
		// Too few ratings to judge.
		assertThat(check(RedFlagRules.TRAINING_FEEDBACK_NEGATIVE, account().signals(feedback(2, 1.0)))).isEmpty();
	}

	@Test
	void noEarlyWins() {
		assertThat(check(RedFlagRules.NO_EARLY_WINS, account().onDay(30).earlyWins(EarlyWinKind.FIRST_LOGIN)))
			.contains(List.of(30L));
		assertThat(check(RedFlagRules.NO_EARLY_WINS, account().onDay(30).earlyWins(EarlyWinKind.FIRST_DATA_IMPORT))).isEmpty();
		assertThat(check(RedFlagRules.NO_EARLY_WINS, account().onDay(29))).isEmpty();
	}

	@Test
	void metricsNotImproving() {
		var flat = new HealthInputs.Trend("Tickets closed", BigDecimal.TEN, BigDecimal.valueOf(20), 3,
				BigDecimal.valueOf(12), TODAY.minusDays(20), BigDecimal.valueOf(11), TODAY.minusDays(1));
		var rising = new HealthInputs.Trend("Tickets closed", BigDecimal.TEN, BigDecimal.valueOf(20), 3,
				BigDecimal.valueOf(12), TODAY.minusDays(20), BigDecimal.valueOf(15), TODAY.minusDays(1));
		assertThat(check(RedFlagRules.METRICS_NOT_IMPROVING, account().signals(trends(flat)))).contains(List.of(
				"Tickets closed", "12", TODAY.minusDays(20).toString(), "11", TODAY.minusDays(1).toString(), 1));
		assertThat(check(RedFlagRules.METRICS_NOT_IMPROVING, account().signals(trends(rising)))).isEmpty();
	}

	@Test
	void resultsNotTracked() {
		var signals = new HealthInputs.Signals(null, List.of(), 2, TODAY.minusDays(31), 0, 0, List.of(), 0, null);
		assertThat(check(RedFlagRules.RESULTS_NOT_TRACKED, account().onDay(40).signals(signals)))
			.contains(List.of(2, TODAY.minusDays(31).toString(), 31L));
		var recent = new HealthInputs.Signals(null, List.of(), 2, TODAY.minusDays(3), 0, 0, List.of(), 0, null);
		assertThat(check(RedFlagRules.RESULTS_NOT_TRACKED, account().onDay(40).signals(recent))).isEmpty();
	}

	@Test
	void negativeSentiment() {
		assertThat(check(RedFlagRules.NEGATIVE_SENTIMENT, account().contact(sponsor("Dewi").sentiment(Sentiment.NEGATIVE))
			.contact(projectLead("Siti").sentiment(Sentiment.NEGATIVE)))).contains(List.of("Dewi, Siti"));
		assertThat(check(RedFlagRules.NEGATIVE_SENTIMENT, account().contact(sponsor("Dewi")))).isEmpty();
	}

	@Test
	void complaintsRising() {
		var rising = new HealthInputs.Signals(null, List.of(), 0, null, 4, 2, List.of(), 0, null);
		assertThat(check(RedFlagRules.COMPLAINTS_RISING, account().signals(rising))).contains(List.of(4, 2, 14));
		var few = new HealthInputs.Signals(null, List.of(), 0, null, 2, 0, List.of(), 0, null);
		assertThat(check(RedFlagRules.COMPLAINTS_RISING, account().signals(few))).isEmpty();
	}

	@Test
	void executiveEscalation() {
		var escalated = new HealthInputs.Signals(null, List.of(), 0, null, 0, 0,
				List.of(new HealthInputs.Escalation("Dewi", "CEO", TODAY.minusDays(2))), 0, null);
		assertThat(check(RedFlagRules.EXECUTIVE_ESCALATION, account().signals(escalated)))
			.contains(List.of("Dewi", "CEO", TODAY.minusDays(2).toString(), 1));
		assertThat(check(RedFlagRules.EXECUTIVE_ESCALATION, account())).isEmpty();
	}

	@Test
	void earlyWarningsFollowTheirWeeksCheckpoint() {
		var behind = context(List.of(new HealthRules.Indicator(4, 28, HealthRules.IndicatorStatus.BEHIND, List.of("technicalSetup")),
				new HealthRules.Indicator(6, 42, HealthRules.IndicatorStatus.UPCOMING, List.of("uat"))));
		HealthInputs in = account().onDay(30).build();
		assertThat(RedFlagRules.EARLY_WARNING_WEEK_4.check(in, behind)).hasValueSatisfying(f -> {
			assertThat(f.category()).isEqualTo(FlagCategory.TECHNICAL);
			assertThat(f.evidence()).containsExactly(4, 28L, "technicalSetup");
		});
		assertThat(RedFlagRules.EARLY_WARNING_WEEK_6.check(in, behind)).isEmpty();
		assertThat(RedFlagRules.EARLY_WARNING_WEEK_2.check(in, behind)).isEmpty();
	}

	private static HealthInputs.Support tickets(int technicalLastWeek, int technicalPreviousWeek, int pendingTooLong,
			Integer oldestPendingDays) {
		return new HealthInputs.Support(true, true, technicalLastWeek, technicalPreviousWeek, technicalLastWeek,
				technicalPreviousWeek, 5, 3, 1, 2, pendingTooLong, oldestPendingDays);
	}

	private static HealthInputs.Signals feedback(int responses, double average) {
		return new HealthInputs.Signals(null, List.of(), 0, null, 0, 0, List.of(), responses, average);
	}

	private static HealthInputs.Signals trends(HealthInputs.Trend trend) {
		return new HealthInputs.Signals(null, List.of(trend), 1, TODAY.minusDays(1), 0, 0, List.of(), 0, null);
	}
}
