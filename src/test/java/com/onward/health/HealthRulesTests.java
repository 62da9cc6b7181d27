package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.account.ProductType;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.AdoptionMetrics;
import com.onward.usage.EarlyWinKind;

/** The score, its explanation, re-weighting, flags and indicators on known inputs. */
class HealthRulesTests {

	static final HealthProperties PROPS = new HealthProperties(
			Map.of("adoption", 0.30, "engagement", 0.20, "milestones", 0.20, "value", 0.15, "support", 0.05,
					"sentiment", 0.10),
			80, 60, 7, Duration.ofMinutes(1), 1000,
			new HealthProperties.Flags(14, 30, 14, 2, 2, 30, 7, 7, 0.20, 30, 30, 0.70),
			new HealthProperties.Indicators(90, List.of("kickoff"), List.of("access"), List.of("technical"),
					List.of("training-complete"), List.of("uat"), List.of("early-wins"), 60, 3),
			Map.of(), 50, 2000, 1);

	final HealthRules rules = new HealthRules(PROPS);
	final LocalDate today = LocalDate.of(2026, 6, 15);

	AdoptionMetrics adoption(int day, int seats, int activated, int wau, int previousWau, int core) {
		return new AdoptionMetrics(today, UUID.randomUUID(), seats, activated, (double) activated / seats, 0.1,
				(double) wau / seats, 0.5, core, 10, false, 10, wau, 50, previousWau, 3.0, day,
				new AdoptionMetrics.Targets(
						day <= 30 ? 0.70 * day / 30 : Math.min(0.85, 0.70 + 0.15 * (day - 30) / 30),
						day <= 60 ? 0.60 * day / 60 : Math.min(0.75, 0.60 + 0.15 * (day - 60) / 30),
						Math.min(5, 5.0 * day / 90)),
				new AdoptionMetrics.Thresholds(ProductType.DAILY, false, List.of()), activated > 0, java.time.Instant.now());
	}

	HealthInputs known() {
		var contacts = List.of(
				new HealthInputs.ContactInput("Dewi", ContactRole.EXECUTIVE_SPONSOR, Engagement.HIGH, Sentiment.POSITIVE, today.minusDays(20)),
				new HealthInputs.ContactInput("Siti", ContactRole.PROJECT_LEAD, Engagement.MEDIUM, Sentiment.NEUTRAL, today.minusDays(10)));
		var plan = new HealthInputs.Plan(true, true, true, true, 6, 3, true, true, null, true, true, true, false, true,
				false);
		return new HealthInputs(UUID.randomUUID(), UUID.randomUUID(), "IN_PROGRESS", today.minusDays(45),
				today.plusDays(45), today.plusDays(52), today, adoption(45, 100, 60, 40, 35, 2), true,
				Instant.parse("2026-06-14T10:00:00Z"), EnumSet.of(EarlyWinKind.FIRST_LOGIN, EarlyWinKind.FIRST_DATA_IMPORT),
				new HealthInputs.Milestones(4, 2, 1, 1, null, today.plusDays(3)), new HealthInputs.Homework(4, 3, 1),
				contacts, 0, plan, HealthInputs.Value.NONE);
	}

