package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

import tools.jackson.databind.JsonNode;

/**
 * The analytics forms and pages over plain HTTP with a staff session: the renewal form and the
 * history upload name each wrong field in the user's language and store nothing; the rows behind
 * a figure are listed with links to their accounts; the heat map, the factors of fast onboardings
 * and the ROI's years are on their pages.
 */
class AnalyticsUiIntegrationTests extends IntegrationTest {

	@Autowired
	Users users;

	HttpClient signIn() throws Exception {
		if (users.find("anl-editor").isEmpty()) users.create("anl-editor", "Analytics Editor", null, StaffRole.ADMIN, "anl-editor-pass");
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=anl-editor&password=anl-editor-pass&_csrf=" + enc(csrf(login))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		return client;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	String page(HttpClient client, String path) throws Exception {
		HttpResponse<String> r = client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(path).isEqualTo(200);
		return r.body();
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF field").isTrue();
		return m.group(1);
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Test
	void theRenewalFormNamesEachWrongFieldInTheUsersLanguageAndStoresNothing() throws Exception {
		String account = post("/api/v1/contracts", contract(unique("rf"), "2025-06-01T09:00:00Z", 40, 8000, "en")).body()
			.get("accountId").asString();
		HttpClient client = signIn();
		String form = page(client, "/accounts/" + account + "?lang=id");
		assertThat(form).contains("id=\"renewal-form\"").contains("Catat perpanjangan");
		HttpResponse<String> bad = client.send(request("/accounts/" + account + "/renewals")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(form)) + "&date=31-05-2026&outcome=LEFT&acvAfter=-5"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(bad.statusCode()).isEqualTo(302);
		String shown = page(client, "/accounts/" + account + "?lang=id");
		assertThat(shown).contains("id=\"renewal-date-error\"").contains("Isi tanggal seperti 2027-03-01.")
			.contains("id=\"renewal-outcome-error\"").contains("Pilih salah satu hasil dalam daftar.")
			.contains("id=\"renewal-acv-error\"").contains("Isi jumlah nol atau lebih")
			.contains("aria-invalid=\"true\"").contains("value=\"31-05-2026\"");
		assertThat(get("/api/v1/accounts/" + account + "/renewals").body()).as("nothing stored").isEmpty();

		String again = page(client, "/accounts/" + account + "?lang=ms");
		client.send(request("/accounts/" + account + "/renewals").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(again)) + "&date=&outcome=")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page(client, "/accounts/" + account + "?lang=ms")).contains("Masukkan tarikh pembaharuan.")
			.contains("Pilih keputusan.").doesNotContain("id=\"renewal-acv-error\"");

