package com.onward.privacy;

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
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.identity.ApiTokens;
import com.onward.identity.StaffRole;
import com.onward.messaging.Delivery;
import com.onward.testing.TestClock;
import com.onward.usage.UsageTestSupport;

/**
 * The privacy tests' context: real SMTP (GreenMail), a clock the tests move, and its own database.
 * Helpers walk an account through the messages a contact receives: welcome, kickoff invite with a
 * calendar, and the kickoff survey answered with a comment.
 */
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
		"onward.embedded-db.data-dir=target/test-postgres-privacy", "onward.messaging.first-retry=0s" })
abstract class PrivacyTestSupport extends UsageTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Delivery delivery;

	@Autowired
	ApiTokens tokens;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	String token(StaffRole role) {
		return tokens.create(unique("t-" + role.name().toLowerCase()), role).token();
	}

	long count(String sql, Object param) {
		return jdbc.sql(sql).param("x", param).query(Long.class).single();
	}

	static List<Map<String, Object>> contacts(String email) {
		return List.of(Map.of("name", "Siti Rahma", "email", email, "phone", phoneOf(email), "role", "PROJECT_LEAD"));
	}

	/** A phone number of the contact's own (so a scan for it finds no other test's contact). */
	static String phoneOf(String email) {
		return "+62 812 " + String.format("%08d", Math.floorMod(email.hashCode(), 100_000_000));
	}

	UUID projectOf(UUID account) {
		return jdbc.sql("select current_project_id from account where id = :a").param("a", account).query(UUID.class).single();
	}

	/** Marks the kickoff done, waits for the CSAT survey email, answers it with a comment on the public page. */
	void answerKickoffSurvey(UUID account, int score, String comment) throws Exception {
		UUID project = projectOf(account);
		com.onward.Gates.handoffFormFilled(this, project);
		for (var phase : get("/api/v1/projects/" + project).body().get("phases")) {
			for (var item : phase.get("items")) {
				if (List.of("kickoff", "exec-kickoff").contains(item.get("key").asString())) {
					var done = call("PATCH", "/api/v1/projects/" + project + "/items/" + item.get("id").asString(),
							Map.of("status", "DONE"));
					assertThat(done.status()).as(done.raw()).isEqualTo(200);
				}
			}
		}
		await(() -> count("select count(*) from outbox_message where account_id = :x and template = 'survey-csat'", account) == 1);
		String body = jdbc.sql("select body from outbox_message where account_id = :a and template = 'survey-csat'")
			.param("a", account).query(String.class).single();
		var link = Pattern.compile("(/survey/[A-Za-z0-9_-]+)\\?lang=en").matcher(body);
		assertThat(link.find()).as(body).isTrue();
		var client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		var page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1) + "?lang=en")).build(),
				HttpResponse.BodyHandlers.ofString());
		var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		var answered = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("score=" + score + "&comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8)
					+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
	}

	/** Delivers everything due (to GreenMail). */
	void deliverAll() {
		for (int i = 0; i < 5; i++) delivery.deliverDue();
	}

	/** Waits until no event publication naming the value is still pending (listeners done). */
	void awaitListeners(String value) {
		await(() -> count("select count(*) from event_publication where completion_date is null and serialized_event like '%' || :x || '%'",
				value) == 0);
	}
}
