package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/** The admins' privacy page lists requests and retention runs in the three languages; others may not see it. */
class PrivacyPageIntegrationTests extends PrivacyTestSupport {

	@Autowired
	Users users;

	HttpClient signIn(String role) throws Exception {
		String name = unique("privacy-" + role.toLowerCase());
		users.create(name, "Privacy " + role, null, StaffRole.valueOf(role), "privacy-pass-123");
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		var r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&password=privacy-pass-123&_csrf=" + csrf(login)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		return client;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	static String csrf(String html) {
		var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).isTrue();
		return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
	}

	@Test
	void theAdminsPageListsRequestsAndRetentionRunsInEveryLanguage() throws Exception {
		String reason = unique("Asked by letter <b>");
		assertThat(post("/api/v1/privacy/erasures", Map.of("email", unique("p") + "@page.example", "reason", reason)).status())
			.isEqualTo(200);
		HttpClient admin = signIn("ADMIN");
		var page = admin.send(request("/admin/privacy?lang=en").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		// Applying retention deletes for good: the form asks first.
		assertThat(page.body()).contains("data-confirm=\"Remove now everything older than its retention period? This cannot be undone.\"");
		assertThat(page.body()).contains("Erasure of a person", "nothing found", "Apply retention now", "90 days")
			.contains(reason.replace("<b>", "&lt;b&gt;")).doesNotContain("??");
		var run = admin.send(request("/admin/privacy/retention-runs").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(page.body()))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(run.statusCode()).isEqualTo(302);
		var after = admin.send(request("/admin/privacy").build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(after).contains("Retention applied");
		for (var lang : Map.of("id", "Penghapusan data seseorang", "ms", "Pemadaman data seseorang").entrySet()) {
			var localized = admin.send(request("/admin/privacy?lang=" + lang.getKey()).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(localized.statusCode()).isEqualTo(200);
			assertThat(localized.body()).contains(lang.getValue()).doesNotContain("??");
		}
		assertThat(admin.send(request("/admin/privacy?lang=id").build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains("Tindakan ini tidak dapat dibatalkan");
		assertThat(admin.send(request("/admin?lang=en").build(), HttpResponse.BodyHandlers.ofString()).body()).contains("/admin/privacy");
		HttpClient manager = signIn("CS_MANAGER");
		assertThat(manager.send(request("/admin/privacy").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
	}
}
