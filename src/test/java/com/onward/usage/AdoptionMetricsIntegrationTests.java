package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** ADO-2..5 arithmetic on a known set of events, read back through the API. */
class AdoptionMetricsIntegrationTests extends UsageTestSupport {

	private final LocalDate d0 = LocalDate.now().minusDays(50);
	private final LocalDate asOf = d0.plusDays(40);

	@Test
	void metricsOfAKnownEventSet() {
		UUID account = account(10, "DAILY", d0);
		String coreA = unique("core-a");
		String coreB = unique("core-b");
		assertThat(call("PUT", "/api/v1/features/" + coreA, Map.of("name", "Core A", "core", true)).status()).isEqualTo(200);
		assertThat(call("PUT", "/api/v1/features/" + coreB, Map.of("core", true)).status()).isEqualTo(200);
		var events = list();
		for (int day = 1; day <= 40; day++) {
			events.add(event(account, "u1", "LOGIN", at(d0.plusDays(day), 9)));
			events.add(feature(account, "u1", "reports", at(d0.plusDays(day), 10)));
		}
		events.add(feature(account, "u1", coreA, at(d0.plusDays(5), 11)));
		events.add(event(account, "u2", "LOGIN", at(asOf.minusDays(6), 8)));   // in this week
		events.add(event(account, "u3", "LOGIN", at(asOf.minusDays(7), 8)));   // last week only
		events.add(event(account, "u4", "LOGIN", at(asOf.minusDays(29), 8)));  // last of the 30 days
		events.add(event(account, "u5", "LOGIN", at(asOf.minusDays(30), 8)));  // before the 30 days
		events.add(event(account, "u6", "LOGIN", at(asOf.plusDays(1), 8)));    // after asOf
		events.add(feature(account, "u6", coreB, at(asOf.plusDays(5), 8)));    // core, but after asOf
		sendOk(events);

		JsonNode m = get("/api/v1/accounts/" + account + "/adoption?asOf=" + asOf).body();
		assertThat(m.get("asOf").asString()).isEqualTo(asOf.toString());
		assertThat(m.get("licensedSeats").asInt()).isEqualTo(10);
		assertThat(m.get("activatedUsers").asInt()).isEqualTo(5);
		assertThat(m.get("activationRate").asDouble()).isEqualTo(0.5);
		assertThat(m.get("dailyActiveRate").asDouble()).isEqualTo(0.1);
		assertThat(m.get("weeklyActiveRate").asDouble()).isEqualTo(0.2);
		assertThat(m.get("monthlyActiveRate").asDouble()).isEqualTo(0.4);
		assertThat(m.get("previousWeekActiveUsers").asInt()).isEqualTo(2);
		assertThat(m.get("weekOverWeekChange").asInt()).isZero();
		assertThat(m.get("coreFeaturesAdopted").asInt()).isEqualTo(1);
		long coreInCatalogue = 0;
		for (JsonNode f : get("/api/v1/features").body()) {
			if (f.get("core").asBoolean()) coreInCatalogue++;
		}
		assertThat(m.get("coreFeaturesTotal").asLong()).isEqualTo(coreInCatalogue).isGreaterThanOrEqualTo(2);
		assertThat(m.get("coreFeaturesSuggested").asBoolean()).isFalse();
		// 80 events of u1 in 30 days (2 a day) plus one of u2, u3, u4 = 63 events; 30 + 3 logins over 4 users.
		assertThat(m.get("loginsPerUser").asDouble()).isEqualTo(8.25);
		// ADO-3 targets on day 40: activation 70 % + (85-70) x 10/30 = 75 %; weekly 60 % x 40/60 = 40 %; core 5 x 40/90.
		assertThat(m.get("onboardingDay").asInt()).isEqualTo(40);
		assertThat(m.get("targets").get("activationRate").asDouble()).isCloseTo(0.75, within(1e-9));
		assertThat(m.get("targets").get("weeklyActiveRate").asDouble()).isCloseTo(0.40, within(1e-9));
		assertThat(m.get("targets").get("coreFeaturesAdopted").asDouble()).isCloseTo(5 * 40 / 90.0, within(1e-9));
		// ADO-4 for a daily-use product: 80 % weekly active and 50 % daily active, neither met.
		assertThat(m.get("thresholds").get("productType").asString()).isEqualTo("DAILY");
		assertThat(m.get("thresholds").get("met").asBoolean()).isFalse();
		assertThat(m.get("thresholds").get("checks").findValuesAsString("metric"))
			.containsExactlyInAnyOrder("weeklyActive", "dailyActive");

		// A day later u6 has logged in: activation moves, the earlier day does not.
		assertThat(get("/api/v1/accounts/" + account + "/adoption?asOf=" + asOf.plusDays(1)).body()
			.get("activatedUsers").asInt()).isEqualTo(6);

		// ADO-5: u1 is the power user and champion; u3, u4 and u5 barely used it; u2 is too new to judge.
		JsonNode users = get("/api/v1/accounts/" + account + "/adoption/users?asOf=" + asOf).body();
		assertThat(users.get("powerUsers").findValuesAsString("userId")).containsExactly("u1");
		assertThat(users.get("champions").findValuesAsString("userId")).containsExactly("u1");
		assertThat(users.get("lowAdopters").findValuesAsString("userId")).containsExactly("u5", "u3", "u4");
		assertThat(users.get("notActivatedSeats").asInt()).isEqualTo(5);
	}

