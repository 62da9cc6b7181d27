package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.onward.testing.MailIntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.messaging.Delivery;
import com.onward.messaging.Notifications;
import com.onward.messaging.Webhooks;
import com.onward.shared.Phrases;
import com.onward.team.NewMember;
import com.onward.team.Team;
import com.onward.team.TeamRole;
import com.onward.usage.UsageTestSupport;
import com.sun.net.httpserver.HttpServer;

/**
 * Event rules, sequences, tasks, cadences, outgoing webhooks and Slack, against real SMTP
 * (GreenMail) and a real HTTP receiver. Same context and database as the other mail tests.
 */
@MailIntegrationTest
class AutomationRulesIntegrationTests extends UsageTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	Notifications notifications;

	@Autowired
	Team team;

	@Autowired
	Tasks tasks;

	@Autowired
	Automation automation;

	@Autowired
	com.onward.health.Health health;

	@Autowired
	RuleMatches ruleMatches;

	@Autowired
	RuleStore ruleStore;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Autowired
	com.onward.shared.Phrases phrases;

	/** A request a local HTTP receiver got. */
	record Received(String path, Map<String, List<String>> headers, String body) {
	}

	private static HttpServer receiver(int port, List<Received> into, int status) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/", exchange -> {
			into.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		return server;
	}

	private long count(String sql, UUID account) {
		return jdbc.sql(sql).param("a", account).query(Long.class).single();
	}

	private List<Map<String, Object>> contacts(String email, String role) {
		return List.of(Map.of("name", "Rina", "email", email, "role", role));
	}

	/**
	 * Makes a CSM the account's owner the way the team module does (a team member), with an Onward
	 * user of the same email address; returns that user.
	 */
	private Users.StaffUser withCsm(UUID account) {
		String email = unique("dewi") + "@vendor.example";
		var user = users.create(unique("csm"), "Dewi CSM", email, StaffRole.CSM, "pw-123456789");
		UUID member = team.add(new NewMember("Dewi Lestari", email, TeamRole.CSM, Set.of(), 100)).id();
		jdbc.sql("update account set owner_csm_id = :m where id = :a").param("m", member).param("a", account).update();
		return user;
	}

	@Test
	void theSmbWelcomeSeriesSendsTheDueStepAndStopsWhenTheAccountLogsIn() {
		String email = unique("rina") + "@series.example";
		UUID account = account(5, "DAILY", LocalDate.now().minusDays(4), 12, 3000, contacts(email, "PROJECT_LEAD"));
		await(() -> count("select count(*) from sequence_enrolment where account_id = :a", account) == 1);
		post("/api/v1/automation/sweeps", null);
		// Day 4: the day-3 step is due; the late day-1 step is passed over, not sent on top.
		assertThat(jdbc.sql("select template from outbox_message where account_id = :a and uniqueness_key like 'seq:%'")
			.param("a", account).query(String.class).list()).containsExactly("smb-day-3");
		var enrolment = get("/api/v1/automation/enrolments?accountId=" + account).body().get(0);
		assertThat(enrolment.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(enrolment.get("nextStep").asInt()).isEqualTo(2);
		post("/api/v1/automation/sweeps", null);
		assertThat(count("select count(*) from outbox_message where account_id = :a and uniqueness_key like 'seq:%'", account))
			.isEqualTo(1);

		sendOk(List.of(event(account, "u1", "LOGIN", Instant.now().minusSeconds(60))));
		post("/api/v1/automation/sweeps", null);
		enrolment = get("/api/v1/automation/enrolments?accountId=" + account).body().get(0);
		assertThat(enrolment.get("status").asString()).isEqualTo("STOPPED");
		assertThat(enrolment.get("stopReason").asString()).isEqualTo("GOAL_MET");
	}

	@Test
	void aReplyStopsASequenceAndBadStopsAreRefused() {
		UUID account = account(5, "DAILY", LocalDate.now(), 12, 3000, contacts(unique("r") + "@reply.example", "PROJECT_LEAD"));
		await(() -> count("select count(*) from sequence_enrolment where account_id = :a", account) == 1);
		String id = get("/api/v1/automation/enrolments?accountId=" + account).body().get(0).get("id").asString();
		assertProblem(post("/api/v1/automation/enrolments/" + id + "/stop", Map.of("reason", "BORED")), 400, "reason");
		assertThat(post("/api/v1/automation/enrolments/" + id + "/stop", Map.of("reason", "REPLIED")).status()).isEqualTo(200);
		var enrolment = get("/api/v1/automation/enrolments?accountId=" + account).body().get(0);
		assertThat(enrolment.get("stopReason").asString()).isEqualTo("REPLIED");
		assertProblem(post("/api/v1/automation/enrolments/" + UUID.randomUUID() + "/stop", Map.of("reason", "REPLIED")), 404,
				null);
	}

	@Test
	void noLoginAfterAccessHandsAFollowUpTaskToTheCsmAndNotifiesThemInAppByEmailAndOnSlack() throws Exception {
		var slack = new CopyOnWriteArrayList<Received>();
		HttpServer server = receiver(3099, slack, 200);
		try {
			UUID account = account(5, "DAILY", LocalDate.now().minusDays(9), 12, 3000,
					contacts(unique("n") + "@task.example", "PROJECT_LEAD"));
			var csm = withCsm(account);
			post("/api/v1/automation/sweeps", null);
			post("/api/v1/automation/sweeps", null);
			assertThat(count("select count(*) from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'",
					account)).isEqualTo(1);
			// The task is the CSM's: the signed-in user who is the account's owning team member.
			assertThat(tasks.mine(csm, true, 500)).extracting(Tasks.Task::ruleCode).contains("NO_LOGIN_AFTER_ACCESS");
			var inbox = notifications.inbox(csm.id(), true, 50).stream()
				.filter(n -> n.textKey().equals("notice.NO_LOGIN_AFTER_ACCESS")).toList();
			assertThat(inbox).hasSize(1);
			assertThat(inbox.get(0).textKey()).isEqualTo("notice.NO_LOGIN_AFTER_ACCESS");
			assertThat(inbox.get(0).args()).hasSize(2).element(1).isEqualTo(7);
			// The follow-up flag: on the account, kept by a health recompute, resolved by a person. (Health
			// judges logins only once some product sends usage: another account's login says so.)
			sendOk(List.of(event(account(5, "DAILY", LocalDate.now(), 12, 3000, List.of()), "u1", "LOGIN",
					Instant.now().minusSeconds(60))));
			var flags = post("/api/v1/accounts/" + account + "/health/recompute", null).body();
			String followUp = null;
			for (var f : flags.findParents("code")) {
				if (f.get("code").asString().equals("HUMAN_FOLLOW_UP")) followUp = f.get("id").asString();
			}
			assertThat(followUp).as("HUMAN_FOLLOW_UP flag open after a recompute").isNotNull();
			String healthFlag = null;
			for (var f : flags.findParents("code")) {
				if (f.get("code").asString().equals("NO_LOGIN_AFTER_ACCESS")) healthFlag = f.get("id").asString();
			}
			assertProblem(post("/api/v1/flags/" + healthFlag + "/resolve", null), 422, null);
			assertThat(post("/api/v1/flags/" + followUp + "/resolve", null).status()).isEqualTo(200);
			assertThat(get("/api/v1/accounts/" + account + "/health").body().findValuesAsString("code"))
				.doesNotContain("HUMAN_FOLLOW_UP");

			delivery.deliverDue();
			var staffMail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
				try {
					return m.getSubject().contains("has signed in 7 days after access") && m.getAllRecipients()[0].toString()
						.endsWith("@vendor.example");
				}
				catch (Exception e) {
					return false;
				}
			}).toList();
			assertThat(staffMail).hasSize(1);
			assertThat(staffMail.get(0).getContent().toString()).doesNotContain("/unsubscribe"); // a staff notice
			var posts = slack.stream().filter(r -> r.body().contains("signed in 7 days after access")).toList();
			assertThat(posts).hasSize(1);
			assertThat(posts.get(0).path()).isEqualTo("/slack");
			var payload = json.readTree(posts.get(0).body());
			assertThat(payload.get("text").asString()).startsWith("[Onward] ");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void completingTheKickoffSendsTheSummaryStartsTheWeeklyCheckInAndMovesTheProjectInProgress() {
		UUID account = account(20, "DAILY", LocalDate.now().minusDays(2), 300, 40000,
				contacts(unique("k") + "@kickoff.example", "PROJECT_LEAD"));
		String projectId = jdbc.sql("select cast(current_project_id as text) from account where id = :a").param("a", account)
			.query(String.class).single();
		String kickoff = null;
		for (var phase : get("/api/v1/projects/" + projectId).body().get("phases")) {
			for (var item : phase.get("items")) {
				if (List.of("kickoff", "exec-kickoff").contains(item.get("key").asString())) kickoff = item.get("id").asString();
			}
		}
		assertThat(kickoff).as("the playbook has a kickoff item").isNotNull();
		com.onward.Gates.handoffFormFilled(this, projectId);
		var done = call("PATCH", "/api/v1/projects/" + projectId + "/items/" + kickoff, Map.of("status", "DONE"));
		assertThat(done.status()).as(done.raw()).isEqualTo(200);
		await(() -> count("select count(*) from outbox_message where account_id = :a and template = 'kickoff-summary'", account) == 1);
		await(() -> count("select count(*) from sequence_enrolment where account_id = :a and sequence_code = 'weekly-check-in'",
				account) == 1);
		assertThat(get("/api/v1/projects/" + projectId).body().get("status").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theKickoffSurveyIsAnsweredOnAPublicPageAndALowScoreReachesTheCsm() throws Exception {
		UUID account = account(20, "DAILY", LocalDate.now().minusDays(2), 300, 40000,
				contacts(unique("q") + "@survey.example", "PROJECT_LEAD"));
		var csm = withCsm(account);
		String projectId = jdbc.sql("select cast(current_project_id as text) from account where id = :a").param("a", account)
			.query(String.class).single();
		com.onward.Gates.handoffFormFilled(this, projectId);
		for (var phase : get("/api/v1/projects/" + projectId).body().get("phases")) {
			for (var item : phase.get("items")) {
				if (item.get("key").asString().equals("kickoff")) {
					call("PATCH", "/api/v1/projects/" + projectId + "/items/" + item.get("id").asString(), Map.of("status", "DONE"));
				}
			}
		}
		await(() -> count("select count(*) from outbox_message where account_id = :a and template = 'survey-csat'", account) == 1);
		String body = jdbc.sql("select body from outbox_message where account_id = :a and template = 'survey-csat'")
			.param("a", account).query(String.class).single();
		var link = java.util.regex.Pattern.compile("(/survey/[A-Za-z0-9_-]+)\\?lang=en").matcher(body);
		assertThat(link.find()).as(body).isTrue();
		String path = link.group(1);

		var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		var page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path + "?lang=en"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("How satisfied are you", "score-5");
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		java.util.function.Function<String, java.net.http.HttpResponse<String>> answer = form -> {
			try {
				return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(form + "&_csrf="
							+ java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		};
		assertThat(answer.apply("score=9").statusCode()).isEqualTo(400); // CSAT is 1–5
		var done = answer.apply("score=2&comment=Too+slow");
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("survey-thanks");
		assertThat(answer.apply("score=5").statusCode()).as("answered once").isEqualTo(400);
		var stored = get("/api/v1/accounts/" + account + "/surveys").body().get(0);
		assertThat(stored.get("score").asInt()).isEqualTo(2);
		assertThat(stored.get("comment").asString()).isEqualTo("Too slow");

		// A detractor: a task and a notice for the CSM, and a follow-up flag.
		await(() -> count("select count(*) from automation_task where account_id = :a and rule_code = 'SURVEY_DETRACTOR'", account) == 1);
		assertThat(notifications.inbox(csm.id(), true, 50)).extracting(Notifications.Notification::textKey)
			.contains("notice.SURVEY_DETRACTOR");
		assertThat(get("/api/v1/accounts/" + account + "/health").body().findValuesAsString("code")).contains("HUMAN_FOLLOW_UP");
		assertThat(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
				+ "/survey/not-a-token")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(404);
	}

	@Test
	void theFillRoleRuleAssignsAnOwnerToAProjectNobodyCouldTake() {
		UUID account = account(5, "DAILY", LocalDate.now(), 12, 3000, List.of());
		UUID project = jdbc.sql("select current_project_id from account where id = :a").param("a", account).query(UUID.class)
			.single();
		// Nobody served the segment when the contract was signed:
		jdbc.sql("update project_assignment set member_id = null where project_id = :p and role = 'CSM'").param("p", project)
			.update();
		jdbc.sql("update account set owner_csm_id = null where id = :a").param("a", account).update();
		team.add(new NewMember("Fajar Pratama", unique("fajar") + "@vendor.example", TeamRole.CSM,
				Set.of(com.onward.shared.Segment.SMB), 1000));
		String owner = "select cast(owner_csm_id as text) from account where id = :a";
		post("/api/v1/automation/sweeps", null);
		assertThat(count("select count(*) from account where id = :a and owner_csm_id is null", account)).as("off by default")
			.isEqualTo(1);
		try {
			call("PUT", "/api/v1/automation/rules/FILL_UNASSIGNED_ROLES", Map.of("enabled", true));
			post("/api/v1/automation/sweeps", null);
			String assigned = jdbc.sql("select cast(member_id as text) || ' ' || assigned_by from project_assignment "
					+ "where project_id = :p and role = 'CSM'").param("p", project).query(String.class).single();
			String ownerNow = jdbc.sql(owner).param("a", account).query(String.class).single();
			assertThat(ownerNow).isNotNull();
			assertThat(assigned).isEqualTo(ownerNow + " automation");
			// Filling a role acts on the state as it is: not remembered, so a role emptied again is filled again.
			jdbc.sql("update project_assignment set member_id = null where project_id = :p and role = 'CSM'").param("p", project)
				.update();
			post("/api/v1/automation/sweeps", null);
			assertThat(count("select count(*) from project_assignment where project_id = :a and role = 'CSM' and member_id is not null",
					project)).isEqualTo(1);
			assertThat(count("select count(*) from automation_rule_acted where account_id = :a", account)).isZero();
		}
		finally {
			call("PUT", "/api/v1/automation/rules/FILL_UNASSIGNED_ROLES", Map.of("enabled", false));
		}
	}

	/**
	 * A sweep acts on an occasion once and remembers it: later sweeps skip it before any action sees it (a task
	 * removed meanwhile is not made again). An occasion an action could not act on yet is not remembered and is tried
	 * again: a customer without an email address (the email goes out once the address is known), an account without
	 * a CSM to notify (the CSM assigned later is notified), an account whose open follow-up flag keeps the rule's own
	 * out (raised once that one is resolved). An occasion that ended is forgotten.
	 */
	@Test
	void aSweepRemembersTheOccasionsItActedOnAndRetriesThoseItCouldNotActOnYet() {
		UUID reached = account(5, "DAILY", LocalDate.now().minusDays(8), 12, 3000,
				contacts(unique("r") + "@memory.example", "PROJECT_LEAD"));
		UUID noAddress = account(5, "DAILY", LocalDate.now().minusDays(8), 12, 3000,
				List.<Map<String, Object>>of(Map.of("name", "Budi", "role", "PROJECT_LEAD")));
		UUID noCsm = account(5, "DAILY", LocalDate.now().minusDays(8), 12, 3000,
				contacts(unique("c") + "@memory.example", "PROJECT_LEAD"));
		UUID flagged = account(5, "DAILY", LocalDate.now().minusDays(8), 12, 3000,
				contacts(unique("f") + "@memory.example", "PROJECT_LEAD"));
		for (UUID a : List.of(reached, noAddress, noCsm, flagged)) {
			// Day 8 without a login: "day 7 after access" is due, and recent enough to email the customer about.
			jdbc.sql("update project set start_date = current_date - 8 where account_id = :a").param("a", a).update();
		}
		withCsm(reached);
		withCsm(noAddress);
		withCsm(flagged);
		// Nobody to notify (signing may have given it an owner from the team other tests made).
		jdbc.sql("update account set owner_csm_id = null where id = :a").param("a", noCsm).update();
		// Another rule's follow-up flag is open on this account: one open follow-up flag per account.
		var other = new com.onward.health.FollowUpFlag(flagged, null, List.of("SURVEY_DETRACTOR"));
		assertThat(health.raiseFlags(com.onward.health.FlagCategory.RELATIONSHIP, "HUMAN_FOLLOW_UP", List.of(other)).raised())
			.isEqualTo(1);
		String tasks = "select count(*) from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'";
		String emails = "select count(*) from outbox_message where account_id = :a and uniqueness_key like 'rule:NO_LOGIN_AFTER_ACCESS:%'";
		String notices = "select count(*) from notification where account_id = :a and text_key = 'notice.NO_LOGIN_AFTER_ACCESS'";
		String flags = "select count(*) from red_flag where account_id = :a and code = 'HUMAN_FOLLOW_UP'"
				+ " and evidence_args @> '[\"NO_LOGIN_AFTER_ACCESS\"]'";
		String acted = "select count(*) from automation_rule_acted where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'"
				+ " and occurrence = 'day-7'";
		post("/api/v1/automation/sweeps", null);
		assertThat(List.of(count(tasks, reached), count(emails, reached), count(notices, reached), count(flags, reached),
				count(acted, reached))).containsExactly(1L, 1L, 1L, 1L, 1L);
		assertThat(List.of(count(tasks, noAddress), count(emails, noAddress), count(acted, noAddress)))
			.as("waits for an address").containsExactly(1L, 0L, 0L);
		assertThat(List.of(count(tasks, noCsm), count(emails, noCsm), count(notices, noCsm), count(acted, noCsm)))
			.as("waits for a CSM").containsExactly(1L, 1L, 0L, 0L);
		assertThat(List.of(count(flags, flagged), count(acted, flagged))).as("waits for the open flag")
			.containsExactly(0L, 0L);

		jdbc.sql("delete from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'").param("a", reached)
			.update();
		post("/api/v1/automation/sweeps", null);
		assertThat(count(tasks, reached)).as("remembered: not handed to the actions again").isZero();
		assertThat(automation.dryRun("NO_LOGIN_AFTER_ACCESS", 10_000)).extracting(Automation.Hit::accountId)
			.doesNotContain(reached);

		jdbc.sql("update contact set email = :e where account_id = :a").param("e", unique("budi") + "@memory.example")
			.param("a", noAddress).update();
		withCsm(noCsm);
		String open = jdbc.sql("select cast(id as text) from red_flag where account_id = :a and code = 'HUMAN_FOLLOW_UP' and cleared_at is null")
			.param("a", flagged).query(String.class).single();
		assertThat(post("/api/v1/flags/" + open + "/resolve", null).status()).isEqualTo(200);
		post("/api/v1/automation/sweeps", null);
		post("/api/v1/automation/sweeps", null);
		assertThat(List.of(count(tasks, noAddress), count(emails, noAddress), count(acted, noAddress)))
			.containsExactly(1L, 1L, 1L);
		assertThat(List.of(count(tasks, noCsm), count(emails, noCsm), count(notices, noCsm), count(acted, noCsm)))
			.containsExactly(1L, 1L, 1L, 1L);
		assertThat(List.of(count(flags, flagged), count(acted, flagged))).containsExactly(1L, 1L);

		// Once a day the occasions that ended are forgotten: the first account logged in, the others still have not.
		// A sweep forgets in parts, each over its share of the accounts: the other share's part leaves it alone.
		sendOk(List.of(event(reached, "u1", "LOGIN", Instant.now().minusSeconds(60))));
		var first = new RuleMatches.Part(0, 2);
		int share = jdbc.sql("select case when cast(:a as uuid) between cast(:from as uuid) and cast(:to as uuid) then 0 else 1 end")
			.param("a", reached).param("from", first.from()).param("to", first.to()).query(Integer.class).single();
		ruleMatches.forgetEnded(ruleStore.rule("NO_LOGIN_AFTER_ACCESS"), LocalDate.now(), new RuleMatches.Part(1 - share, 2));
		assertThat(count(acted, reached)).isEqualTo(1L);
		ruleMatches.forgetEnded(ruleStore.rule("NO_LOGIN_AFTER_ACCESS"), LocalDate.now(), new RuleMatches.Part(share, 2));
		assertThat(List.of(count(acted, reached), count(acted, noAddress), count(acted, noCsm), count(acted, flagged)))
			.containsExactly(0L, 1L, 1L, 1L);
	}

	@Test
	void aSweepRunsEachRuleInPartsThatShareTheAccountsOutAndActsOnEachOnce() {
		var due = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 6; i++) {
			UUID a = account(5, "DAILY", LocalDate.now().minusDays(8), 12, 3000,
					contacts(unique("p") + "@parts.example", "PROJECT_LEAD"));
			jdbc.sql("update project set start_date = current_date - 8 where account_id = :a").param("a", a).update();
			withCsm(a);
			due.add(a);
		}
		Automation.Rule rule = ruleStore.rule("NO_LOGIN_AFTER_ACCESS");
		// The parts' matches: each account in exactly one part, together the rule's matches over all accounts.
		var tx = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
		java.util.function.Function<RuleMatches.Part, List<UUID>> hits = part -> tx.execute(s -> {
			ruleMatches.fillHits(rule, LocalDate.now(), part);
			List<UUID> found = jdbc.sql("select account_id from sweep_hit").query(UUID.class).list();
			s.setRollbackOnly();
			return found;
		});
		List<UUID> all = hits.apply(RuleMatches.Part.ALL);
		assertThat(all).containsAll(due);
		var parts = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 3; i++) {
			parts.addAll(hits.apply(new RuleMatches.Part(i, 3)));
		}
		assertThat(parts).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);

		post("/api/v1/automation/sweeps", null);
		post("/api/v1/automation/sweeps", null);
		for (UUID a : due) {
			assertThat(List.of(
					count("select count(*) from automation_task where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'", a),
					count("select count(*) from notification where account_id = :a and text_key = 'notice.NO_LOGIN_AFTER_ACCESS'", a),
					count("select count(*) from automation_rule_acted where account_id = :a and rule_code = 'NO_LOGIN_AFTER_ACCESS'", a)))
				.as("task, notice and memory of " + a).containsExactly(1L, 1L, 1L);
		}
	}

	@Test
	void rowsWrittenInBulkGetTimeOrderedVersion7Ids() throws Exception {
		UUID first = jdbc.sql("select uuidv7()").query(UUID.class).single();
		Thread.sleep(3);
		UUID second = jdbc.sql("select uuidv7()").query(UUID.class).single();
		assertThat(List.of(first.version(), second.version())).containsExactly(7, 7);
		assertThat(List.of(first.variant(), second.variant())).containsExactly(2, 2);
		// The first 48 bits are the time in milliseconds: later ids sort after earlier ones, as PostgreSQL compares them.
		long millis = first.getMostSignificantBits() >>> 16;
		assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
		assertThat(jdbc.sql("select cast(:a as uuid) < cast(:b as uuid)").param("a", first).param("b", second)
			.query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select count(distinct uuidv7()) from generate_series(1, 10000)").query(Long.class).single())
			.isEqualTo(10_000L);
	}

	@Test
	void aMissedSponsorCheckInIsDetectedRaisesAFlagAndIsClearedWhenTheCheckInIsHeld() {
		UUID account = account(5, "DAILY", LocalDate.now().minusDays(45), 12, 3000,
				contacts(unique("s") + "@cadence.example", "EXECUTIVE_SPONSOR"));
		withCsm(account);
		post("/api/v1/automation/sweeps", null);
		// Monthly sponsor check-in: due 30 days after the start, missed 3 days later.
		assertThat(count("select count(*) from missed_cadence where account_id = :a", account)).isEqualTo(1);
		// Handed to health, which scores it from its own copy.
		assertThat(count("select count(*) from health_missed_cadence where account_id = :a", account)).isEqualTo(1);
		assertThat(count("select count(*) from automation_task where account_id = :a and rule_code = 'CADENCE_DUE'", account))
			.isEqualTo(1);
		assertThat(count("select count(*) from notification where account_id = :a and text_key = 'notice.CADENCE_MISSED'", account))
			.isEqualTo(1);
		assertThat(post("/api/v1/accounts/" + account + "/health/recompute", null).body().findValuesAsString("code"))
			.contains("CADENCE_MISSED");

		var task = get("/api/v1/tasks?accountId=" + account).body();
		String checkIn = null;
		for (var t : task) {
			if (t.get("ruleCode").asString().equals("CADENCE_DUE")) checkIn = t.get("id").asString();
		}
		assertThat(post("/api/v1/tasks/" + checkIn + "/done", null).body().get("status").asString()).isEqualTo("DONE");
		post("/api/v1/automation/sweeps", null);
		assertThat(count("select count(*) from missed_cadence where account_id = :a", account)).isZero();
		assertThat(count("select count(*) from health_missed_cadence where account_id = :a", account)).isZero();
		assertThat(post("/api/v1/accounts/" + account + "/health/recompute", null).body().findValuesAsString("code"))
			.doesNotContain("CADENCE_MISSED");
	}

	@Test
	void aTechnicalLeadsWeeklyCheckInRunsOnlyUntilGoLive() {
		UUID account = account(5, "DAILY", LocalDate.now().minusDays(20), 12, 3000,
				List.of(Map.of("name", "Rina", "email", unique("t") + "@cadence.example", "role", "TECHNICAL_LEAD"),
						Map.of("name", "Budi", "email", unique("p") + "@cadence.example", "role", "PROJECT_LEAD")));
		withCsm(account);
		// The dry run says each occasion in words, in the reader's language, not as its key. Both weekly check-ins
		// came due 7 days after the start.
		LocalDate due = LocalDate.now().minusDays(13);
		try {
			LocaleContextHolder.setLocale(Locale.of("id"));
			assertThat(automation.dryRun("CADENCE_DUE", 10_000)).filteredOn(h -> h.accountId().equals(account))
				.extracting(Automation.Hit::description)
				.containsExactlyInAnyOrder("Check-in dengan Rina (Pimpinan teknis), jatuh tempo " + Phrases.date(due, Locale.of("id")),
						"Check-in dengan Budi (Pimpinan proyek), jatuh tempo " + Phrases.date(due, Locale.of("id")));
			LocaleContextHolder.setLocale(Locale.ENGLISH);
			assertThat(automation.dryRun("CADENCE_DUE", 10_000)).filteredOn(h -> h.accountId().equals(account))
				.extracting(Automation.Hit::description)
				.contains("Check-in with Rina (Technical lead) due " + Phrases.date(due, Locale.ENGLISH));
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
		post("/api/v1/automation/sweeps", null);
		// Weekly check-ins: missed 3 days after their date; each check-in is a task.
		assertThat(count("select count(*) from missed_cadence where account_id = :a", account)).isEqualTo(2);
		assertThat(count("select count(*) from automation_task where account_id = :a and rule_code = 'CADENCE_DUE'", account))
			.isEqualTo(2);
		// A day's forgetting keeps what still stands.
		ruleMatches.forgetEnded(ruleStore.rule("CADENCE_DUE"), LocalDate.now(), RuleMatches.Part.ALL);
		assertThat(count("select count(*) from automation_rule_acted where account_id = :a and rule_code = 'CADENCE_DUE'", account))
			.isEqualTo(2);

		// Live: the technical lead's check-ins end, the project lead's go on. The technical lead's missed one is
		// cleared (here and in health's copy) and its due one no longer stands.
		jdbc.sql("""
				update project_item set status = 'DONE', completed_on = current_date
				where go_live and project_id = (select current_project_id from account where id = :a)""")
			.param("a", account).update();
		post("/api/v1/automation/sweeps", null);
		assertThat(jdbc.sql("select role from missed_cadence where account_id = :a").param("a", account)
			.query(String.class).list()).containsExactly("PROJECT_LEAD");
		assertThat(count("select count(*) from health_missed_cadence where account_id = :a", account)).isEqualTo(1);
		ruleMatches.forgetEnded(ruleStore.rule("CADENCE_DUE"), LocalDate.now(), RuleMatches.Part.ALL);
		assertThat(jdbc.sql("select occurrence from automation_rule_acted where account_id = :a and rule_code = 'CADENCE_DUE'")
			.param("a", account).query(String.class).list()).singleElement().asString()
			.startsWith("cadence-" + jdbc.sql("select id from contact where account_id = :a and role = 'PROJECT_LEAD'")
				.param("a", account).query(UUID.class).single());
	}

	@Test
	void anEventRulesDryRunListsTheRunningProjectsItsConditionsAdmitForItsNextEvent() {
		UUID account = account(5, "DAILY", LocalDate.now().minusDays(20), 12, 3000,
				contacts(unique("w") + "@event.example", "PROJECT_LEAD"));
		try {
			LocaleContextHolder.setLocale(Locale.of("ms"));
			assertThat(automation.dryRun("WELCOME", 100_000)).filteredOn(h -> h.accountId().equals(account))
				.extracting(Automation.Hit::description).containsExactly("Pada peristiwa seterusnya: Kontrak ditandatangani");
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
		assertThat(get("/api/v1/automation/rules/WELCOME/dry-run?limit=5").status()).isEqualTo(200);
	}

	/**
	 * What the automation hands to a CSM names things for the reader: a red flag by its title, a contact role by
	 * its name and a due date as their language writes it, in the inbox (whatever the reader's language) and in the
	 * notice email; never a code such as CADENCE_MISSED or EXECUTIVE_SPONSOR, never 2026-11-13.
	 */
	@Test
	void noticesAndTasksSpellOutFlagsRolesAndDatesInTheReadersLanguage() throws Exception {
		String name = unique("Kopi Kenangan");
		UUID account = account(5, "DAILY", LocalDate.now().minusDays(45), 12, 3000,
				contacts(unique("s") + "@words.example", "EXECUTIVE_SPONSOR"));
		jdbc.sql("update account set name = :n where id = :a").param("n", name).param("a", account).update();
		var csm = withCsm(account);
		post("/api/v1/automation/sweeps", null);
		// The missed check-in raises a red flag; the red-flag rule notifies the CSM once the flag is committed. The
		// flags of one recompute are noticed each in its own turn: waiting for the first notice alone raced the others.
		post("/api/v1/accounts/" + account + "/health/recompute", null);
		await(() -> count("select count(*) from notification where account_id = :a and text_key = 'notice.RED_FLAG_NOTICE'"
				+ " and cast(args as text) like '%flag.CADENCE_MISSED.title%'", account) > 0);

		Set<String> codes = com.onward.i18n.UntranslatedCodesTests.enumConstants();
		var notices = notifications.inbox(csm.id(), false, 200).stream().filter(n -> account.equals(n.accountId())).toList();
		var taskList = tasks.forAccount(account, true, 500);
		assertThat(notices).extracting(Notifications.Notification::textKey)
			.contains("notice.RED_FLAG_NOTICE", "notice.CADENCE_MISSED");
		assertThat(taskList).extracting(Tasks.Task::titleKey).contains("task.CADENCE_DUE");
		var leaks = new java.util.ArrayList<String>();
		for (String language : List.of("en", "id", "ms")) {
			var locale = java.util.Locale.forLanguageTag(language);
			var texts = new java.util.ArrayList<String>();
			notices.forEach(n -> texts.add(phrases.message(n.textKey(), n.args(), locale)));
			taskList.forEach(t -> texts.add(phrases.message(t.titleKey(), t.args(), locale)));
			for (String text : texts) {
				var m = com.onward.i18n.UntranslatedCodesTests.CODE.matcher(text);
				while (m.find()) {
					String token = m.group();
					if (token.length() > 1 && !com.onward.i18n.UntranslatedCodesTests.SAME_IN_EVERY_LANGUAGE.contains(token)
							&& (codes.contains(token) || token.contains("_"))) {
						leaks.add(language + ": " + token + " in \"" + text + "\"");
					}
				}
				if (com.onward.i18n.UntranslatedCodesTests.ISO_DATE.matcher(text).find()) {
					leaks.add(language + ": ISO date in \"" + text + "\"");
				}
			}
		}
		assertThat(leaks).isEmpty();
		// One notice per flag raised (the missed check-in, and early warnings): each named by its title.
		assertThat(notices.stream().filter(n -> n.textKey().equals("notice.RED_FLAG_NOTICE"))
			.map(n -> phrases.message(n.textKey(), n.args(), java.util.Locale.forLanguageTag("id"))).toList())
			.contains("Tanda bahaya di " + name + ": Kadensi keterlibatan terlewat");
		var missed = notices.stream().filter(n -> n.textKey().equals("notice.CADENCE_MISSED")).findFirst().orElseThrow();
		assertThat(phrases.message(missed.textKey(), missed.args(), java.util.Locale.forLanguageTag("id")))
			.contains("(Sponsor eksekutif)");

		// The notice email, in the staff language (English): the flag's title in the subject and the body.
		delivery.deliverDue();
		var mail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().contains(name) && m.getSubject().contains("Red flag");
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
		assertThat(mail).isNotEmpty();
		var cadence = mail.stream().filter(m -> {
			try {
				return m.getSubject().endsWith("Red flag at " + name + ": Engagement cadence missed");
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
		assertThat(cadence).hasSize(1);
		assertThat(cadence.get(0).getContent().toString()).contains("Engagement cadence missed").doesNotContain("CADENCE_MISSED");
		for (var m : mail) assertThat(m.getSubject()).doesNotContain("_");
	}

	@Test
	void outgoingWebhooksAreSignedCarryADeliveryIdAndAreNotRetriedOnceAccepted() throws Exception {
		var calls = new CopyOnWriteArrayList<Received>();
		HttpServer server = receiver(0, calls, 204);
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/onward";
			var created = post("/api/v1/webhooks", Map.of("url", url, "events", List.of("CONTRACT_SIGNED"))).body();
			String secret = created.get("secret").asString();
			assertThat(secret).startsWith("whsec_");
			assertProblem(post("/api/v1/webhooks", Map.of("url", "ftp://x", "events", List.of("*"))), 400, "url");
			assertProblem(post("/api/v1/webhooks", Map.of("url", url, "events", List.of())), 400, "events");

			UUID account = account(5, "DAILY", LocalDate.now(), 12, 3000, List.of());
			await(() -> count("select count(*) from outbox_message where account_id = :a and channel = 'WEBHOOK'", account) == 1);
			delivery.deliverDue();
			delivery.deliverDue();
			var mine = calls.stream().filter(c -> c.body().contains(account.toString())).toList();
			assertThat(mine).hasSize(1);
			Received call = mine.get(0);
			String timestamp = call.headers().get("X-onward-timestamp").get(0);
			String signature = call.headers().get("X-onward-signature").get(0);
			// What a receiver does: HMAC-SHA256 of "timestamp.body" with its secret, compared to the header.
			var mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = "sha256=" + java.util.HexFormat.of()
				.formatHex(mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
			assertThat(signature).isEqualTo(expected);
			assertThat(Webhooks.hmac("another-secret", timestamp + "." + call.body())).isNotEqualTo(signature.substring(7));
			String deliveryId = call.headers().get("X-onward-delivery").get(0);
			assertThat(jdbc.sql("select status from outbox_message where id = :id").param("id", UUID.fromString(deliveryId))
				.query(String.class).single()).isEqualTo("SENT");
			var payload = json.readTree(call.body());
			assertThat(payload.get("event").asString()).isEqualTo("CONTRACT_SIGNED");
			assertThat(payload.get("data").get("segment").asString()).isEqualTo("SMB");
			call("DELETE", "/api/v1/webhooks/" + created.get("id").asString(), null);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aWebhookThatRefusesIsMarkedFailedAndOneThatIsDownIsRetried() throws Exception {
		var calls = new CopyOnWriteArrayList<Received>();
		HttpServer server = receiver(0, calls, 410);
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/gone";
			String id = post("/api/v1/webhooks", Map.of("url", url, "events", List.of("*"))).body().get("id").asString();
			UUID account = account(5, "DAILY", LocalDate.now(), 12, 3000, List.of());
			await(() -> count("select count(*) from outbox_message where account_id = :a and channel = 'WEBHOOK'", account) >= 1);
			delivery.deliverDue();
			assertThat(jdbc.sql("select status from outbox_message where account_id = :a and channel = 'WEBHOOK' and template = 'CONTRACT_SIGNED'")
				.param("a", account).query(String.class).single()).isEqualTo("FAILED");
			call("DELETE", "/api/v1/webhooks/" + id, null);
		}
		finally {
			server.stop(0);
		}
		// Nobody listens any more: connection refused is transient, so the next call waits for a retry.
		var down = post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/down", "events", List.of("CONTRACT_SIGNED"))).body();
		UUID account = account(5, "DAILY", LocalDate.now(), 12, 3000, List.of());
		await(() -> count("select count(*) from outbox_message where account_id = :a and channel = 'WEBHOOK'", account) == 1);
		delivery.deliverDue();
		var row = jdbc.sql("select status || ':' || attempts from outbox_message where account_id = :a and channel = 'WEBHOOK'")
			.param("a", account).query(String.class).single();
		assertThat(row).isEqualTo("PENDING:1");
		call("DELETE", "/api/v1/webhooks/" + down.get("id").asString(), null);
	}
}
