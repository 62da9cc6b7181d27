package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PRT-1 in use: the home shows the customer's side of the plan only; homework completed in the
 * portal is done for staff, moves progress, reaches the automation through ItemCompleted and
 * notifies the CSM once; comments and files reach staff; the milestone CSAT is answered once,
 * moves the sentiment component, and a low score makes the CSM a task.
 */
class PortalHomeworkIntegrationTests extends PortalTestSupport {

	private long notices(String key) {
		return jdbc.sql("select count(*) from notification where uniqueness_key = :k").param("k", key).query(Long.class)
			.single();
	}

	@Test
	void homeworkDoneInThePortalIsDoneForStaffFiresItemCompletedAndNotifiesTheCsmOnce() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		Map<String, UUID> homework = homework(c);
		UUID questionnaire = homework.get("questionnaire");
		assertThat(questionnaire).isNotNull();
		String internalName = items(c).stream().filter(i -> i.get("key").asString().equals("usage-nudges")).findFirst()
			.orElseThrow().get("name").asString();
		Page home = browser.get("/portal");
		assertThat(home.body()).contains("item-" + questionnaire).contains("id=\"csm-name\"")
			.doesNotContain(internalName).doesNotContain("health").doesNotContain("notes");
		int progressBefore = get("/api/v1/projects/" + c.projectId()).body().get("progressPercent").asInt();

