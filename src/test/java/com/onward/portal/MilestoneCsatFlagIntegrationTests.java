package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.identity.StaffRole;
import com.onward.identity.Users;

import tools.jackson.databind.JsonNode;

/**
 * The CSAT flag per playbook milestone, set in the playbook editor: kickoff, go-live and
 * graduation ask by default; a milestone asks the customer for a CSAT in the portal only when
 * flagged in the playbook version its project runs.
 */
class MilestoneCsatFlagIntegrationTests extends PortalTestSupport {

	@Autowired
	Users users;

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		assertThat(m.find()).as("a CSRF field").isTrue();
		return m.group(1);
	}

	private HttpClient staff() throws Exception {
		if (users.find("csat-editor").isEmpty()) {
			users.create("csat-editor", "CSAT Editor", null, StaffRole.ADMIN, "csat-editor-pass-1");
		}
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=csat-editor&password=csat-editor-pass-1&_csrf=" + enc(csrf(login))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}

	/** The editor's form for a definition, as the page posts it, with the CSAT boxes ticked for {@code csat}. */
	private static String editorForm(JsonNode definition, Set<String> csat, String csrf) {
		var form = new ArrayList<String>();
		form.add("nameEn=" + enc("CSAT flags"));
		for (JsonNode phase : definition.get("phases")) {
			String pk = phase.get("key").asString();
			form.add("phaseKey=" + enc(pk));
			form.add("phaseNameEn=" + enc(phase.get("name").get("en").asString()));
			form.add("phaseNameId=");
			form.add("phaseNameMs=");
			for (JsonNode item : phase.get("items")) {
				String key = item.get("key").asString();
				form.add("itemPhase=" + enc(pk));
				form.add("key=" + enc(key));
				form.add("kind=" + item.get("kind").asString());
				form.add("itemNameEn=" + enc(item.get("name").get("en").asString()));
				form.add("itemNameId=");
				form.add("itemNameMs=");
				form.add("dayOffset=" + item.get("dayOffset").asInt());
				form.add("durationDays=" + item.get("durationDays").asInt());
				form.add("ownerRole=" + item.get("ownerRole").asString());
				var deps = new ArrayList<String>();
				item.get("dependsOn").forEach(d -> deps.add(d.asString()));
				form.add("dependsOn=" + enc(String.join(",", deps)));
				if (item.get("customerHomework").asBoolean()) form.add("homework=" + enc(key));
				if (item.get("goLive").asBoolean()) form.add("goLive=" + enc(key));
				if (csat.contains(key)) form.add("csat=" + enc(key));
			}
		}
		form.add("_csrf=" + enc(csrf));
		return String.join("&", form);
	}

	private HttpResponse<String> save(HttpClient staff, String playbookId, JsonNode definition, Set<String> csat)
			throws Exception {
		String page = staff.send(request("/playbooks/" + playbookId).build(), HttpResponse.BodyHandlers.ofString()).body();
		return staff.send(request("/playbooks/" + playbookId).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(editorForm(definition, csat, csrf(page)))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static boolean ticked(String page, String key) {
		Matcher m = Pattern.compile("<input type=\"checkbox\" name=\"csat\" value=\"" + Pattern.quote(key) + "\"([^>]*)>")
			.matcher(page);
		assertThat(m.find()).as("a CSAT box for " + key).isTrue();
		return m.group(1).contains("checked");
	}

	private static JsonNode item(JsonNode definition, String key) {
		for (JsonNode phase : definition.get("phases"))
			for (JsonNode item : phase.get("items"))
				if (item.get("key").asString().equals(key)) return item;
		throw new AssertionError(key);
	}

	@Test
	void aMilestoneAsksForACsatOnlyWhenFlaggedInTheEditor() throws Exception {
		Customer c = customer("en", true);
		String playbookId = get("/api/v1/projects/" + c.projectId()).body().get("playbookId").asString();
		Response clone = post("/api/v1/playbooks/" + playbookId + "/clone", Map.of("family", unique("csat").toLowerCase(),
				"name", Map.of("en", "CSAT flags")));
		assertThat(clone.status()).as(clone.raw()).isEqualTo(201);
		String cloneId = clone.body().get("id").asString();
		JsonNode definition = clone.body().get("definition");

		// The editor shows the defaults: kickoff, go-live and graduation ask; other milestones and tasks do not.
		HttpClient staff = staff();
		for (String lang : List.of("en", "id", "ms")) {
			HttpResponse<String> editor = staff.send(request("/playbooks/" + cloneId + "?lang=" + lang).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(editor.statusCode()).isEqualTo(200);
			assertThat(editor.body()).as(lang).contains(">CSAT<").doesNotContain("??");
			assertThat(ticked(editor.body(), "kickoff")).isTrue();
			assertThat(ticked(editor.body(), "golive")).isTrue();
			assertThat(ticked(editor.body(), "graduation")).isTrue();
			assertThat(ticked(editor.body(), "tech-ready")).isFalse();
			assertThat(ticked(editor.body(), "d-plan")).isFalse();
		}
		assertThat(staff.send(request("/playbooks/" + cloneId + "?lang=id").build(), HttpResponse.BodyHandlers.ofString())
			.body()).contains("Minta CSAT setelah kickoff");

		// A task cannot ask: the editor names the row and saves nothing.
		HttpResponse<String> refused = save(staff, cloneId, definition, Set.of("kickoff", "d-plan"));
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/playbooks/" + cloneId);
		assertThat(staff.send(request("/playbooks/" + cloneId).build(), HttpResponse.BodyHandlers.ofString()).body())
			.contains(".csat: only a milestone can ask the customer for a CSAT");
		assertThat(get("/api/v1/playbooks/families/" + clone.body().get("family").asString() + "/versions").body()).hasSize(1);

		// Kickoff unticked, technical setup ticked: saved as version 2 with explicit flags.
		HttpResponse<String> saved = save(staff, cloneId, definition, Set.of("tech-ready", "golive", "graduation"));
		assertThat(saved.statusCode()).isEqualTo(302);
		String v2 = saved.headers().firstValue("Location").orElseThrow().replaceAll(".*/playbooks/", "");
		assertThat(v2).isNotEqualTo(cloneId);
		JsonNode v2Definition = get("/api/v1/playbooks/" + v2).body().get("definition");
		assertThat(item(v2Definition, "kickoff").get("csat").asBoolean()).isFalse();
		assertThat(item(v2Definition, "tech-ready").get("csat").asBoolean()).isTrue();
		String v2Page = staff.send(request("/playbooks/" + v2).build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(ticked(v2Page, "kickoff")).isFalse();
		assertThat(ticked(v2Page, "tech-ready")).isTrue();

		// The project runs version 2 (as if it had started from it).
		jdbc.sql("update project set playbook_id = :v where id = :p").param("v", UUID.fromString(v2))
			.param("p", c.projectId()).update();
		UUID kickoff = item(c, "kickoff");
		UUID techReady = item(c, "tech-ready");
		com.onward.Gates.handoffFormFilled(this, c.projectId());
		assertThat(call("PATCH", "/api/v1/projects/" + c.projectId() + "/items/" + kickoff, Map.of("status", "DONE")).status())
			.isEqualTo(200);
		assertThat(call("PATCH", "/api/v1/projects/" + c.projectId() + "/items/" + techReady, Map.of("status", "DONE"))
			.status()).isEqualTo(200);
		await(() -> jdbc.sql("select count(*) from survey_request where uniqueness_key = :k")
			.param("k", "csat:milestone:" + techReady).query(Long.class).single() == 1);
		await(() -> jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class)
			.single() == 0);
		assertThat(jdbc.sql("select uniqueness_key from survey_request where account_id = :a").param("a", c.accountId())
			.query(String.class).list()).as("no kickoff CSAT, from the playbook or the old automation rule")
			.containsExactly("csat:milestone:" + techReady);
		Browser portal = signedIn(c);
		UUID survey = jdbc.sql("select id from survey_request where uniqueness_key = :k").param("k", "csat:milestone:" + techReady)
			.query(UUID.class).single();
		assertThat(portal.get("/portal").body()).contains("/portal/surveys/" + survey);
	}
}