	@Test
	void aKnownAccountComponentByComponent() {
		HealthRules.Assessment a = rules.assess(known());
		Map<String, Component> c = byName(a.components());
		// Adoption: activation 60 % of a 77.5 % target, weekly 40 % of 45 %, core 2 of 2.5 → mean 82.
		assertThat(c.get("adoption").score()).isEqualTo(82);
		assertThat(c.get("adoption").inputs()).containsEntry("activatedUsers", 60).containsEntry("onboardingDay", 45);
		assertThat(c.get("adoption").toRaise().key()).isEqualTo("health.adoption.raise.activation");
		assertThat(c.get("adoption").toRaise().args().get(0)).isEqualTo(18); // 78 of 100 seats for 77.5 %, 60 so far
		// Engagement: participation (100 + 60) / 2 = 80, last contact 10 days ago = 70, homework 3 of 4 = 75.
		assertThat(c.get("engagement").score()).isEqualTo(75);
		assertThat(c.get("engagement").toRaise().key()).isEqualTo("health.engagement.raise.cadence");
		// Milestones: (2 on time + half of 1 late) of 4 due.
		assertThat(c.get("milestones").score()).isEqualTo(63);
		assertThat(c.get("milestones").inputs()).containsEntry("missedOpen", 1).containsEntry("graduationSlipDays", 7L);
		// Value and support have no data yet: shown as such, weight shared out.
		assertThat(c.get("value").score()).isNull();
		assertThat(c.get("value").effectiveWeight()).isZero();
		assertThat(c.get("support").score()).isNull();
		assertThat(c.get("sentiment").score()).isEqualTo(80);
		// (0.3 x 82 + 0.2 x 75 + 0.2 x 63 + 0.1 x 80) / 0.8 = 75.25
		assertThat(a.score()).isEqualTo(75);
		assertThat(a.band()).isEqualTo(HealthBand.YELLOW);
		assertThat(c.get("adoption").effectiveWeight()).isEqualTo(0.375);
		assertThat(c.get("adoption").contribution()).isEqualTo(30.8);
		double sum = a.components().stream().mapToDouble(Component::contribution).sum();
		assertThat(sum).isCloseTo(75.25, within(0.2));
		assertThat(a.flags()).extracting(HealthRules.Finding::code).containsExactly("MILESTONES_REPEATEDLY_MISSED");
		assertThat(a.indicators()).extracting(HealthRules.Indicator::status).containsExactly(
				HealthRules.IndicatorStatus.MET, HealthRules.IndicatorStatus.MET, HealthRules.IndicatorStatus.MET,
				HealthRules.IndicatorStatus.UPCOMING, HealthRules.IndicatorStatus.MET);
	}

	@Test
	void componentsWithoutDataAreLeftOutAndTheRestReweighted() {
		HealthInputs in = known();
		HealthInputs onlyMilestones = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.targetGraduation(), today, null, false, null, EnumSet.noneOf(EarlyWinKind.class),
				in.milestones(), HealthInputs.Homework.NONE, List.of(), 0, in.plan(), HealthInputs.Value.NONE);
		HealthRules.Assessment a = rules.assess(onlyMilestones);
		assertThat(a.score()).isEqualTo(63);
		Map<String, Component> c = byName(a.components());
		assertThat(c.get("milestones").effectiveWeight()).isEqualTo(1.0);
		assertThat(c.get("adoption").explanation().key()).isEqualTo("health.adoption.noTelemetry");
		assertThat(c.get("engagement").explanation().key()).isEqualTo("health.engagement.noData");

