package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The answers cache behind the analytics: what it serves is exactly what a direct computation
 * gives, an answer is computed once while nothing changes, and a committed change (a renewal, an
 * override, an import) is visible at the next question.
 */
class AnalyticsCacheIntegrationTests extends IntegrationTest {

	@Autowired
	TimeToValue ttv;

	@Autowired
	Retention retention;

	@Autowired
	OnboardingMetrics metrics;

	@Autowired
	Reviews reviews;

	@Autowired
	AnalyticsCache cache;

	@Autowired
	java.time.Clock clock;

	private static final LocalDate FROM = LocalDate.of(2012, 1, 1), TO = LocalDate.of(2012, 12, 31);

	@Test
	void cachedAnswersAreTheDirectComputation() {
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(unique("cache"), "2008"))
			.status()).isEqualTo(200);
		LocalDate today = LocalDate.now(clock);
		for (LocalDate[] window : new LocalDate[][] { { null, null }, { FROM, TO } }) {
			for (TimeToValue.Metric m : TimeToValue.Metric.values()) {
				for (TimeToValue.GroupBy g : TimeToValue.GroupBy.values()) {
					assertThat(ttv.report(m, g, window[0], window[1])).isEqualTo(ttv.compute(m, g, window[0], window[1]));
				}
			}
			for (Retention.By by : Retention.By.values()) {
				assertThat(retention.report(by, window[0], window[1]))
					.isEqualTo(retention.compute(by, window[0], window[1], today));
			}
			assertThat(metrics.report(window[0], window[1])).isEqualTo(metrics.compute(window[0], window[1]));
		}
		assertThat(reviews.fastVsSlow()).isEqualTo(reviews.computeFastVsSlow(today));
		assertThat(reviews.month(java.time.YearMonth.of(2012, 3))).isEqualTo(reviews.computeMonth(java.time.YearMonth.of(2012, 3)));
	}

	@Test
	void anAnswerIsComputedOnceUntilAChangeIsCommitted() {
		String p = unique("once");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "2012")).status())
			.isEqualTo(200);
		LocalDate from = LocalDate.of(2012, 1, 1), to = LocalDate.of(2012, 1, 31); // s1 and s2 only
		Retention.Report first = retention.report(Retention.By.TTV, from, to);
		assertThat(retention.report(Retention.By.TTV, from, to)).as("served from memory").isSameAs(first);
		TimeToValue.Report ttvFirst = ttv.report(TimeToValue.Metric.FIRST_VALUE, TimeToValue.GroupBy.SEGMENT, from, to);
		assertThat(ttv.report(TimeToValue.Metric.FIRST_VALUE, TimeToValue.GroupBy.SEGMENT, from, to)).isSameAs(ttvFirst);

		// A renewal recorded through the API: the next answer counts it, and equals the direct computation.
		JsonNode account = get("/api/v1/accounts?q=" + p + "-s1").body().get("items").get(0);
		long generation = cache.generation();
		Response renewal = post("/api/v1/accounts/" + account.get("id").asString() + "/renewals",
				Map.of("date", "2012-12-01", "outcome", "CHURNED"));
		assertThat(renewal.status()).as(renewal.raw()).isEqualTo(201);
		assertThat(cache.generation()).as("the renewal retired the cached answers").isGreaterThan(generation);
		Retention.Report after = retention.report(Retention.By.TTV, from, to);
		assertThat(after).isNotSameAs(first)
			.isEqualTo(retention.compute(Retention.By.TTV, from, to, LocalDate.now(clock)));
		Retention.Bucket fastBefore = first.buckets().get(0), fastAfter = after.buckets().get(0);
		assertThat(fastBefore.key()).isEqualTo("LE_30");
		assertThat(fastBefore.churned()).isZero();
		assertThat(fastAfter.churned()).as("the earlier renewal is now the first one, and it churned").isEqualTo(1);

		// Over the API too (JSON and CSV are served from the same answer).
		JsonNode api = get("/api/v1/analytics/retention?by=ttv&from=2012-01-01&to=2012-01-31").body().get("buckets").get(0);
		assertThat(api.get("churned").asInt()).isEqualTo(1);
	}
}
