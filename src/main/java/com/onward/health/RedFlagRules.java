package com.onward.health;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.onward.shared.ContactRole;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.AdoptionMetrics;
import com.onward.usage.EarlyWinKind;

/**
 * The red flags of HLT-2 as named rules: each has its code (and so its category), the key of its title, and its
 * evaluation, which says whether the flag is raised on an account's inputs and with what evidence. Each is pure
 * and unit-tested on its own ({@code RedFlagRulesTests}); {@link HealthRules#flags} runs them all, in this order.
 */
final class RedFlagRules {

	/** What the rules read besides the account's inputs: the configured thresholds and this account's checkpoints. */
	record Context(HealthProperties.Flags flags, SupportLoadProperties support, FeedbackFlagProperties feedback,
			List<HealthRules.Indicator> indicators) {
	}

	/** How a rule decides: the evidence when the flag is raised, empty when it is not. */
	@FunctionalInterface
	interface Evaluation {
		Optional<List<Object>> evidence(HealthInputs in, Context c);
	}

	/** One red flag's rule. */
	record FlagRule(FlagCode code, Evaluation evaluation) {

		/** The message key of the flag's title (its explanation and guidance sit beside it). */
		String titleKey() {
			return FlagTexts.titleKey(code.name());
		}

		Optional<HealthRules.Finding> check(HealthInputs in, Context c) {
			return evaluation.evidence(in, c).map(e -> new HealthRules.Finding(code.category(), code.name(), e));
		}
	}

	// The key contacts, percentages and rounding are HealthRules' own, so flags and score read people alike.

	// --- stakeholder engagement ---------------------------------------------------------------

	/** The project lead is rated LOW, or silent longer than {@code unresponsive-days} (the first such lead). */
	static final FlagRule PROJECT_LEAD_UNRESPONSIVE = new FlagRule(FlagCode.PROJECT_LEAD_UNRESPONSIVE,
			(in, c) -> unresponsive(in, ContactRole.PROJECT_LEAD, c.flags().unresponsiveDays()));

	/** The executive sponsor is rated LOW, or not met for longer than {@code sponsor-check-in-days}. */
	static final FlagRule SPONSOR_MISSES_CHECK_INS = new FlagRule(FlagCode.SPONSOR_MISSES_CHECK_INS,
			(in, c) -> unresponsive(in, ContactRole.EXECUTIVE_SPONSOR, c.flags().sponsorCheckInDays()));

	/** A champion is rated LOW. */
	static final FlagRule CHAMPION_DISENGAGED = new FlagRule(FlagCode.CHAMPION_DISENGAGED,
			(in, c) -> in.contacts().stream()
				.filter(contact -> contact.role() == ContactRole.CHAMPION && contact.engagement() == Engagement.LOW)
				.findFirst().map(contact -> List.<Object>of(contact.name())));

	/** No contact with anyone and no use of the product for {@code disengaged-days}. */
	static final FlagRule DISENGAGED_TWO_WEEKS = new FlagRule(FlagCode.DISENGAGED_TWO_WEEKS, (in, c) -> {
		long day = in.projectDay();
		int days = c.flags().disengagedDays();
		LocalDate lastContact = in.contacts().stream().map(HealthInputs.ContactInput::lastContactOn)
			.filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
		long sinceContact = lastContact == null ? day : ChronoUnit.DAYS.between(lastContact, in.today());
		long sinceUse = in.lastSeen() == null ? day
				: ChronoUnit.DAYS.between(LocalDate.ofInstant(in.lastSeen(), ZoneOffset.UTC), in.today());
		return when(day >= days && sinceContact >= days && sinceUse >= days, () -> List.of(sinceContact, sinceUse));
	});

	/** The oldest check-in of a cadence that was missed (automation's {@code CadenceMissed}). */
	static final FlagRule CADENCE_MISSED = new FlagRule(FlagCode.CADENCE_MISSED,
			(in, c) -> in.missedCadences().stream().findFirst()
				.map(missed -> List.<Object>of(missed.name(), missed.role(), missed.dueOn().toString())));

	/** A handoff past its due time (graduation's {@code HandoffOverdue}). */
	static final FlagRule HANDOFF_OVERDUE = new FlagRule(FlagCode.HANDOFF_OVERDUE,
			(in, c) -> when(in.overdueHandoffs() > 0, () -> List.of(in.overdueHandoffs())));

	// --- technical ----------------------------------------------------------------------------

