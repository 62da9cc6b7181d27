package com.onward.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.onward.shared.ContactRole;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.AdoptionMetrics;
import com.onward.usage.EarlyWinKind;

/** Everything a health score and the flags are computed from, loaded in bulk by {@link HealthData}. */
record HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate,
		LocalDate targetGraduation, LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption,
		boolean telemetryConnected, Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones,
		Homework homework, List<ContactInput> contacts, int scopeRequests, Plan plan, Value value,
		Attendance attendance, int overdueHandoffs, List<MissedCadence> missedCadences, Support support,
		Signals signals) {

	HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate, LocalDate targetGraduation,
			LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption, boolean telemetryConnected,
			Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones, Homework homework,
			List<ContactInput> contacts, int scopeRequests, Plan plan, Value value, Attendance attendance,
			int overdueHandoffs, List<MissedCadence> missedCadences, Support support) {
		this(accountId, projectId, projectStatus, startDate, targetGraduation, forecastGraduation, today, adoption,
				telemetryConnected, lastSeen, earlyWins, milestones, homework, contacts, scopeRequests, plan, value,
				attendance, overdueHandoffs, missedCadences, support, Signals.NONE);
	}

	/**
	 * The signals behind the later red flags and the checkpoints' anchor: the day of the plan's go-live item
	 * as planned (null without one), the unmet quantitative criteria's measurement trends in the window and
	 * their last measurement, complaint tickets in the last window and the one before, the open escalations,
	 * and the training sessions' feedback ratings (1-5).
	 */
	record Signals(Long goLivePlannedDay, List<Trend> trends, int trackedCriteria, LocalDate lastMeasuredOn,
			int complaintsLastWindow, int complaintsPreviousWindow, List<Escalation> escalations,
			int feedbackResponses, Double feedbackAverage) {
		static final Signals NONE = new Signals(null, List.of(), 0, null, 0, 0, List.of(), 0, null);

		Signals {
			trends = trends == null ? List.of() : List.copyOf(trends);
			escalations = escalations == null ? List.of() : List.copyOf(escalations);
		}

		Signals withGoLive(Long day) {
			return new Signals(day, trends, trackedCriteria, lastMeasuredOn, complaintsLastWindow,
					complaintsPreviousWindow, escalations, feedbackResponses, feedbackAverage);
		}
	}

	/** An unmet quantitative criterion's measurements in the window: the first and the last, and how many. */
	record Trend(String kpi, java.math.BigDecimal baseline, java.math.BigDecimal target, int measurements,
			java.math.BigDecimal first, LocalDate firstOn, java.math.BigDecimal last, LocalDate lastOn) {
	}

	/** An escalation to executives not yet resolved. */
	record Escalation(String raisedBy, String escalatedTo, LocalDate occurredOn) {
	}

	HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate, LocalDate targetGraduation,
			LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption, boolean telemetryConnected,
			Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones, Homework homework,
			List<ContactInput> contacts, int scopeRequests, Plan plan, Value value, Attendance attendance,
			int overdueHandoffs, List<MissedCadence> missedCadences) {
		this(accountId, projectId, projectStatus, startDate, targetGraduation, forecastGraduation, today, adoption,
				telemetryConnected, lastSeen, earlyWins, milestones, homework, contacts, scopeRequests, plan, value,
				attendance, overdueHandoffs, missedCadences, Support.NOT_CONNECTED);
	}

	/**
	 * Help-desk tickets (HLT-1 support load) from the support module's {@code support_ticket_v}: created in
	 * the last 7 days and the 7 before, technical ones among them, over the last 28 days, the oldest open
	 * ticket's age, and technical tickets waiting on the customer longer than the IT-unresponsive limit.
	 * {@code connected}: some ticket source has delivered tickets; {@code hasTickets}: this account has had
	 * tickets (without any, support load has no data rather than a perfect score nobody measured).
	 */
	record Support(boolean connected, boolean hasTickets, int lastWeek, int previousWeek, int technicalLastWeek,
			int technicalPreviousWeek, int last28Days, int technical28Days, int open, Integer oldestOpenDays,
			int technicalPendingTooLong, Integer oldestTechnicalPendingDays) {
		static final Support NOT_CONNECTED = new Support(false, false, 0, 0, 0, 0, 0, 0, 0, null, 0, null);
		static final Support NO_TICKETS = new Support(true, false, 0, 0, 0, 0, 0, 0, 0, null, 0, null);
	}

	/** A stakeholder cadence (PPL-3) the automation sweep found missed: who, and when the check-in was due. */
	record MissedCadence(String name, String role, LocalDate dueOn) {
	}

	HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate, LocalDate targetGraduation,
			LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption, boolean telemetryConnected,
			Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones, Homework homework,
			List<ContactInput> contacts, int scopeRequests, Plan plan, Value value, Attendance attendance,
			int overdueHandoffs) {
		this(accountId, projectId, projectStatus, startDate, targetGraduation, forecastGraduation, today, adoption,
				telemetryConnected, lastSeen, earlyWins, milestones, homework, contacts, scopeRequests, plan, value,
				attendance, overdueHandoffs, List.of());
	}

	HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate, LocalDate targetGraduation,
			LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption, boolean telemetryConnected,
			Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones, Homework homework,
			List<ContactInput> contacts, int scopeRequests, Plan plan, Value value, Attendance attendance) {
		this(accountId, projectId, projectStatus, startDate, targetGraduation, forecastGraduation, today, adoption,
				telemetryConnected, lastSeen, earlyWins, milestones, homework, contacts, scopeRequests, plan, value,
				attendance, 0);
	}

	HealthInputs(UUID accountId, UUID projectId, String projectStatus, LocalDate startDate, LocalDate targetGraduation,
			LocalDate forecastGraduation, LocalDate today, AdoptionMetrics adoption, boolean telemetryConnected,
			Instant lastSeen, Set<EarlyWinKind> earlyWins, Milestones milestones, Homework homework,
			List<ContactInput> contacts, int scopeRequests, Plan plan, Value value) {
		this(accountId, projectId, projectStatus, startDate, targetGraduation, forecastGraduation, today, adoption,
				telemetryConnected, lastSeen, earlyWins, milestones, homework, contacts, scopeRequests, plan, value,
				Attendance.NONE, 0);
	}

	/** Training attendance of the sessions held so far (TRN-2): invitations recorded and attended. */
	record Attendance(int invited, int attended) {
		static final Attendance NONE = new Attendance(0, 0);

		Double rate() {
			return invited == 0 ? null : (double) attended / invited;
		}
	}

	/**
	 * The success criteria of the current project (VAL): how many, how many count (measured, confirmed,
	 * or past their deadline without data), their average progress, and the one furthest behind.
	 */
	record Value(int criteria, int counted, int met, int confirmed, int unmeasured, Integer averageProgress,
			String weakestKpi, Integer weakestProgress) {
		static final Value NONE = new Value(0, 0, 0, 0, 0, null, null, null);
	}

	/** Milestones judged against the baseline plan: due so far, done on time, done late, missed and still open. */
	record Milestones(int dueSoFar, int onTime, int late, int missedOpen, String nextKey, LocalDate nextDue) {
		static final Milestones NONE = new Milestones(0, 0, 0, 0, null, null);
	}

	/** Customer homework due so far and done by its date. */
	record Homework(int dueSoFar, int doneOnTime, int overdueOpen) {
		static final Homework NONE = new Homework(0, 0, 0);
	}

	record ContactInput(String name, ContactRole role, Engagement engagement, Sentiment sentiment, LocalDate lastContactOn) {
	}

	/** Where the plan stands on the items behind the leading indicators (HLT-3). */
	record Plan(boolean hasKickoff, boolean kickoffDone, boolean hasAccess, boolean accessDone, int technicalItems,
			int technicalDone, boolean hasTraining, boolean trainingStarted, LocalDate trainingCompletedOn,
			boolean hasUat, boolean uatStarted, boolean hasGoLive, boolean goLiveDone, boolean hasEarlyResults,
			boolean earlyResultsDone) {
		static final Plan NONE = new Plan(false, false, false, false, 0, 0, false, false, null, false, false, false, false,
				false, false);
	}

	boolean hasProject() {
		return projectId != null && startDate != null;
	}

	long projectDay() {
		return hasProject() ? ChronoUnit.DAYS.between(startDate, today) : -1;
	}

	long planDays() {
		return hasProject() ? Math.max(1, ChronoUnit.DAYS.between(startDate, targetGraduation)) : 0;
	}

	boolean active() {
		return hasProject() && !"COMPLETED".equals(projectStatus) && !"CANCELLED".equals(projectStatus);
	}
}
