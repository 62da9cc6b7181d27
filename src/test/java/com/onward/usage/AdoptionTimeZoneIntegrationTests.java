package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Days are counted in {@code onward.time-zone}: in Jakarta (UTC+7) an event at 20:00 UTC
 * belongs to the next day. Its own database directory, since this is a second context.
 */
@TestPropertySource(properties = { "onward.time-zone=Asia/Jakarta",
		"onward.embedded-db.data-dir=target/test-postgres-jakarta" })
class AdoptionTimeZoneIntegrationTests extends UsageTestSupport {

	@Test
	void eventsCountOnTheLocalDay() {
		LocalDate day = LocalDate.now().minusDays(5);
		UUID account = account(4, "DAILY", day.minusDays(20));
		sendOk(List.of(event(account, "late", "LOGIN", at(day, 20)), event(account, "early", "LOGIN", at(day, 2))));
		JsonNode onDay = get("/api/v1/accounts/" + account + "/adoption?asOf=" + day).body();
		JsonNode nextDay = get("/api/v1/accounts/" + account + "/adoption?asOf=" + day.plusDays(1)).body();
		assertThat(onDay.get("dailyActiveUsers").asInt()).isEqualTo(1);
		assertThat(onDay.get("activatedUsers").asInt()).isEqualTo(1);
		assertThat(nextDay.get("dailyActiveUsers").asInt()).isEqualTo(1);
		assertThat(nextDay.get("activatedUsers").asInt()).isEqualTo(2);
	}
}