		HealthInputs nothing = new HealthInputs(in.accountId(), null, null, null, null, null, today, null, false, null,
				EnumSet.noneOf(EarlyWinKind.class), HealthInputs.Milestones.NONE, HealthInputs.Homework.NONE, List.of(), 0,
				HealthInputs.Plan.NONE, HealthInputs.Value.NONE);
		HealthRules.Assessment none = rules.assess(nothing);
		assertThat(none.score()).isNull();
		assertThat(none.band()).isEqualTo(HealthBand.NO_DATA);
		assertThat(none.components()).allMatch(comp -> !comp.hasData());
	}

	@Test
	void adoptionIsNotJudgedInTheFirstWeek() {
		HealthInputs in = known();
		HealthInputs early = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", today.minusDays(3),
				today.plusDays(87), today.plusDays(87), today, adoption(3, 100, 0, 0, 0, 0), true, null,
				EnumSet.noneOf(EarlyWinKind.class), HealthInputs.Milestones.NONE, HealthInputs.Homework.NONE, List.of(), 0,
				in.plan(), HealthInputs.Value.NONE);
		Component adoption = byName(rules.assess(early).components()).get("adoption");
		assertThat(adoption.score()).isNull();
		assertThat(adoption.explanation().key()).isEqualTo("health.adoption.tooEarly");
	}

	@Test
	void valueProgressFromSuccessCriteria() {
		HealthInputs in = known();
		// Two criteria count: one met (100), one 40 % of the way; a third has no data and no past deadline.
		var value = new HealthInputs.Value(3, 2, 1, 0, 1, 70, "Invoice processing time", 40);
		HealthInputs withValue = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, in.plan(), value);
		HealthRules.Assessment a = rules.assess(withValue);
		Component v = byName(a.components()).get("value");
		assertThat(v.score()).isEqualTo(70);
		assertThat(v.inputs()).containsEntry("criteriaMet", 1).containsEntry("criteriaUnmeasured", 1);
		assertThat(v.toRaise().key()).isEqualTo("health.value.raise.gap");
		assertThat(v.toRaise().args()).containsExactly("Invoice processing time", 40);
		// (0.3 x 82 + 0.2 x 75 + 0.2 x 63 + 0.15 x 70 + 0.1 x 80) / 0.95 = 74.4
		assertThat(a.score()).isEqualTo(74);
		assertThat(v.effectiveWeight()).isEqualTo(0.158);
		// Criteria defined but nothing counted yet: still "no data", never met.
		HealthInputs unmeasured = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, in.plan(),
				new HealthInputs.Value(2, 0, 0, 0, 2, null, null, null));
		Component none = byName(rules.assess(unmeasured).components()).get("value");
		assertThat(none.score()).isNull();
		assertThat(none.explanation().key()).isEqualTo("health.value.noData");
	}

	@Test
	void trainingAttendanceBelowSeventyPercentIsAFlag() {
		HealthInputs in = known();
		HealthInputs low = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, in.plan(), HealthInputs.Value.NONE,
				new HealthInputs.Attendance(10, 6));
		var flag = rules.assess(low).flags().stream().filter(f -> f.code().equals("TRAINING_ATTENDANCE_LOW")).findFirst()
			.orElseThrow();
		assertThat(flag.category()).isEqualTo(FlagCategory.USER_ADOPTION);
		assertThat(flag.evidence()).containsExactly(60, 6, 10);
		HealthInputs enough = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, in.plan(), HealthInputs.Value.NONE,
				new HealthInputs.Attendance(10, 7));
		assertThat(rules.assess(enough).flags()).extracting(HealthRules.Finding::code)
			.doesNotContain("TRAINING_ATTENDANCE_LOW");
	}

	@Test
	void bandsAtTheirEdges() {
		assertThat(rules.band(80)).isEqualTo(HealthBand.GREEN);
		assertThat(rules.band(79)).isEqualTo(HealthBand.YELLOW);
		assertThat(rules.band(60)).isEqualTo(HealthBand.YELLOW);
		assertThat(rules.band(59)).isEqualTo(HealthBand.RED);
		assertThat(rules.band(null)).isEqualTo(HealthBand.NO_DATA);
	}

	@Test
	void flagsWithTheirEvidence() {
		var contacts = List.of(
				new HealthInputs.ContactInput("Dewi", ContactRole.EXECUTIVE_SPONSOR, Engagement.HIGH, Sentiment.NEGATIVE, today.minusDays(2)),
				new HealthInputs.ContactInput("Siti", ContactRole.PROJECT_LEAD, Engagement.LOW, Sentiment.NEUTRAL, today.minusDays(2)));
		var plan = new HealthInputs.Plan(true, false, true, false, 6, 0, true, false, today.minusDays(10), true, false,
				true, false, true, false);
		HealthInputs in = new HealthInputs(UUID.randomUUID(), UUID.randomUUID(), "IN_PROGRESS", today.minusDays(35),
				today.plusDays(55), today.plusDays(55), today, adoption(35, 50, 0, 0, 0, 0), true, null,
				EnumSet.noneOf(EarlyWinKind.class), new HealthInputs.Milestones(2, 2, 0, 0, null, null),
				HealthInputs.Homework.NONE, contacts, 3, plan, HealthInputs.Value.NONE);
		var flags = rules.assess(in).flags();
		assertThat(flags).extracting(HealthRules.Finding::code).contains("PROJECT_LEAD_UNRESPONSIVE",
				"RISING_SCOPE_REQUESTS", "NO_LOGIN_AFTER_ACCESS", "NO_LOGIN_AFTER_TRAINING", "ADOPTION_BELOW_TARGET",
				"NO_EARLY_WINS", "NEGATIVE_SENTIMENT", "EARLY_WARNING_WEEK_2", "EARLY_WARNING_WEEK_4")
			.doesNotContain("MILESTONES_REPEATEDLY_MISSED", "SPONSOR_MISSES_CHECK_INS");
		var byCode = flags.stream().collect(java.util.stream.Collectors.toMap(HealthRules.Finding::code, f -> f));
		assertThat(byCode.get("NO_LOGIN_AFTER_ACCESS").category()).isEqualTo(FlagCategory.USER_ADOPTION);
		assertThat(byCode.get("NO_LOGIN_AFTER_ACCESS").evidence()).containsExactly(35L);
		assertThat(byCode.get("NEGATIVE_SENTIMENT").evidence()).containsExactly("Dewi");
		assertThat(byCode.get("RISING_SCOPE_REQUESTS").category()).isEqualTo(FlagCategory.TECHNICAL);
		assertThat(byCode.get("EARLY_WARNING_WEEK_2").evidence()).containsExactly(2, 14L, "kickoff, access");
		// A completed project raises nothing.
		HealthInputs done = new HealthInputs(in.accountId(), in.projectId(), "COMPLETED", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, null, in.earlyWins(),
				in.milestones(), in.homework(), contacts, 3, plan, HealthInputs.Value.NONE);
		assertThat(rules.assess(done).flags()).isEmpty();
	}

	@Test
	void usageLowOrFallingAfterGoLive() {
		HealthInputs in = known();
		var live = new HealthInputs.Plan(true, true, true, true, 6, 6, true, true, null, true, true, true, true, true,
				false);
		// 40 of 100 seats active this week (35 last week): under half, after go-live.
		HealthInputs afterGoLive = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, live, HealthInputs.Value.NONE);
		var flags = rules.assess(afterGoLive).flags();
		assertThat(flags).extracting(HealthRules.Finding::code).contains("USAGE_LOW_OR_FALLING");
		assertThat(flags.stream().filter(f -> f.code().equals("USAGE_LOW_OR_FALLING")).findFirst().orElseThrow()
			.evidence()).containsExactly(40, 40, 35);
		// 60 active, up from 55: no flag.
		HealthInputs healthy = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", in.startDate(),
				in.targetGraduation(), in.forecastGraduation(), today, adoption(45, 100, 80, 60, 55, 5), true,
				in.lastSeen(), in.earlyWins(), in.milestones(), in.homework(), in.contacts(), 0, live, HealthInputs.Value.NONE);
		assertThat(rules.assess(healthy).flags()).extracting(HealthRules.Finding::code)
			.doesNotContain("USAGE_LOW_OR_FALLING");
	}

	@Test
	void checkpointsScaleWithThePlanLength() {
		HealthInputs in = known();
		// A 30-day plan checks week 2's items on day 5 (14 x 30 / 90), week 10's on day 23.
		HealthInputs shortPlan = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", today.minusDays(6),
				today.plusDays(24), today.plusDays(24), today, in.adoption(), true, null, in.earlyWins(), in.milestones(),
				in.homework(), in.contacts(), 0, HealthInputs.Plan.NONE, HealthInputs.Value.NONE);
		var indicators = rules.indicators(shortPlan);
		assertThat(indicators).extracting(HealthRules.Indicator::day).containsExactly(5L, 9L, 14L, 19L, 23L);
		assertThat(indicators.get(0).status()).isEqualTo(HealthRules.IndicatorStatus.MET); // access: users active
		assertThat(indicators.get(1).status()).isEqualTo(HealthRules.IndicatorStatus.NOT_APPLICABLE);
	}

	private static Map<String, Component> byName(List<Component> components) {
		var map = new java.util.LinkedHashMap<String, Component>();
		components.forEach(c -> map.put(c.name(), c));
		return map;
	}

	private HealthInputs withSupport(HealthInputs in, HealthInputs.Support support) {
		return new HealthInputs(in.accountId(), in.projectId(), in.projectStatus(), in.startDate(), in.targetGraduation(),
				in.forecastGraduation(), in.today(), in.adoption(), in.telemetryConnected(), in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), in.scopeRequests(), in.plan(), in.value(), in.attendance(),
				in.overdueHandoffs(), in.missedCadences(), support);
	}

	@Test
	void supportLoadAgainstTheWeeklyTargetAndTheTicketFlags() {
		HealthInputs in = known(); // day 45: before day 60 up to 9 tickets a week are under the early target of 10
		assertThat(byName(rules.assess(in).components()).get("support").hasData()).isFalse();
		assertThat(byName(rules.assess(withSupport(in, HealthInputs.Support.NO_TICKETS)).components()).get("support")
			.explanation().key()).isEqualTo("health.support.noTickets");
		// 12 tickets this week (target 10: 100 - 100 x 3 / 10 = 70), 4 of 16 technical in 28 days (fine), oldest open 11 days (80).
		var busy = new HealthInputs.Support(true, true, 12, 6, 3, 1, 16, 4, 5, 11, 0, null);
		HealthRules.Assessment a = rules.assess(withSupport(in, busy));
		Component support = byName(a.components()).get("support");
		assertThat(support.score()).isEqualTo(Math.round((70 + 100 + 80) / 3f));
		assertThat(support.inputs()).containsEntry("weeklyTarget", 10).containsEntry("ticketsLastWeek", 12);
		assertThat(support.toRaise().key()).isEqualTo("health.support.raise.volume");
		// 3 technical this week against 1: growing; nothing pending on the customer.
		assertThat(a.flags()).extracting(HealthRules.Finding::code).contains("TECHNICAL_ISSUES_GROWING")
			.doesNotContain("IT_UNRESPONSIVE");
		var quiet = new HealthInputs.Support(true, true, 2, 2, 1, 1, 8, 2, 1, 2, 1, 7);
		HealthRules.Assessment b = rules.assess(withSupport(in, quiet));
		assertThat(byName(b.components()).get("support").score()).isEqualTo(100);
		assertThat(b.flags()).extracting(HealthRules.Finding::code).contains("IT_UNRESPONSIVE")
			.doesNotContain("TECHNICAL_ISSUES_GROWING");
		// After day 60 the seeds' target of under 5 a week applies: 5 tickets score 80, none technical 100, none open.
		HealthInputs late = new HealthInputs(in.accountId(), in.projectId(), "IN_PROGRESS", today.minusDays(70),
				today.plusDays(20), today.plusDays(20), today, in.adoption(), true, in.lastSeen(), in.earlyWins(),
				in.milestones(), in.homework(), in.contacts(), 0, in.plan(), in.value(), in.attendance(), 0, List.of(),
				new HealthInputs.Support(true, true, 5, 5, 0, 0, 20, 0, 0, null, 0, null));
		assertThat(byName(rules.assess(late).components()).get("support").score()).isEqualTo(90);
		assertThat(byName(rules.assess(late).components()).get("support").inputs()).containsEntry("weeklyTarget", 5);
	}
}
