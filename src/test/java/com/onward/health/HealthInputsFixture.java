package com.onward.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.onward.account.ProductType;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.AdoptionMetrics;
import com.onward.usage.EarlyWinKind;

/**
 * An account's health inputs told by what matters to the test, everything else neutral: an active 90-day
 * project with nothing due, no contacts, no telemetry, no tickets, no signals. For example
 * <pre>
 * HealthInputsFixture.account().onDay(45).contact(sponsor("Dewi").engagement(HIGH)).plan(p -> p.kickoffDone()).build()
 * </pre>
 * instead of the record's 22 positional arguments.
 */
final class HealthInputsFixture {

	/** The day the inputs are computed on. */
	static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	private long day = 30;
	private int planDays = 90;
	private String status = "IN_PROGRESS";
	private final List<HealthInputs.ContactInput> contacts = new ArrayList<>();
	private AdoptionMetrics adoption;
	private Instant lastSeen;
	private final Set<EarlyWinKind> earlyWins = EnumSet.noneOf(EarlyWinKind.class);
	private HealthInputs.Milestones milestones = HealthInputs.Milestones.NONE;
	private HealthInputs.Homework homework = HealthInputs.Homework.NONE;
	private int scopeRequests;
	private PlanFixture plan = new PlanFixture();
	private HealthInputs.Value value = HealthInputs.Value.NONE;
	private HealthInputs.Attendance attendance = HealthInputs.Attendance.NONE;
	private int overdueHandoffs;
	private final List<HealthInputs.MissedCadence> missedCadences = new ArrayList<>();
	private HealthInputs.Support support = HealthInputs.Support.NOT_CONNECTED;
	private HealthInputs.Signals signals = HealthInputs.Signals.NONE;

	private HealthInputsFixture() {
	}

	static HealthInputsFixture account() {
		return new HealthInputsFixture();
	}

	/** Today is day {@code day} of the project. */
	HealthInputsFixture onDay(long day) {
		this.day = day;
		return this;
	}

	HealthInputsFixture planDays(int days) {
		this.planDays = days;
		return this;
	}

	HealthInputsFixture status(String status) {
		this.status = status;
		return this;
	}

	HealthInputsFixture contact(ContactFixture contact) {
		contacts.add(contact.build());
		return this;
	}

	/** Telemetry connected, with these usage figures (see {@link #usage}). */
	HealthInputsFixture adoption(AdoptionMetrics metrics) {
		this.adoption = metrics;
		return this;
	}

	/** The last time anyone used the product, {@code days} before today. */
	HealthInputsFixture lastSeenDaysAgo(int days) {
		this.lastSeen = TODAY.minusDays(days).atTime(10, 0).toInstant(ZoneOffset.UTC);
		return this;
	}

	HealthInputsFixture earlyWins(EarlyWinKind... wins) {
		earlyWins.addAll(List.of(wins));
		return this;
	}

	HealthInputsFixture milestones(int dueSoFar, int onTime, int late, int missedOpen) {
		this.milestones = new HealthInputs.Milestones(dueSoFar, onTime, late, missedOpen, null, null);
		return this;
	}

	HealthInputsFixture homework(int dueSoFar, int doneOnTime, int overdueOpen) {
		this.homework = new HealthInputs.Homework(dueSoFar, doneOnTime, overdueOpen);
		return this;
	}

	HealthInputsFixture scopeRequests(int n) {
		this.scopeRequests = n;
		return this;
	}

	HealthInputsFixture plan(UnaryOperator<PlanFixture> change) {
		this.plan = change.apply(plan);
		return this;
	}

	HealthInputsFixture value(HealthInputs.Value value) {
		this.value = value;
		return this;
	}

	HealthInputsFixture attendance(int invited, int attended) {
		this.attendance = new HealthInputs.Attendance(invited, attended);
		return this;
	}

	HealthInputsFixture overdueHandoffs(int n) {
		this.overdueHandoffs = n;
		return this;
	}

	HealthInputsFixture missedCadence(String name, String role, LocalDate dueOn) {
		missedCadences.add(new HealthInputs.MissedCadence(name, role, dueOn));
		return this;
	}

	HealthInputsFixture support(HealthInputs.Support support) {
		this.support = support;
		return this;
	}

	HealthInputsFixture signals(HealthInputs.Signals signals) {
		this.signals = signals;
		return this;
	}

	HealthInputs build() {
		LocalDate start = TODAY.minusDays(day);
		return new HealthInputs(UUID.randomUUID(), UUID.randomUUID(), status, start, start.plusDays(planDays),
				start.plusDays(planDays), TODAY, adoption, adoption != null, lastSeen, earlyWins, milestones, homework,
				List.copyOf(contacts), scopeRequests, plan.build(), value, attendance, overdueHandoffs,
				List.copyOf(missedCadences), support, signals);
	}