		String ok = page(client, "/accounts/" + account + "?lang=en");
		client.send(request("/accounts/" + account + "/renewals").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf(ok)) + "&date=2026-06-01&outcome=EXPANDED&acvAfter=9500")).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode stored = get("/api/v1/accounts/" + account + "/renewals").body();
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).get("outcome").asString()).isEqualTo("EXPANDED");
		assertThat(stored.get(0).get("acvAfter").get("amount").asDouble()).isEqualTo(9500.0);
		assertThat(stored.get(0).get("source").asString()).isEqualTo("UI");
		assertThat(page(client, "/accounts/" + account + "?lang=en")).contains("Renewal recorded.").contains("Expanded");
	}

	@Test
	void theHistoryUploadNamesRowColumnAndProblemInTheUsersLanguageAndImportsNothing() throws Exception {
		HttpClient client = signIn();
		String form = page(client, "/analytics/history?lang=ms");
		String p = unique("up");
		String csv = "externalId,name,employees,acvAmount,acvCurrency,productType,signedDate,firstValueDate,renewalDate,renewalOutcome\n"
				+ p + "-a,Good,20,5000,USD,DAILY,2015-06-01,2015-06-20,2016-06-01,RENEWED\n"
				+ p + "-b,Bad,20,5000,USD,DAILY,2015-06-02,2015-06-21,2016-06-02,RENEW\n";
		String html = upload(client, csrf(form), csv);
		assertThat(html).contains("id=\"history-rejected\"").contains("Tiada apa-apa diimport")
			.contains("<td>3</td>").contains("renewalOutcome")
			.contains("&#39;RENEW&#39; bukan salah satu daripada RENEWED, EXPANDED, CONTRACTED, CHURNED.");
		assertThat(get("/api/v1/accounts?q=" + p + "-a").body().get("total").asInt()).as("nothing imported").isZero();

		String good = upload(client, csrf(html), csv.replace(",RENEW\n", ",CHURNED\n"));
		assertThat(good).contains("id=\"history-done\"");
		assertThat(get("/api/v1/accounts?q=" + p + "-a").body().get("total").asInt()).isEqualTo(1);
		assertThat(get("/api/v1/accounts?q=" + p + "-b").body().get("total").asInt()).isEqualTo(1);
	}

	private String upload(HttpClient client, String csrf, String csv) throws Exception {
		String boundary = "----onward" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"history.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> r = client.send(request("/analytics/history")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		return r.body();
	}

	@Test
	void figuresLinkToTheRowsBehindThemAndTheNewViewsAreOnTheirPages() throws Exception {
		String p = unique("link");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "2010")).status())
			.isEqualTo(200);
		HttpClient client = signIn();
		String analytics = page(client, "/analytics?from=2010-01-01&to=2010-12-31&lang=id");
		assertThat(analytics).contains("/analytics/members?table=retention&amp;by=ttv&amp;key=LE_30")
			.contains("id=\"heatmap-table\"").contains("id=\"heatmap-chart\"").contains("2010-Q1")
			.contains("/analytics/members?table=onboarding&amp;metric=CSAT");
		String members = page(client, "/analytics/members?table=retention&by=ttv&key=LE_30&from=2010-01-01&to=2010-12-31&lang=en");
		String smallOne = get("/api/v1/accounts?q=" + p + "-s1").body().get("items").get(0).get("id").asString();
		assertThat(members).contains("href=\"/accounts/" + smallOne + "\"").contains("Small One").contains("Small Two")
			.contains("Small Three").doesNotContain("Small Four").contains("Churned");
		assertThat(page(client, "/analytics/review?lang=ms")).contains("id=\"factor-table\"");
		assertThat(page(client, "/planning?lang=en")).contains("id=\"roi-years\"").contains("Cumulative ROI");
		assertThat(page(client, "/analytics/history?lang=id")).contains("Impor pelanggan lama");
	}

	/**
	 * The page's content is rendered once per set of held answers and reused: a renewal recorded
	 * between two views shows at the second, each language keeps its own words, and the shared content
	 * carries nothing of the person asking (no CSRF token). Signed in 2003, a window no other test uses.
	 */
	@Test
	void theRenderedContentShowsAChangeAtTheNextView() throws Exception {
		String p = unique("render");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "2003")).status())
			.isEqualTo(200);
		HttpClient client = signIn();
		String path = "/analytics?from=2003-01-01&to=2003-12-31&lang=en";
		// Value within 30 days: Small One renewed, Small Two expanded, Small Three churned (due 3, renewed 2, churned 1).
		String before = page(client, path);
		assertThat(fastRow(before)).contains("<td class=\"right\">3</td><td class=\"right\">2</td><td class=\"right\">1</td>");
		assertThat(main(page(client, path))).as("shown again while nothing changed").isEqualTo(main(before));
		assertThat(main(before)).contains("Customer feedback").doesNotContain("_csrf");
		assertThat(main(page(client, path.replace("lang=en", "lang=id")))).contains("Umpan balik pelanggan")
			.doesNotContain("Customer feedback");

		// An earlier renewal of Small One, churned: it is now its first, and the next view counts it.
		String smallOne = get("/api/v1/accounts?q=" + p + "-s1").body().get("items").get(0).get("id").asString();
		Response churned = post("/api/v1/accounts/" + smallOne + "/renewals", Map.of("date", "2003-12-01", "outcome", "CHURNED"));
		assertThat(churned.status()).as(churned.raw()).isEqualTo(201);
		assertThat(fastRow(page(client, path)))
			.contains("<td class=\"right\">3</td><td class=\"right\">1</td><td class=\"right\">2</td>");
	}

	/** The page between its top bar and its end. */
	private static String main(String html) {
		return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
	}

	/** The retention table's row of value within 30 days, without the white space between its cells. */
	private static String fastRow(String html) {
		String table = html.substring(html.indexOf("id=\"retention-table\""));
		table = table.substring(0, table.indexOf("</table>"));
		for (String row : table.split("<tr")) {
			if (row.contains("key=LE_30")) return row.replaceAll(">\\s+<", "><");
		}
		throw new AssertionError("no row of value within 30 days in " + table);
	}
}
