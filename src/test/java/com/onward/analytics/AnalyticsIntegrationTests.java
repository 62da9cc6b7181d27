package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * ANL-1 and ANL-3 on a known data set: past customers imported by CSV, signed in 2016 (a window
 * no other test uses), with known first value days and renewal outcomes → exact medians,
 * quartiles, ratings, bucket counts, rates and Wilson intervals.
 */
public class AnalyticsIntegrationTests extends IntegrationTest {

	private static final String HEADER = "externalId,name,employees,acvAmount,acvCurrency,productType,signedDate,goLiveDate,firstValueDate,renewalDate,renewalOutcome,acvAfter\n";

	private static final String WINDOW = "from=2016-01-01&to=2016-12-31";

	static String knownHistory(String p) {
		return knownHistoryIn(p, "2016");
	}

	/** The known data set with its dates moved to another year (2016 is a leap year, so keep to February's 29th). */
	public static String knownHistoryIn(String p, String year) {
		return (HEADER
				// SMB (ACV 5,000): first value after 10, 20, 30, 60 days and never.
				+ p + "-s1,Small One,20,5000,USD,DAILY,2016-01-10,2016-01-15,2016-01-20,2017-01-10,RENEWED,5000\n"
				+ p + "-s2,Small Two,20,5000,USD,DAILY,2016-01-15,,2016-02-04,2017-01-15,EXPANDED,7000\n"
				+ p + "-s3,Small Three,20,5000,USD,WEEKLY,2016-02-01,,2016-03-02,2017-02-01,CHURNED,\n"
				+ p + "-s4,Small Four,20,5000,USD,DAILY,2016-02-10,,2016-04-10,2017-02-10,RENEWED,5000\n"
				+ p + "-s5,Small Five,20,5000,USD,DAILY,2016-03-01,,,2017-03-01,CHURNED,\n"
				// Mid-market (ACV 20,000): 40, 40 (a tie) and 100 days; one renewal still unknown.
				+ p + "-m1,Mid One,300,20000,USD,DAILY,2016-04-01,2016-05-01,2016-05-11,2017-04-01,RENEWED,20000\n"
				+ p + "-m2,Mid Two,300,20000,USD,DAILY,2016-04-15,2016-05-20,2016-05-25,,,\n"
				+ p + "-m3,Mid Three,300,20000,USD,DAILY,2016-05-01,,2016-08-09,2017-05-01,RENEWED,20000\n"
				+ p + "-m3,,,,,,2016-05-01,,,2018-05-01,CHURNED,\n")
			.replace("2016-", year + "-").replace("2017-", (Integer.parseInt(year) + 1) + "-")
			.replace("2018-", (Integer.parseInt(year) + 2) + "-");
	}