	/** At least {@code missed-milestones} milestones finished late or still open past their date. */
	static final FlagRule MILESTONES_REPEATEDLY_MISSED = new FlagRule(FlagCode.MILESTONES_REPEATEDLY_MISSED, (in, c) -> {
		HealthInputs.Milestones ms = in.milestones();
		return when(ms.late() + ms.missedOpen() >= c.flags().missedMilestones(),
				() -> List.of(ms.late() + ms.missedOpen(), ms.missedOpen(), ms.late()));
	});

	/** At least {@code scope-requests} scope changes asked for within the window. */
	static final FlagRule RISING_SCOPE_REQUESTS = new FlagRule(FlagCode.RISING_SCOPE_REQUESTS,
			(in, c) -> when(in.scopeRequests() >= c.flags().scopeRequests(),
					() -> List.of(in.scopeRequests(), c.flags().scopeRequestWindowDays())));

	/** Technical tickets rising week over week, and at least {@code growing-technical-min} (seeds: growing technical issues). */
	static final FlagRule TECHNICAL_ISSUES_GROWING = new FlagRule(FlagCode.TECHNICAL_ISSUES_GROWING, (in, c) -> {
		HealthInputs.Support t = in.support();
		return when(t != null && t.hasTickets() && t.technicalLastWeek() > t.technicalPreviousWeek()
				&& t.technicalLastWeek() >= c.support().growingTechnicalMin(),
				() -> List.of(t.technicalLastWeek(), t.technicalPreviousWeek()));
	});

	/** Technical tickets left waiting on the customer's IT too long (seeds: IT unresponsive). */
	static final FlagRule IT_UNRESPONSIVE = new FlagRule(FlagCode.IT_UNRESPONSIVE, (in, c) -> {
		HealthInputs.Support t = in.support();
		return when(t != null && t.hasTickets() && t.technicalPendingTooLong() > 0,
				() -> List.of(t.technicalPendingTooLong(), c.support().itUnresponsiveDays(), t.oldestTechnicalPendingDays()));
	});

	// --- user adoption ------------------------------------------------------------------------

	/** No user activated {@code no-login-after-access-days} into the project (telemetry connected). */
	static final FlagRule NO_LOGIN_AFTER_ACCESS = new FlagRule(FlagCode.NO_LOGIN_AFTER_ACCESS,
			(in, c) -> when(telemetry(in) && in.projectDay() >= c.flags().noLoginAfterAccessDays()
					&& in.adoption().activatedUsers() == 0, () -> List.of(in.projectDay())));

	/** Nobody logged in since the training was completed, {@code no-login-after-training-days} ago or more. */
	static final FlagRule NO_LOGIN_AFTER_TRAINING = new FlagRule(FlagCode.NO_LOGIN_AFTER_TRAINING, (in, c) -> {
		LocalDate trained = in.plan().trainingCompletedOn();
		return when(telemetry(in) && trained != null
				&& ChronoUnit.DAYS.between(trained, in.today()) >= c.flags().noLoginAfterTrainingDays()
				&& (in.lastSeen() == null || LocalDate.ofInstant(in.lastSeen(), ZoneOffset.UTC).isBefore(trained)),
				() -> List.of(trained.toString(), ChronoUnit.DAYS.between(trained, in.today())));
	});

	/** After go-live, fewer than half the seats active in a week, or fewer active than last week (GRD-3). */
	static final FlagRule USAGE_LOW_OR_FALLING = new FlagRule(FlagCode.USAGE_LOW_OR_FALLING, (in, c) -> {
		AdoptionMetrics m = in.adoption();
		return when(telemetry(in) && in.plan().goLiveDone() && m.weeklyActiveRate() != null
				&& (m.weeklyActiveRate() < 0.5 || m.weekOverWeekChange() < 0),
				() -> List.of(HealthRules.pct(m.weeklyActiveRate()), m.weeklyActiveUsers(), m.previousWeekActiveUsers()));
	});

	/** From {@code adoption-gap-from-day}, activation more than {@code adoption-gap} below its target. */
	static final FlagRule ADOPTION_BELOW_TARGET = new FlagRule(FlagCode.ADOPTION_BELOW_TARGET, (in, c) -> {
		AdoptionMetrics m = in.adoption();
		return when(telemetry(in) && in.projectDay() >= c.flags().adoptionGapFromDay() && m.activationRate() != null
				&& m.activationRate() < m.targets().activationRate() - c.flags().adoptionGap(),
				() -> List.of(HealthRules.pct(m.activationRate()), HealthRules.pct(m.targets().activationRate()), in.projectDay()));
	});

	/** Training attendance below {@code training-attendance-below} of the invitations (TRN-2). */
	static final FlagRule TRAINING_ATTENDANCE_LOW = new FlagRule(FlagCode.TRAINING_ATTENDANCE_LOW, (in, c) -> {
		Double attendance = in.attendance().rate();
		return when(attendance != null && attendance < c.flags().trainingAttendanceBelow(),
				() -> List.of(HealthRules.pct(attendance), in.attendance().attended(), in.attendance().invited()));
	});

