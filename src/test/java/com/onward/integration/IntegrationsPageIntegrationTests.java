package com.onward.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/** The admins' Integrations page and the tickets card, signed in over HTTP in the three languages. */
class IntegrationsPageIntegrationTests extends IntegrationTest {

	@Autowired
	Users users;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpClient signIn(String user, String password) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		String form = "username=" + user + "&password=" + password + "&_csrf=" + enc(csrf(login));
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF field").isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> submit(HttpClient client, String path, String form, boolean htmx) throws Exception {
		String page = client.send(request("/admin/integrations").build(), HttpResponse.BodyHandlers.ofString()).body();
		var b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf(page))));
		if (htmx) b.header("HX-Request", "true");
		return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void adminsManageConnectionsAndPreviewAContractInEveryLanguage() throws Exception {
		if (users.find("int-admin").isEmpty()) users.create("int-admin", "Integrations Admin", null, StaffRole.ADMIN, "int-admin-pass");
		if (users.find("int-viewer").isEmpty()) users.create("int-viewer", "Integrations Viewer", null, StaffRole.VIEWER, "int-viewer-pass");
		HttpClient admin = signIn("int-admin", "int-admin-pass");

		String name = "Hub " + System.nanoTime();
		HttpResponse<String> created = submit(admin, "/admin/integrations/crm", "name=" + enc(name) + "&preset=HUBSPOT", false);
		assertThat(created.statusCode()).isEqualTo(302);
		String page = admin.send(request("/admin/integrations").build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher secret = Pattern.compile("id=\"new-secret\">(crm_[^<]+)<").matcher(page);
		assertThat(secret.find()).as("the secret is shown once").isTrue();
		String again = admin.send(request("/admin/integrations").build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(again).doesNotContain(secret.group(1)).contains(name, "/properties/amount/value");

		String id = null;
		for (var c : get("/api/v1/admin/crm/connections").body()) {
			if (c.get("name").asString().equals(name)) id = c.get("id").asString();
		}
		assertThat(id).isNotNull();
		String mapping = json.writeValueAsString(Map.of("externalId", "/objectId", "signedAt", "/closed",
				"account.name", "/company", "account.employees", "=10", "account.acv.amount", "/amount",
				"account.acv.currency", "=USD", "account.productType", "=DAILY"));
		HttpResponse<String> preview = submit(admin, "/admin/integrations/crm/" + id + "/preview", "mapping=" + enc(mapping)
				+ "&payload=" + enc("{\"objectId\": 42, \"closed\": \"2026-03-01\", \"company\": \"<b>Acme</b>\"}"), true);
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("account.acv.amount", "/amount").doesNotContain("<html");
		HttpResponse<String> ok = submit(admin, "/admin/integrations/crm/" + id + "/preview", "mapping=" + enc(mapping)
				+ "&payload=" + enc("{\"objectId\": 42, \"closed\": \"2026-03-01\", \"company\": \"<b>Acme</b>\", \"amount\": 900}"), true);
		assertThat(ok.body()).contains("&lt;b&gt;Acme&lt;/b&gt;", "2026-03-01T00:00:00Z").doesNotContain("<b>Acme");

		String event = "Invoice Sent " + System.nanoTime();
		assertThat(submit(admin, "/admin/integrations/segment/mappings", "event=" + enc(event) + "&type=FEATURE_USED&feature=invoicing", false)
			.statusCode()).isEqualTo(302);
		assertThat(get("/api/v1/admin/segment/mappings").body().findValuesAsString("event")).contains(event);

		// A rejected Segment call is listed with its problem, escaped.
		String writeKey = post("/api/v1/admin/tokens", Map.of("name", unique("segment"), "scope", "INGEST")).body().get("token")
			.asString();
		String stranger = unique("<i>stranger</i>");
		HttpResponse<String> rejected = http.send(request("/api/v1/integrations/segment/v1/track")
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((writeKey + ":")
				.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("userId", stranger, "event", "Signed In"))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rejected.statusCode()).isEqualTo(400);

		for (String lang : List.of("en", "id", "ms")) {
			HttpResponse<String> r = admin.send(request("/admin/integrations?lang=" + lang).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(r.body()).as(lang).contains("id=\"crm\"", event).doesNotContain("??");
			String deliveries = r.body().substring(r.body().indexOf("id=\"segment-deliveries\""));
			deliveries = deliveries.substring(0, deliveries.indexOf("</table>"));
			assertThat(deliveries).as(lang).contains(">track<", ">400<", "userId",
					stranger.replace("<", "&lt;").replace(">", "&gt;")).doesNotContain(stranger);
		}
		assertThat(admin.send(request("/admin/integrations?lang=ms").build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains("Ditolak", "Panggilan");
		assertThat(admin.send(request("/admin/integrations?lang=id").build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains("Pemetaan nama event", "Webhook CRM");

		HttpClient viewer = signIn("int-viewer", "int-viewer-pass");
		assertThat(viewer.send(request("/admin/integrations").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theAccountPageShowsItsTickets() throws Exception {
		if (users.find("int-admin").isEmpty()) users.create("int-admin", "Integrations Admin", null, StaffRole.ADMIN, "int-admin-pass");
		String account = post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 40, 5_000, "en")).body()
			.get("accountId").asString();
		assertThat(post("/api/v1/tickets", Map.of("tickets", List.of(Map.of("externalId", unique("t"), "accountId", account,
				"subject", "Cannot <script>import</script> users", "category", "technical", "status", "pending",
				"createdAt", java.time.Instant.now().minusSeconds(3600).toString())))).status()).isEqualTo(202);
		HttpClient admin = signIn("int-admin", "int-admin-pass");
		assertThat(admin.send(request("/accounts/" + account).build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains("/accounts/" + account + "/tickets");
		for (String lang : List.of("en", "id", "ms")) {
			String card = admin.send(request("/accounts/" + account + "/tickets?lang=" + lang).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			assertThat(card).contains("account-tickets", "Cannot &lt;script&gt;import&lt;/script&gt; users").doesNotContain("??");
		}
		assertThat(admin.send(request("/accounts/" + account + "/tickets?lang=ms").build(), HttpResponse.BodyHandlers.ofString())
			.body()).contains("Menunggu pelanggan", "Teknikal");
	}
}
