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
 * gives, an answer is computed once while nothing changes, a committed change (a renewal, an
 * override, an import) is visible at the next question, and a change retires only the answers
 * computed from what it changed. The contract of the last test is signed in 2006, a window no other
 * test uses.
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
		long generation = cache.generation(AnalyticsCache.Input.RENEWALS);
		Response renewal = post("/api/v1/accounts/" + account.get("id").asString() + "/renewals",
				Map.of("date", "2012-12-01", "outcome", "CHURNED"));
		assertThat(renewal.status()).as(renewal.raw()).isEqualTo(201);
		assertThat(cache.generation(AnalyticsCache.Input.RENEWALS)).as("the renewal retired the retention answers")
			.isGreaterThan(generation);
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

	@Test
	void aChangeRetiresOnlyTheAnswersComputedFromWhatChanged() {
		Response signed = post("/api/v1/contracts", contract(unique("kinds"), "2006-02-01T09:00:00Z", 40, 8000, "en"));
		assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
		String project = signed.body().get("projectId").asString();
		String account = signed.body().get("accountId").asString();
		LocalDate day = LocalDate.of(2006, 2, 1), today = LocalDate.now(clock);
		var metric = TimeToValue.Metric.FIRST_VALUE;
		var segment = TimeToValue.GroupBy.SEGMENT;
		TimeToValue.Report ttvFirst = ttv.report(metric, segment, day, day);
		Retention.Report retentionFirst = retention.report(Retention.By.TTV, day, day);
		OnboardingMetrics.Report metricsFirst = metrics.report(day, day);
		assertThat(ttvFirst.overall().count()).isEqualTo(1);
		assertThat(ttvFirst.overall().achieved()).isZero();
		assertThat(retentionFirst.buckets().stream().mapToLong(Retention.Bucket::renewed).sum()).isZero();

		// A renewal: retention counts it at once; time to value is still the held answer.
		Response renewal = post("/api/v1/accounts/" + account + "/renewals", Map.of("date", "2007-02-01", "outcome", "RENEWED"));
		assertThat(renewal.status()).as(renewal.raw()).isEqualTo(201);
		Retention.Report retentionAfter = retention.report(Retention.By.TTV, day, day);
		assertThat(retentionAfter).isNotSameAs(retentionFirst)
			.isEqualTo(retention.compute(Retention.By.TTV, day, day, today));
		assertThat(retentionAfter.buckets().stream().mapToLong(Retention.Bucket::renewed).sum()).isEqualTo(1);
		assertThat(ttv.report(metric, segment, day, day)).as("a renewal is not an input of time to value").isSameAs(ttvFirst);

		// A first value set by hand: time to value, retention and the onboarding metrics are computed afresh.
		Response overridden = call("PUT", "/api/v1/projects/" + project + "/first-value", Map.of("date", "2006-02-11"));
		assertThat(overridden.status()).as(overridden.raw()).isEqualTo(200);
		TimeToValue.Report ttvAfter = ttv.report(metric, segment, day, day);
		assertThat(ttvAfter).isNotSameAs(ttvFirst).isEqualTo(ttv.compute(metric, segment, day, day));
		assertThat(ttvAfter.overall().achieved()).isEqualTo(1);
		assertThat(ttvAfter.overall().medianDays()).isEqualTo(10.0);
		assertThat(retention.report(Retention.By.TTV, day, day)).isNotSameAs(retentionAfter);
		assertThat(metrics.report(day, day)).isNotSameAs(metricsFirst);
	}
}