	/** The sessions held rated below {@code training-feedback-below} on average, over enough ratings. */
	static final FlagRule TRAINING_FEEDBACK_NEGATIVE = new FlagRule(FlagCode.TRAINING_FEEDBACK_NEGATIVE, (in, c) -> {
		HealthInputs.Signals s = in.signals();
		FeedbackFlagProperties f = c.feedback();
		return when(s.feedbackAverage() != null && s.feedbackResponses() >= f.trainingFeedbackMinResponses()
				&& s.feedbackAverage() < f.trainingFeedbackBelow(),
				() -> List.of(HealthRules.round1(s.feedbackAverage()), s.feedbackResponses(), f.trainingFeedbackBelow()));
	});

	// --- business outcome ---------------------------------------------------------------------

	/** No early win beyond the first login and no early results by {@code no-early-wins-day}. */
	static final FlagRule NO_EARLY_WINS = new FlagRule(FlagCode.NO_EARLY_WINS,
			(in, c) -> when(in.projectDay() >= c.flags().noEarlyWinsDay()
					&& in.earlyWins().stream().noneMatch(w -> w != EarlyWinKind.FIRST_LOGIN) && !in.plan().earlyResultsDone(),
					() -> List.of(in.projectDay())));

	/** An unmet criterion's measurements in the window went nowhere, or backwards (the first such criterion). */
	static final FlagRule METRICS_NOT_IMPROVING = new FlagRule(FlagCode.METRICS_NOT_IMPROVING, (in, c) -> {
		FeedbackFlagProperties f = c.feedback();
		var stalled = new ArrayList<HealthInputs.Trend>();
		for (HealthInputs.Trend t : in.signals().trends()) {
			if (t.baseline() == null || t.target() == null || t.first() == null || t.last() == null
					|| t.measurements() < f.metricsMinMeasurements()
					|| ChronoUnit.DAYS.between(t.firstOn(), t.lastOn()) < f.metricsMinSpanDays()) {
				continue;
			}
			int direction = t.target().compareTo(t.baseline());
			if (direction != 0 && t.last().subtract(t.first()).signum() * direction <= 0) {
				stalled.add(t);
			}
		}
		if (stalled.isEmpty()) return Optional.empty();
		HealthInputs.Trend t = stalled.get(0);
		return Optional.of(List.of(t.kpi(), t.first().stripTrailingZeros().toPlainString(), t.firstOn().toString(),
				t.last().stripTrailingZeros().toPlainString(), t.lastOn().toString(), stalled.size()));
	});

	/** Criteria to measure, and no measurement for {@code untracked-days} (from the start when never measured). */
	static final FlagRule RESULTS_NOT_TRACKED = new FlagRule(FlagCode.RESULTS_NOT_TRACKED, (in, c) -> {
		HealthInputs.Signals s = in.signals();
		long day = in.projectDay();
		int untracked = c.feedback().untrackedDays();
		if (s.trackedCriteria() == 0 || day < untracked) return Optional.empty();
		long since = s.lastMeasuredOn() == null ? day : ChronoUnit.DAYS.between(s.lastMeasuredOn(), in.today());
		return when(since >= untracked, () -> List.of(s.trackedCriteria(),
				s.lastMeasuredOn() == null ? "-" : s.lastMeasuredOn().toString(), since));
	});

	// --- relationship -------------------------------------------------------------------------

	/** A key contact (sponsor, project lead, champion, technical lead) whose sentiment is negative. */
	static final FlagRule NEGATIVE_SENTIMENT = new FlagRule(FlagCode.NEGATIVE_SENTIMENT, (in, c) -> {
		List<String> negative = in.contacts().stream()
			.filter(contact -> HealthRules.KEY_CONTACTS.contains(contact.role()) && contact.sentiment() == Sentiment.NEGATIVE)
			.map(HealthInputs.ContactInput::name).toList();
		return when(!negative.isEmpty(), () -> List.of(String.join(", ", negative)));
	});

	/** More complaint tickets in the last window than in the one before, and at least {@code complaints-min}. */
	static final FlagRule COMPLAINTS_RISING = new FlagRule(FlagCode.COMPLAINTS_RISING, (in, c) -> {
		HealthInputs.Signals s = in.signals();
		return when(s.complaintsLastWindow() >= c.feedback().complaintsMin()
				&& s.complaintsLastWindow() > s.complaintsPreviousWindow(),
				() -> List.of(s.complaintsLastWindow(), s.complaintsPreviousWindow(), c.feedback().complaintsWindowDays()));
	});

