package com.onward.messaging;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code onward.messaging.discipline}: the default {@link DeliveryPolicy} (an admin may change it at
 * run time; it is then kept in the database), the priority and topic of each template, and how long
 * a nudge about a topic keeps a second one about the same topic from going out.
 */
@ConfigurationProperties("onward.messaging.discipline")
@Validated
record DisciplineProperties(@PositiveOrZero Integer dailyCap, Map<String, @NotNull @PositiveOrZero Integer> dailyCapBySegment,
		LocalTime sendingFrom, LocalTime sendingUntil, List<DayOfWeek> sendingDays, Boolean quietHours, DayOfWeek digestDay,
		Duration duplicateWindow, Map<String, Priority> priorities, Map<String, String> topics) {

	DisciplineProperties {
		if (dailyCap == null) dailyCap = 2;
		if (dailyCapBySegment == null) dailyCapBySegment = Map.of();
		if (sendingFrom == null) sendingFrom = LocalTime.of(8, 0);
		if (sendingUntil == null) sendingUntil = LocalTime.of(18, 0);
		if (sendingDays == null || sendingDays.isEmpty()) {
			sendingDays = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
					DayOfWeek.FRIDAY);
		}
		if (quietHours == null) quietHours = true;
		if (digestDay == null) digestDay = DayOfWeek.MONDAY;
		if (duplicateWindow == null) duplicateWindow = Duration.ofDays(7);
		if (priorities == null) priorities = Map.of();
		if (topics == null) topics = Map.of();
	}

	// The same checks as an admin's change of the policy at run time (Discipline.update).

	@AssertTrue(message = "sending-from must be before sending-until")
	boolean isSendingHoursOrdered() {
		return policy().hoursOrdered();
	}

	@AssertTrue(message = "digest-day must be one of the sending-days")
	boolean isDigestOnASendingDay() {
		return policy().digestOnASendingDay();
	}

	@AssertTrue(message = "daily-cap-by-segment keys must be segments (SMB, MID_MARKET, ENTERPRISE)")
	boolean isCapSegmentsKnown() {
		return dailyCapBySegment.keySet().stream().allMatch(DeliveryPolicy::isSegment);
	}

	@AssertTrue(message = "duplicate-window must not be negative")
	boolean isDuplicateWindowValid() {
		return !duplicateWindow.isNegative();
	}

	DeliveryPolicy policy() {
		return new DeliveryPolicy(dailyCap, dailyCapBySegment, sendingFrom, sendingUntil, sendingDays, quietHours,
				digestDay);
	}
}