	@Test
	void timeToValueAndRetentionOnAKnownDataSet() {
		Response imported = callCsv("/api/v1/imports/history", knownHistory(unique("hist")));
		assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
		assertThat(imported.body().get("customers").asInt()).isEqualTo(8);
		assertThat(imported.body().get("renewals").asInt()).isEqualTo(8);

		JsonNode groups = get("/api/v1/analytics/time-to-value?groupBy=segment&" + WINDOW).body().get("groups");
		assertThat(groups.findValuesAsString("key")).containsExactly("MID_MARKET", "SMB");
		JsonNode mid = groups.get(0);
		assertThat(mid.get("count").asInt()).isEqualTo(3);
		assertThat(mid.get("achieved").asInt()).isEqualTo(3);
		assertThat(mid.get("medianDays").asDouble()).isEqualTo(40.0);
		assertThat(mid.get("p25Days").asDouble()).isEqualTo(40.0);
		assertThat(mid.get("p75Days").asDouble()).isEqualTo(70.0);
		assertThat(mid.get("rating").asString()).isEqualTo("WORLD_CLASS"); // ≤ 45 days mid-market
		JsonNode smb = groups.get(1);
		assertThat(smb.get("count").asInt()).isEqualTo(5);
		assertThat(smb.get("achieved").asInt()).isEqualTo(4);
		assertThat(smb.get("medianDays").asDouble()).as("the mean of the middle two, 20 and 30").isEqualTo(25.0);
		assertThat(smb.get("p25Days").asDouble()).isEqualTo(17.5);
		assertThat(smb.get("p75Days").asDouble()).isEqualTo(37.5);
		assertThat(smb.get("rating").asString()).as("over 21, up to 45 days for SMB").isEqualTo("GOOD");
		assertThat(smb.get("histogram").findValuesAsString("label")).startsWith("0-7", "8-14", "15-21", "22-30");
		assertThat(smb.get("histogram").findValues("count").stream().map(JsonNode::asInt).toList())
			.containsExactly(0, 1, 1, 1, 0, 1, 0, 0, 0);

		JsonNode cohorts = get("/api/v1/analytics/time-to-value?groupBy=cohort&" + WINDOW).body().get("groups");
		assertThat(cohorts.findValuesAsString("key")).containsExactly("2016-01", "2016-02", "2016-03", "2016-04", "2016-05");
		assertThat(cohorts.get(0).get("medianDays").asDouble()).isEqualTo(15.0);
		assertThat(cohorts.get(2).has("medianDays")).as("no first value in March").isFalse();
		assertThat(cohorts.get(2).has("rating")).isFalse();

		JsonNode goLive = get("/api/v1/analytics/time-to-go-live?groupBy=segment&" + WINDOW).body().get("groups");
		assertThat(goLive.get(0).get("achieved").asInt()).isEqualTo(2);
		assertThat(goLive.get(0).get("medianDays").asDouble()).isEqualTo(32.5); // 30 and 35
		assertThat(goLive.get(1).get("medianDays").asDouble()).isEqualTo(5.0);

		Map<String, JsonNode> buckets = buckets("/api/v1/analytics/retention?by=ttv&" + WINDOW);
		assertThat(buckets.keySet()).containsExactly("LE_30", "D31_90", "GT_90", "NEVER");
		JsonNode fast = buckets.get("LE_30"); // 10 renewed, 20 expanded, 30 churned
		assertThat(List.of(fast.get("accounts").asInt(), fast.get("renewalsDue").asInt(), fast.get("renewed").asInt(),
				fast.get("churned").asInt(), fast.get("unknown").asInt())).containsExactly(3, 3, 2, 1, 0);
		assertThat(fast.get("retentionRate").asDouble()).isEqualTo(0.6667);
		assertThat(fast.get("low95").asDouble()).isEqualTo(0.21);
		assertThat(fast.get("high95").asDouble()).isEqualTo(0.94);
		assertThat(fast.get("expansionRate").asDouble()).isEqualTo(0.3333);
		assertThat(fast.get("benchmark").asString()).isEqualTo("95%+");
		JsonNode mid31 = buckets.get("D31_90"); // 60 and 40 renewed, 40 unknown
		assertThat(List.of(mid31.get("accounts").asInt(), mid31.get("renewalsDue").asInt(), mid31.get("renewed").asInt(),
				mid31.get("churned").asInt(), mid31.get("unknown").asInt())).containsExactly(3, 3, 2, 0, 1);
		assertThat(mid31.get("retentionRate").asDouble()).isEqualTo(1.0);
		assertThat(mid31.get("low95").asDouble()).isEqualTo(0.34);
		assertThat(mid31.get("high95").asDouble()).isEqualTo(1.0);
		JsonNode slow = buckets.get("GT_90"); // the first renewal counts: renewed, churned a year later
		assertThat(slow.get("renewed").asInt()).isEqualTo(1);
		assertThat(slow.get("low95").asDouble()).isEqualTo(0.21);
		JsonNode never = buckets.get("NEVER");
		assertThat(never.get("accounts").asInt()).isEqualTo(1);
		assertThat(never.get("retentionRate").asDouble()).isZero();
		assertThat(never.get("high95").asDouble()).isEqualTo(0.79);

		Map<String, JsonNode> quarters = buckets("/api/v1/analytics/retention?by=cohort&" + WINDOW);
		assertThat(quarters.keySet()).containsExactly("2016-Q1", "2016-Q2");
		assertThat(quarters.get("2016-Q1").get("renewed").asInt()).isEqualTo(3);
		assertThat(quarters.get("2016-Q1").get("churned").asInt()).isEqualTo(2);
		assertThat(quarters.get("2016-Q1").get("retentionRate").asDouble()).isEqualTo(0.6);
	}

