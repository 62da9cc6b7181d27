package com.onward.messaging;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onward.messaging.discipline}: the default {@link DeliveryPolicy} (an admin may change it at
 * run time; it is then kept in the database), the priority and topic of each template, and how long
 * a nudge about a topic keeps a second one about the same topic from going out.
 */
@ConfigurationProperties("onward.messaging.discipline")
record DisciplineProperties(Integer dailyCap, Map<String, Integer> dailyCapBySegment, LocalTime sendingFrom,
		LocalTime sendingUntil, List<DayOfWeek> sendingDays, Boolean quietHours, DayOfWeek digestDay,
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

	DeliveryPolicy policy() {
		return new DeliveryPolicy(dailyCap, dailyCapBySegment, sendingFrom, sendingUntil, sendingDays, quietHours,
				digestDay);
	}
}
