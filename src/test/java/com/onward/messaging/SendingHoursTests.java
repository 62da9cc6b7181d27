package com.onward.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Sending hours and digest days in a customer's time zone, across evenings, weekends and DST. */
class SendingHoursTests {

	static final DeliveryPolicy SHIPPED = new DeliveryPolicy(2, Map.of("ENTERPRISE", 3), LocalTime.of(8, 0),
			LocalTime.of(18, 0), List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
					DayOfWeek.FRIDAY), true, DayOfWeek.MONDAY);

	static ZonedDateTime at(String local, String zone) {
		return java.time.LocalDateTime.parse(local).atZone(ZoneId.of(zone));
	}

	@Test
	void twoInTheMorningInJakartaWaitsUntilEight() {
		var night = at("2026-12-02T02:00", "Asia/Jakarta");
		assertThat(Discipline.withinHours(night, SHIPPED)).isFalse();
		assertThat(Discipline.nextSendingTime(night, SHIPPED)).isEqualTo(at("2026-12-02T08:00", "Asia/Jakarta"));
	}

	@Test
	void fridayEveningWaitsForMondayMorning() {
		var friday = at("2026-12-04T18:00", "Asia/Kuala_Lumpur");
		assertThat(Discipline.withinHours(friday, SHIPPED)).as("the end is exclusive").isFalse();
		assertThat(Discipline.nextSendingTime(friday, SHIPPED)).isEqualTo(at("2026-12-07T08:00", "Asia/Kuala_Lumpur"));
		assertThat(Discipline.nextSendingTime(at("2026-12-05T10:00", "Asia/Kuala_Lumpur"), SHIPPED))
			.isEqualTo(at("2026-12-07T08:00", "Asia/Kuala_Lumpur"));
	}

	@Test
	void withinHoursGoesNow() {
		var noon = at("2026-12-02T12:00", "Europe/Amsterdam");
		assertThat(Discipline.nextSendingTime(noon, SHIPPED)).isEqualTo(noon);
	}

	@Test
	void sendingHoursFollowTheLocalClockAcrossDaylightSaving() {
		// 29 March 2026: Amsterdam moves from UTC+1 to UTC+2; 08:00 local on Monday the 30th is 06:00 UTC.
		var sunday = at("2026-03-29T12:00", "Europe/Amsterdam");
		assertThat(Discipline.nextSendingTime(sunday, SHIPPED).toInstant())
			.isEqualTo(java.time.Instant.parse("2026-03-30T06:00:00Z"));
	}

	@Test
	void withQuietHoursOffEverythingIsWithinHours() {
		var off = new DeliveryPolicy(null, null, null, null, null, false, null).orElse(SHIPPED);
		assertThat(Discipline.withinHours(at("2026-12-06T03:00", "Asia/Jakarta"), off)).isTrue();
		assertThat(off.dailyCap()).isEqualTo(2);
	}

	@Test
	void theDigestGoesOnTheDigestDayAtTheStartOfSendingHours() {
		assertThat(Discipline.nextDigestTime(at("2026-12-02T10:00", "Asia/Jakarta"), SHIPPED))
			.isEqualTo(at("2026-12-07T08:00", "Asia/Jakarta"));
		assertThat(Discipline.nextDigestTime(at("2026-12-07T07:00", "Asia/Jakarta"), SHIPPED))
			.isEqualTo(at("2026-12-07T08:00", "Asia/Jakarta"));
		assertThat(Discipline.nextDigestTime(at("2026-12-07T09:00", "Asia/Jakarta"), SHIPPED))
			.isEqualTo(at("2026-12-14T08:00", "Asia/Jakarta"));
	}

	@Test
	void theCapIsPerSegmentWhereOneIsSet() {
		assertThat(SHIPPED.capFor("ENTERPRISE")).isEqualTo(3);
		assertThat(SHIPPED.capFor("SMB")).isEqualTo(2);
		assertThat(SHIPPED.capFor(null)).isEqualTo(2);
	}
}