	@Test
	void aBucketWithNoRenewalsDueHasNoRate() {
		JsonNode body = get("/api/v1/analytics/retention?by=ttv&from=1990-01-01&to=1990-12-31").body();
		assertThat(body.get("buckets")).hasSize(4);
		for (JsonNode b : body.get("buckets")) {
			assertThat(b.get("accounts").asInt()).isZero();
			assertThat(b.has("retentionRate")).isFalse();
			assertThat(b.has("low95")).isFalse();
		}
		assertThat(get("/api/v1/analytics/time-to-value?groupBy=csm&from=1990-01-01&to=1990-12-31").body().get("groups"))
			.isEmpty();
	}

	@Test
	void aBadRowImportsNothingAndIsNamed() {
		String p = unique("bad");
		String csv = HEADER + p + "-a,Good One,20,5000,USD,DAILY,2016-06-01,,2016-06-20,2017-06-01,RENEWED,5000\n"
				+ p + "-b,Bad Two,20,5000,USD,DAILY,2016-06-02,,2016-06-21,2017-06-02,RENEW,5000\n";
		Response r = callCsv("/api/v1/imports/history", csv);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().get("imported").asBoolean()).isFalse();
		JsonNode error = r.body().get("errors").get(0);
		assertThat(error.get("row").asInt()).isEqualTo(3);
		assertThat(error.get("column").asString()).isEqualTo("renewalOutcome");
		assertThat(get("/api/v1/accounts?q=" + p + "-a").body().get("total").asInt()).as("nothing stored").isZero();

		Response early = callCsv("/api/v1/imports/history",
				HEADER + p + "-c,Early,20,5000,USD,DAILY,2016-06-01,,2016-05-20,,,\n");
		assertThat(early.status()).isEqualTo(400);
		assertThat(early.body().get("errors").get(0).get("column").asString()).isEqualTo("firstValueDate");
	}

	@Test
	void tablesAreServedAsCsvAndBadGroupingsAreNamed() throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/v1/analytics/retention?by=ttv&" + WINDOW)).header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Accept", "text/csv").GET().build();
		HttpResponse<String> csv = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("key,accounts,renewalsDue,renewed,churned");
		assertThat(csv.body().lines().count()).isEqualTo(5);
		assertProblem(get("/api/v1/analytics/time-to-value?groupBy=planet"), 400, "groupBy");
		assertProblem(get("/api/v1/analytics/retention?by=planet"), 400, "by");
	}

	@Test
	void onboardingMetricsCarryNumeratorsAndDenominators() {
		JsonNode metrics = get("/api/v1/analytics/onboarding").body().get("metrics");
		assertThat(metrics.findValuesAsString("name")).contains("COMPLETION_RATE", "ACTIVATION_RATE",
				"TRAINING_COMPLETION_RATE", "CSAT", "NPS", "DAYS_SALE_TO_KICKOFF", "HOMEWORK_COMPLETION_RATE",
				"STAKEHOLDER_PARTICIPATION");
		for (JsonNode m : metrics) {
			if (m.get("name").asString().endsWith("_RATE")) {
				assertThat(m.get("numerator").asLong()).isLessThanOrEqualTo(m.get("denominator").asLong());
				if (m.get("denominator").asLong() > 0) {
					assertThat(m.get("value").asDouble()).isEqualTo(
							Math.round(10000.0 * m.get("numerator").asLong() / m.get("denominator").asLong()) / 10000.0);
				}
			}
		}
	}

	private Map<String, JsonNode> buckets(String path) {
		Response r = get(path);
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		var out = new java.util.LinkedHashMap<String, JsonNode>();
		r.body().get("buckets").forEach(b -> out.put(b.get("key").asString(), b));
		return out;
	}
}
