package com.onward.messaging;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * How automated customer email is paced ({@code GET/PUT /api/v1/delivery-policy}): at most
 * {@code dailyCap} capped emails per contact and local day (per segment in {@code dailyCapBySegment}),
 * sent only from {@code sendingFrom} to {@code sendingUntil} on {@code sendingDays} in the account's
 * time zone when {@code quietHours} is on; weekly digests go out on {@code digestDay}.
 */
public record DeliveryPolicy(Integer dailyCap, Map<String, Integer> dailyCapBySegment, LocalTime sendingFrom,
		LocalTime sendingUntil, List<DayOfWeek> sendingDays, Boolean quietHours, DayOfWeek digestDay) {

	public DeliveryPolicy {
		dailyCapBySegment = dailyCapBySegment == null ? Map.of() : Map.copyOf(dailyCapBySegment);
		sendingDays = sendingDays == null ? null : List.copyOf(sendingDays);
	}

	/** The cap for an account's segment (null: no account known). */
	int capFor(String segment) {
		Integer bySegment = segment == null ? null : dailyCapBySegment.get(segment);
		return bySegment != null ? bySegment : dailyCap;
	}

	/** The sending hours are a window: from before until (checked on a complete policy). */
	boolean hoursOrdered() {
		return sendingFrom.isBefore(sendingUntil);
	}

	/** The weekly digest goes out on a day mail is sent (checked on a complete policy). */
	boolean digestOnASendingDay() {
		return sendingDays.contains(digestDay);
	}

	/** Whether a per-segment cap's key names a segment. */
	static boolean isSegment(String key) {
		return java.util.Arrays.stream(com.onward.shared.Segment.values()).anyMatch(s -> s.name().equals(key));
	}

	/** This policy with every part not given taken from {@code defaults}. */
	DeliveryPolicy orElse(DeliveryPolicy defaults) {
		return new DeliveryPolicy(dailyCap == null ? defaults.dailyCap : dailyCap,
				dailyCapBySegment.isEmpty() ? defaults.dailyCapBySegment : dailyCapBySegment,
				sendingFrom == null ? defaults.sendingFrom : sendingFrom,
				sendingUntil == null ? defaults.sendingUntil : sendingUntil,
				sendingDays == null || sendingDays.isEmpty() ? defaults.sendingDays : sendingDays,
				quietHours == null ? defaults.quietHours : quietHours, digestDay == null ? defaults.digestDay : digestDay);
	}
}