		assertThat(browser.post("/portal/homework/" + questionnaire, Map.of("status", "BLOCKED")).status()).isEqualTo(400);
		Page done = browser.post("/portal/homework/" + questionnaire, Map.of("status", "DONE"));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).contains("/portal#item-" + questionnaire);
		assertThat(itemStatus(c, questionnaire)).isEqualTo("DONE");
		assertThat(get("/api/v1/projects/" + c.projectId()).body().get("progressPercent").asInt()).isGreaterThan(progressBefore);
		await(() -> jdbc.sql("""
				select count(*) from event_publication where event_type like '%ItemCompleted'
				  and listener_id like '%AutomationListeners%' and serialized_event like :item and completion_date is not null""")
			.param("item", "%" + questionnaire + "%").query(Long.class).single() == 1);
		assertThat(notices("portal:done:" + questionnaire)).isEqualTo(1);
		String csmEmail = jdbc.sql("""
				select m.email from account a join team_member m on m.id = a.owner_csm_id where a.id = :a""")
			.param("a", c.accountId()).query(String.class).single();
		assertThat(jdbc.sql("select count(*) from outbox_message where uniqueness_key = :k and recipient = :r")
			.param("k", "notice-EMAIL:portal:done:" + questionnaire).param("r", csmEmail).query(Long.class).single())
			.isEqualTo(1);
		// Again: nothing changes, nobody is notified twice.
		assertThat(browser.post("/portal/homework/" + questionnaire, Map.of("status", "DONE")).status()).isEqualTo(302);
		assertThat(notices("portal:done:" + questionnaire)).isEqualTo(1);
		assertThat(browser.get("/portal").body()).contains("Done");

		// Not homework (a milestone) and internal items: 404, unchanged.
		UUID kickoff = item(c, "kickoff");
		UUID internal = item(c, "usage-nudges");
		assertThat(browser.post("/portal/homework/" + kickoff, Map.of("status", "DONE")).status()).isEqualTo(404);
		assertThat(browser.post("/portal/homework/" + internal, Map.of("status", "DONE")).status()).isEqualTo(404);
		assertThat(itemStatus(c, kickoff)).isNotEqualTo("DONE");
		assertThat(itemStatus(c, internal)).isNotEqualTo("DONE");
	}

	@Test
	void commentsAndFilesOnHomeworkReachStaffAndTheCsm() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		UUID item = homework(c).get("hw-data-exports");
		assertThat(browser.post("/portal/homework/" + item + "/comments", Map.of("comment", "Exports <b>attached</b>"))
			.status()).isEqualTo(302);
		assertThat(browser.post("/portal/homework/" + item + "/comments", Map.of("comment", "  ")).status()).isEqualTo(400);
		byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
		assertThat(browser.upload("/portal/homework/" + item + "/files", "exports.pdf", pdf).status()).isEqualTo(302);
		Page exe = browser.upload("/portal/homework/" + item + "/files", "invoice.pdf", "MZ\u0090\0\3".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(exe.status()).isEqualTo(400);
		assertThat(exe.body()).contains("PDF");
		assertThat(browser.upload("/portal/homework/" + item + "/files", "big.csv", new byte[10 * 1024 * 1024 + 1]).status())
			.isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from portal_file where item_id = :i").param("i", item).query(Long.class).single())
			.isEqualTo(1);

		var activity = get("/api/v1/projects/" + c.projectId() + "/portal-activity").body();
		assertThat(activity).hasSize(1);
		assertThat(activity.get(0).get("entries").findValuesAsString("text")).containsExactly("Exports <b>attached</b>",
				"exports.pdf");
		// The page escapes what the customer wrote.
		Page home = browser.get("/portal");
		assertThat(home.body()).contains("Exports &lt;b&gt;attached&lt;/b&gt;");
		UUID fileId = UUID.fromString(activity.get(0).get("entries").get(1).get("id").asString());
		Page download = browser.get("/portal/files/" + fileId);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
		assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
		assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		assertThat(jdbc.sql("select count(*) from notification where uniqueness_key like 'portal:comment:%' and account_id = :a")
			.param("a", c.accountId()).query(Long.class).single()).isEqualTo(1);
		assertThat(notices("portal:file:" + fileId)).isEqualTo(1);
	}

	@Test
	void theGoLiveCsatIsAnsweredOnceMovesSentimentAndALowScoreMakesATask() {
		Customer c = customer("en", true);
		link(c.email(), 1);
		Browser browser = signedIn(c);
		UUID golive = item(c, "golive");
		com.onward.Gates.goLiveReady(this, c.projectId());
		assertThat(call("PATCH", "/api/v1/projects/" + c.projectId() + "/items/" + golive, Map.of("status", "DONE")).status())
			.isEqualTo(200);
		await(() -> jdbc.sql("select count(*) from survey_request where uniqueness_key = :k")
			.param("k", "csat:milestone:" + golive).query(Long.class).single() == 1);
		UUID survey = jdbc.sql("select id from survey_request where uniqueness_key = :k").param("k", "csat:milestone:" + golive)
			.query(UUID.class).single();
		await(() -> mails(c.email()).stream().anyMatch(m -> {
			try {
				return m.getSubject().contains("One quick question");
			}
			catch (Exception e) {
				return false;
			}
		}));
		Page home = browser.get("/portal");
		assertThat(home.body()).contains("/portal/surveys/" + survey).contains("Go-live");

		post("/api/v1/accounts/" + c.accountId() + "/health/recompute", null);
		var before = sentiment(c);
		assertThat(browser.post("/portal/surveys/" + survey, Map.of("score", "9")).status()).isEqualTo(400);
		Page answered = browser.post("/portal/surveys/" + survey, Map.of("score", "2", "comment", "Go-live was bumpy"));
		assertThat(answered.status()).isEqualTo(302);
		assertThat(browser.get("/portal?answered").body()).contains("survey-thanks").doesNotContain("/portal/surveys/" + survey);
		Page again = browser.post("/portal/surveys/" + survey, Map.of("score", "5"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(jdbc.sql("select score from survey_request where id = :id").param("id", survey).query(Integer.class).single())
			.isEqualTo(2);

		await(() -> "NEGATIVE".equals(jdbc.sql("select sentiment from contact where id = :c").param("c", c.contactId())
			.query(String.class).single()));
		post("/api/v1/accounts/" + c.accountId() + "/health/recompute", null);
		var after = sentiment(c);
		assertThat(before.get("noData").asBoolean(false)).isTrue();
		assertThat(after.get("score").asInt()).isEqualTo(10); // one contact, negative
		await(() -> jdbc.sql("select count(*) from automation_task where account_id = :a and rule_code = 'SURVEY_DETRACTOR'")
			.param("a", c.accountId()).query(Long.class).single() == 1);
	}

	@Autowired
	Digests digests;

	@Test
	void aWeeklyDigestAtMostOncePerContactThatTheContactCanSwitchOff() throws Exception {
		Customer c = customer("id", true);
		Customer quiet = customer("en", true);
		link(c.email(), 1);
		link(quiet.email(), 1);
		Browser browser = signedIn(quiet);
		assertThat(browser.post("/portal/digest", Map.of("enabled", "false")).status()).isEqualTo(302);
		assertThat(browser.get("/portal").body()).contains("toggle-digest").contains("Send me the weekly summary");

		digests.send();
		digests.send();
		assertThat(digestsTo(c.email())).isEqualTo(1);
		assertThat(digestsTo(quiet.email())).isZero();
		await(() -> mails(c.email()).stream().anyMatch(m -> body(m).contains("Tenggat minggu depan")));
		String body = body(mails(c.email()).stream().filter(m -> body(m).contains("Tenggat minggu depan")).findFirst().orElseThrow());
		assertThat(body).contains("Terlambat", "/portal/sign-in");
	}

	private long digestsTo(String email) {
		return jdbc.sql("select count(*) from outbox_message where template = 'portal-digest' and recipient = :r")
			.param("r", email).query(Long.class).single();
	}

	private tools.jackson.databind.JsonNode sentiment(Customer c) {
		for (var component : get("/api/v1/accounts/" + c.accountId() + "/health").body().get("components")) {
			if (component.get("name").asString().equals("sentiment")) return component;
		}
		throw new AssertionError("no sentiment component");
	}
}