	@Test
	void weeklySeriesEndsWithTodayAndCarriesTheTargetCurves() {
		UUID account = account(10, "WEEKLY", LocalDate.now().minusDays(21));
		sendOk(List.of(event(account, "u1", "LOGIN", at(LocalDate.now().minusDays(1), 9))));
		JsonNode points = get("/api/v1/accounts/" + account + "/adoption/weekly").body();
		assertThat(points.size()).isEqualTo(4); // days 0, 7, 14 and 21
		JsonNode last = points.get(3);
		assertThat(last.get("onboardingDay").asInt()).isEqualTo(21);
		assertThat(last.get("weeklyActiveRate").asDouble()).isEqualTo(0.1);
		assertThat(last.get("activationTarget").asDouble()).isCloseTo(0.70 * 21 / 30, within(1e-9));
		assertThat(points.get(0).get("activationRate").asDouble()).isZero();
	}

	@Test
	void usersBeyondTheLicenceCountButCannotPassOneHundredPercent() {
		UUID account = account(2, "DAILY", LocalDate.now().minusDays(10));
		LocalDate day = LocalDate.now().minusDays(1);
		sendOk(List.of(event(account, "a", "LOGIN", at(day, 9)), event(account, "b", "LOGIN", at(day, 9)),
				event(account, "c", "LOGIN", at(day, 9))));
		JsonNode m = get("/api/v1/accounts/" + account + "/adoption?asOf=" + day).body();
		assertThat(m.get("activatedUsers").asInt()).isEqualTo(3);
		assertThat(m.get("activationRate").asDouble()).isEqualTo(1.0);
		assertThat(m.get("dailyActiveRate").asDouble()).isEqualTo(1.0);
	}

	@Test
	void withoutLicensedSeatsRatesAreAbsentNotZero() {
		UUID account = account(0, "PERIODIC", LocalDate.now().minusDays(10));
		LocalDate day = LocalDate.now().minusDays(1);
		sendOk(List.of(event(account, "a", "LOGIN", at(day, 9))));
		JsonNode m = get("/api/v1/accounts/" + account + "/adoption?asOf=" + day).body();
		assertThat(m.get("activatedUsers").asInt()).isEqualTo(1);
		assertThat(m.has("activationRate")).isFalse();
		assertThat(m.has("weeklyActiveRate")).isFalse();
		assertThat(m.get("weeklyActiveUsers").asInt()).isEqualTo(1);
		// Periodic use: the key users were active within the last 30 days.
		assertThat(m.get("thresholds").get("checks").get(0).get("metric").asString()).isEqualTo("keyUsersActive");
		assertThat(m.get("thresholds").get("met").asBoolean()).isTrue();
	}

	@Test
	void unknownAccountIs404AndBadDateIs400() {
		assertProblem(get("/api/v1/accounts/" + UUID.randomUUID() + "/adoption"), 404, null);
		assertProblem(get("/api/v1/accounts/" + UUID.randomUUID() + "/adoption?asOf=soon"), 400, "asOf");
	}
}
