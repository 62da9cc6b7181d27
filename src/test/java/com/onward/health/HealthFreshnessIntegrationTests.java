package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * The health score is never stale without saying so: a new criterion, a measurement or a plan item
 * that changes marks the account for rescoring (the refresh job picks it up within a minute), and
 * until then the health page and the account's health card say "updating". Explanations never show
 * a missing number.
 */
class HealthFreshnessIntegrationTests extends IntegrationTest {

	@Autowired
	Health health;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void changesThatAffectTheScoreMarkItUpdatingUntilTheRefreshRescoresIt() throws Exception {
		var signed = post("/api/v1/contracts", contract(unique("fresh"), "2026-11-01T09:00:00Z", 300, 20_000, "id")).body();
		String projectId = signed.get("projectId").asString(), accountId = signed.get("accountId").asString();
		// Signing's asynchronous listeners (plan, team, contacts) can mark the new account again after a first refresh
		// (CI saw it once): refreshed until they are done.
		await(() -> {
			health.refreshStale();
			return !stale(accountId);
		});
		HttpClient staff = signIn();
		String page = page(staff, "/accounts/" + accountId + "/health?lang=id");
		assertThat(page).doesNotContain("id=\"health-updating\"").contains("Belum ada kriteria keberhasilan");
		// No contact date recorded yet: the sentence says so instead of "kontak terakhir - hari lalu".
		assertThat(page).doesNotContain("terakhir - hari").doesNotContain("terakhir — hari");

		// A success criterion: marked for rescoring, and the page says the score is updating.
		String criterion = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Penagihan", "kpi",
				"Waktu faktur", "unit", "h", "kind", "QUANTITATIVE", "baseline", 60, "target", 30)).body().get("id").asString();
		await(() -> stale(accountId));
		page = page(staff, "/accounts/" + accountId + "/health?lang=id");
		assertThat(page).contains("id=\"health-updating\"", "Sedang diperbarui", "skor diperbarui dalam satu menit");
		assertThat(page(staff, "/accounts/" + accountId + "/health/summary?lang=ms")).contains("Sedang dikemas kini");

		// The refresh job rescores it: the criterion is in the score and "updating" is gone.
		assertThat(health.refreshStale()).isGreaterThanOrEqualTo(1);
		page = page(staff, "/accounts/" + accountId + "/health?lang=id");
		assertThat(page).doesNotContain("id=\"health-updating\"").doesNotContain("Belum ada kriteria keberhasilan");

		// A measurement, then a plan item's status: each marks it again.
		post("/api/v1/success-criteria/" + criterion + "/measurements", Map.of("value", 45, "measuredOn", "2026-11-20"));
		await(() -> stale(accountId));
		health.refreshStale();
		assertThat(stale(accountId)).isFalse();
		String itemId = get("/api/v1/projects/" + projectId).body().get("phases").get(0).get("items").get(0).get("id").asString();
		assertThat(call("PATCH", "/api/v1/projects/" + projectId + "/items/" + itemId, Map.of("status", "IN_PROGRESS")).status())
			.isEqualTo(200);
		await(() -> stale(accountId));

		// "Recompute now" also clears the mark.
		health.recompute(java.util.List.of(UUID.fromString(accountId)));
		assertThat(stale(accountId)).isFalse();
	}

	@Test
	void aRefreshIsOnePassEvenWhileUsageKeepsMarkingTheSameAccounts() throws Exception {
		UUID first = UUID.fromString(post("/api/v1/contracts", contract(unique("pass"), "2026-11-02T09:00:00Z", 30, 5_000, "en"))
			.body().get("accountId").asString());
		UUID busy = UUID.fromString(post("/api/v1/contracts", contract(unique("pass"), "2026-11-02T09:00:00Z", 30, 5_000, "en"))
			.body().get("accountId").asString());
		health.refreshStale(); // what other tests left marked
		// A customer sending usage all the time: its account is marked again the moment its mark is taken
		// or cleared (a trigger stands in for the ingestion).
		jdbc.sql("""
				create function test_usage_marks_again() returns trigger language plpgsql as $$
				begin
				  insert into health_stale (account_id, since) values (old.account_id, now()) on conflict do nothing;
				  return null;
				end $$""").update();
		jdbc.sql("create trigger test_usage_marks_again after delete on health_stale for each row when (old.account_id = '"
				+ busy + "') execute function test_usage_marks_again()").update();
		try {
			health.markStale(java.util.List.of(first, busy));
			int rescored = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
					() -> health.refreshStale(), "a refresh that rescores until nothing is marked never ends here");
			assertThat(rescored).isGreaterThanOrEqualTo(2);
			assertThat(stale(first.toString())).isFalse();
			// The mark made meanwhile is the next run's work.
			assertThat(stale(busy.toString())).isTrue();
		}
		finally {
			jdbc.sql("drop trigger test_usage_marks_again on health_stale").update();
			jdbc.sql("drop function test_usage_marks_again()").update();
		}
		health.refreshStale();
		assertThat(stale(busy.toString())).isFalse();
	}

	private boolean stale(String accountId) {
		return jdbc.sql("select count(*) from health_stale where account_id = :a").param("a", UUID.fromString(accountId))
			.query(Long.class).single() > 0;
	}

	private String page(HttpClient client, String path) throws IOException, InterruptedException {
		HttpResponse<String> r = client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(path).isEqualTo(200);
		return r.body();
	}

	private HttpClient signIn() throws IOException, InterruptedException {
		if (users.find("fresh-csm").isEmpty()) users.create("fresh-csm", "Fresh CSM", null, StaffRole.CSM, "fresh-csm-pass-1");
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(m.find()).isTrue();
		String form = "username=fresh-csm&password=fresh-csm-pass-1&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		return client;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}
}