	// --- parts ---------------------------------------------------------------------------------

	static ContactFixture sponsor(String name) {
		return new ContactFixture(name, ContactRole.EXECUTIVE_SPONSOR);
	}

	static ContactFixture projectLead(String name) {
		return new ContactFixture(name, ContactRole.PROJECT_LEAD);
	}

	static ContactFixture champion(String name) {
		return new ContactFixture(name, ContactRole.CHAMPION);
	}

	static ContactFixture technicalLead(String name) {
		return new ContactFixture(name, ContactRole.TECHNICAL_LEAD);
	}

	/**
	 * Usage on the project's day: {@code activated} of {@code seats} users ever active, {@code weekly} active
	 * this week and {@code previousWeek} the week before; targets are the seeds' curves for that day.
	 */
	static AdoptionMetrics usage(long day, int seats, int activated, int weekly, int previousWeek) {
		return new AdoptionMetrics(TODAY, UUID.randomUUID(), seats, activated, (double) activated / seats, 0.1,
				(double) weekly / seats, 0.5, 2, 10, false, 10, weekly, 50, previousWeek, 3.0, (int) day,
				new AdoptionMetrics.Targets(day <= 30 ? 0.70 * day / 30 : Math.min(0.85, 0.70 + 0.15 * (day - 30) / 30),
						day <= 60 ? 0.60 * day / 60 : Math.min(0.75, 0.60 + 0.15 * (day - 60) / 30),
						Math.min(5, 5.0 * day / 90)),
				new AdoptionMetrics.Thresholds(ProductType.DAILY, false, List.of()), activated > 0, java.time.Instant.now());
	}

	/** A contact in a role: MEDIUM engagement, NEUTRAL sentiment, last met yesterday unless told otherwise. */
	static final class ContactFixture {

		private final String name;
		private final ContactRole role;
		private Engagement engagement = Engagement.MEDIUM;
		private Sentiment sentiment = Sentiment.NEUTRAL;
		private LocalDate lastContactOn = TODAY.minusDays(1);

		private ContactFixture(String name, ContactRole role) {
			this.name = name;
			this.role = role;
		}

		ContactFixture engagement(Engagement engagement) {
			this.engagement = engagement;
			return this;
		}

		ContactFixture sentiment(Sentiment sentiment) {
			this.sentiment = sentiment;
			return this;
		}

		ContactFixture lastMetDaysAgo(int days) {
			this.lastContactOn = TODAY.minusDays(days);
			return this;
		}

		ContactFixture neverMet() {
			this.lastContactOn = null;
			return this;
		}

		HealthInputs.ContactInput build() {
			return new HealthInputs.ContactInput(name, role, engagement, sentiment, lastContactOn);
		}
	}

	/** The plan's leading-indicator items: none present unless added, and nothing done. */
	static final class PlanFixture {

		private boolean hasKickoff, kickoffDone, hasAccess, accessDone, hasTraining, trainingStarted, hasUat, uatStarted,
				hasGoLive, goLiveDone, hasEarlyResults, earlyResultsDone;
		private int technicalItems, technicalDone;
		private LocalDate trainingCompletedOn;

		PlanFixture kickoff() {
			hasKickoff = true;
			return this;
		}

		PlanFixture kickoffDone() {
			hasKickoff = kickoffDone = true;
			return this;
		}

		PlanFixture accessDone() {
			hasAccess = accessDone = true;
			return this;
		}

		PlanFixture technical(int items, int done) {
			technicalItems = items;
			technicalDone = done;
			return this;
		}

		PlanFixture training() {
			hasTraining = true;
			return this;
		}

		PlanFixture trainingCompleted(LocalDate on) {
			hasTraining = trainingStarted = true;
			trainingCompletedOn = on;
			return this;
		}

		PlanFixture uatStarted() {
			hasUat = uatStarted = true;
			return this;
		}

		PlanFixture goLive() {
			hasGoLive = true;
			return this;
		}

		PlanFixture goLiveDone() {
			hasGoLive = goLiveDone = true;
			return this;
		}

		PlanFixture earlyResultsDone() {
			hasEarlyResults = earlyResultsDone = true;
			return this;
		}

		HealthInputs.Plan build() {
			return new HealthInputs.Plan(hasKickoff, kickoffDone, hasAccess, accessDone, technicalItems, technicalDone,
					hasTraining, trainingStarted, trainingCompletedOn, hasUat, uatStarted, hasGoLive, goLiveDone,
					hasEarlyResults, earlyResultsDone);
		}
	}
}