	/** An escalation to executives, open until resolved; the oldest is the evidence. */
	static final FlagRule EXECUTIVE_ESCALATION = new FlagRule(FlagCode.EXECUTIVE_ESCALATION,
			(in, c) -> in.signals().escalations().stream().findFirst().map(e -> List.<Object>of(e.raisedBy(),
					e.escalatedTo(), e.occurredOn().toString(), in.signals().escalations().size())));

	// --- leading indicators (HLT-3) -----------------------------------------------------------

	/** Week 2: kickoff and access. */
	static final FlagRule EARLY_WARNING_WEEK_2 = earlyWarning(FlagCode.EARLY_WARNING_WEEK_2, 2);

	/** Week 4: technical setup half done. */
	static final FlagRule EARLY_WARNING_WEEK_4 = earlyWarning(FlagCode.EARLY_WARNING_WEEK_4, 4);

	/** Week 6: training scheduled and UAT started. */
	static final FlagRule EARLY_WARNING_WEEK_6 = earlyWarning(FlagCode.EARLY_WARNING_WEEK_6, 6);

	/** Week 8: go-live done and users logging in. */
	static final FlagRule EARLY_WARNING_WEEK_8 = earlyWarning(FlagCode.EARLY_WARNING_WEEK_8, 8);

	/** Week 10: adoption rising and early results. */
	static final FlagRule EARLY_WARNING_WEEK_10 = earlyWarning(FlagCode.EARLY_WARNING_WEEK_10, 10);

	/** Every rule, in the order the flags are listed. */
	static final List<FlagRule> RULES = List.of(PROJECT_LEAD_UNRESPONSIVE, SPONSOR_MISSES_CHECK_INS,
			CHAMPION_DISENGAGED, DISENGAGED_TWO_WEEKS, MILESTONES_REPEATEDLY_MISSED, RISING_SCOPE_REQUESTS,
			NO_LOGIN_AFTER_ACCESS, NO_LOGIN_AFTER_TRAINING, USAGE_LOW_OR_FALLING, ADOPTION_BELOW_TARGET, CADENCE_MISSED,
			TECHNICAL_ISSUES_GROWING, IT_UNRESPONSIVE, HANDOFF_OVERDUE, TRAINING_ATTENDANCE_LOW, NO_EARLY_WINS,
			NEGATIVE_SENTIMENT, METRICS_NOT_IMPROVING, RESULTS_NOT_TRACKED, COMPLAINTS_RISING, EXECUTIVE_ESCALATION,
			TRAINING_FEEDBACK_NEGATIVE, EARLY_WARNING_WEEK_2, EARLY_WARNING_WEEK_4, EARLY_WARNING_WEEK_6,
			EARLY_WARNING_WEEK_8, EARLY_WARNING_WEEK_10);

	private RedFlagRules() {
	}

	/** The flags raised on an active project's inputs (none for a closed project or an account without one). */
	static List<HealthRules.Finding> evaluate(HealthInputs in, Context c) {
		var flags = new ArrayList<HealthRules.Finding>();
		if (!in.active()) return flags;
		for (FlagRule rule : RULES) {
			rule.check(in, c).ifPresent(flags::add);
		}
		return flags;
	}

	/** The first contact of the role rated LOW or silent too long (never met: counted from the project's start). */
	private static Optional<List<Object>> unresponsive(HealthInputs in, ContactRole role, int days) {
		long day = in.projectDay();
		for (HealthInputs.ContactInput contact : in.contacts()) {
			if (contact.role() != role) continue;
			Long silent = contact.lastContactOn() == null ? null : ChronoUnit.DAYS.between(contact.lastContactOn(), in.today());
			if (contact.engagement() == Engagement.LOW || (silent != null && silent > days) || (silent == null && day > days)) {
				return Optional.of(List.of(contact.name(), contact.engagement().name(), silent == null ? "-" : silent));
			}
		}
		return Optional.empty();
	}

	private static FlagRule earlyWarning(FlagCode code, int week) {
		return new FlagRule(code, (in, c) -> c.indicators().stream()
			.filter(i -> i.week() == week && i.status() == HealthRules.IndicatorStatus.BEHIND).findFirst()
			.map(i -> List.<Object>of(i.week(), i.day(), String.join(", ", i.missing()))));
	}

	private static boolean telemetry(HealthInputs in) {
		return in.telemetryConnected() && in.adoption() != null;
	}

	private static Optional<List<Object>> when(boolean raised, java.util.function.Supplier<List<Object>> evidence) {
		return raised ? Optional.of(evidence.get()) : Optional.empty();
	}

}
