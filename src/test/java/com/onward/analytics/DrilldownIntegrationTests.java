package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The rows behind each figure are the rows the figure was computed from. */
class DrilldownIntegrationTests extends IntegrationTest {

	private static final String WINDOW = "from=2004-01-01&to=2004-12-31";

	@Autowired
	OnboardingMetrics metrics;

	@Autowired
	Retention retention;

	@Test
	void theRowsBehindAFigureAreTheOnesItCounts() throws Exception {
		String p = unique("drill");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "2004")).status())
			.isEqualTo(200);

		JsonNode smb = get("/api/v1/analytics/members?table=time-to-value&groupBy=segment&key=SMB&" + WINDOW).body();
		assertThat(smb.get("count").asInt()).isEqualTo(5);
		List<String> days = new ArrayList<>();
		smb.get("members").forEach(m -> days.add(m.has("days") ? m.get("days").asString() : "never"));
		assertThat(days).containsExactly("10", "20", "30", "60", "never");
		assertThat(smb.get("members").get(0).get("accountName").asString()).isEqualTo("Small One");

		JsonNode all = get("/api/v1/analytics/members?table=time-to-go-live&groupBy=cohort&" + WINDOW).body();
		assertThat(all.get("count").asInt()).as("no key: every group").isEqualTo(8);

		JsonNode fast = get("/api/v1/analytics/members?table=retention&by=ttv&key=LE_30&" + WINDOW).body();
		assertThat(fast.get("members").findValuesAsString("outcome")).containsExactly("RENEWED", "EXPANDED", "CHURNED");
		JsonNode mid = get("/api/v1/analytics/members?table=retention&by=ttv&key=D31_90&" + WINDOW).body();
		assertThat(mid.get("members").findValuesAsString("outcome")).containsExactlyInAnyOrder("RENEWED", "RENEWED", "UNKNOWN");
		// Every bucket of the report: as many rows as accounts.
		for (Retention.Bucket b : retention.report(Retention.By.COHORT, java.time.LocalDate.of(2004, 1, 1),
				java.time.LocalDate.of(2004, 12, 31)).buckets()) {
			assertThat(get("/api/v1/analytics/members?table=retention&by=cohort&key=" + b.key() + "&" + WINDOW).body()
				.get("count").asLong()).as(b.key()).isEqualTo(b.accounts());
		}

		// Onboarding metrics: summed over the rows, numerators and denominators are the metric's own.
		for (OnboardingMetrics.Metric m : metrics.compute(null, null).metrics()) {
			JsonNode rows = get("/api/v1/analytics/members?table=onboarding&metric=" + m.name()).body().get("members");
			long num = 0, den = 0;
			for (JsonNode r : rows) {
				num += r.get("numerator").asLong();
				den += r.get("denominator").asLong();
			}
			assertThat(new long[] { num, den }).as(m.name().name()).containsExactly(m.numerator(), m.denominator());
		}

		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/v1/analytics/members?table=time-to-value&groupBy=segment&key=SMB&" + WINDOW))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Accept", "text/csv").GET().build();
		HttpResponse<String> csv = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("accountId,accountName,projectId,signedOn,days");
		assertThat(csv.body().lines().count()).isEqualTo(6);

		assertProblem(get("/api/v1/analytics/members?table=planets"), 400, "table");
		assertProblem(get("/api/v1/analytics/members?table=onboarding&metric=HAPPINESS"), 400, "metric");
	}

	@Test
	void theCohortHeatMapHoldsTheSameAccountsAsTheReportByTimeToValue() {
		String p = unique("heat");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "2009")).status())
			.isEqualTo(200);
		JsonNode matrix = get("/api/v1/analytics/retention/cohorts?from=2009-01-01&to=2009-12-31").body();
		assertThat(matrix.get("cohorts").values().stream().map(JsonNode::asString).toList()).containsExactly("2009-Q1", "2009-Q2");
		JsonNode q1Fast = null;
		long total = 0;
		for (JsonNode c : matrix.get("cells")) {
			total += c.get("accounts").asLong();
			if (c.get("cohort").asString().equals("2009-Q1") && c.get("bucket").asString().equals("LE_30")) q1Fast = c;
		}
		assertThat(total).isEqualTo(8);
		assertThat(q1Fast.get("accounts").asInt()).isEqualTo(3); // 10, 20 and 30 days, all signed in Q1
		assertThat(q1Fast.get("renewed").asInt()).isEqualTo(2);
		assertThat(q1Fast.get("churned").asInt()).isEqualTo(1);
		assertThat(q1Fast.get("retentionRate").asDouble()).isEqualTo(0.6667);
		assertThat(q1Fast.get("low95").asDouble()).isEqualTo(0.21);
	}
}
