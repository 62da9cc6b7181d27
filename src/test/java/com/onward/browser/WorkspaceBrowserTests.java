package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.messaging.Notifications;
import com.onward.messaging.Outbox;
import com.onward.messaging.StaffNotice;
import com.onward.shared.Segment;
import com.onward.team.NewMember;
import com.onward.team.Team;
import com.onward.team.TeamRole;

/**
 * The staff workspace in a real Chromium: notices and approvals reach the inbox with a badge in the top bar, the
 * outbox answers "what went out?" (filter, open, resend), the portfolio and red flags sort on the server, and a
 * reassignment warns and can be undone. Every page visited passes axe-core without critical or serious findings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceBrowserTests extends IntegrationTest {

	static final String PASSWORD = "ws-password-123";

	@Autowired
	Users users;

	@Autowired
	Team team;

	@Autowired
	Notifications notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1440);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	@Test
	void noticesAndPendingApprovalsReachTheInboxWithABadgeInTheTopBar() throws IOException {
		var signed = post("/api/v1/contracts", contract(unique("ws-inbox"), Instant.now().toString(), 300, 20_000, "en")).body();
		UUID accountId = UUID.fromString(signed.get("accountId").asString());
		String projectId = signed.get("projectId").asString();
		String accountName = jdbc.sql("select name from account where id = :a").param("a", accountId).query(String.class).single();

		// A CSM user is the team member the automation notifies.
		String csm = unique("ws-csm");
		var user = users.create(csm, "Citra", csm + "@onward.example", StaffRole.CSM, PASSWORD);
		var member = team.add(new NewMember("Citra " + csm, unique("c") + "@team.example", TeamRole.CSM, Set.of(), 100));
		team.linkUser(member.id(), user.id());
		notifications.notifyAll(List.of(new StaffNotice(unique("ws-notice"), member.userId() == null ? user.id() : user.id(),
				null, accountId, "notice.NO_LOGIN_AFTER_ACCESS", List.of(accountName, 7))));

		signIn(csm);
		driver.get(url("/?lang=en"));
		assertThat(driver.findElement(By.id("inbox-count")).getText()).isEqualTo("1");
		driver.findElement(By.id("nav-inbox")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notifications")));
		assertThat(driver.findElement(By.id("notifications")).getText())
			.contains("Nobody at " + accountName + " has signed in 7 days after access");
		accessible("inbox (CSM)");
		driver.findElement(By.cssSelector("form[action$='/inbox/read'] button")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notifications")));
		// The badge counts unread notices and open tasks: the notice is read now; only tasks other work may have
		// given this member while the suite runs can remain.
		long openTasks = jdbc.sql("select count(*) from automation_task where assignee_id = :m and status = 'OPEN'")
			.param("m", member.id()).query(Long.class).single();
		var badge = driver.findElements(By.id("inbox-count"));
		if (openTasks == 0) {
			assertThat(badge).as("nothing unread").isEmpty();
		}
		else {
			assertThat(badge.getFirst().getText()).as("only the open tasks").isEqualTo(String.valueOf(openTasks));
		}

		// An extension beyond the cap waits for a manager: it is in the manager's inbox, counted in the badge.
		LocalDate target = LocalDate.parse(get("/api/v1/projects/" + projectId).body().get("targetGraduationDate").asString());
		var extension = post("/api/v1/projects/" + projectId + "/extensions", Map.of("reason", "Data migration late",
				"mustHappen", "Import finished", "newTarget", target.plusDays(45).toString(), "checkIn", "WEEKLY",
				"informed", "Siti"));
		assertThat(extension.status()).as(extension.raw()).isEqualTo(201);
		assertThat(extension.body().get("status").asString()).isEqualTo("ESCALATED");
		String manager = unique("ws-mgr");
		users.create(manager, "Maya", null, StaffRole.CS_MANAGER, PASSWORD);
		signIn(manager);
		driver.get(url("/inbox?lang=id"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approval-list")));
		assertThat(driver.findElement(By.id("approvals")).getText()).contains(accountName, "+45 hari", "Menunggu keputusan Anda");
		assertThat(Integer.parseInt(driver.findElement(By.id("inbox-count")).getText())).isGreaterThanOrEqualTo(1);
		accessible("inbox (manager, id)");
		driver.findElement(By.xpath("//table[@id='approval-list']//tr[td/a[normalize-space(.)='" + accountName
				+ "']]//a[contains(@class, 'approval-link')]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("extensions")));
		assertThat(driver.getCurrentUrl()).contains("/projects/" + projectId + "/graduation");
	}

	@Test
	void theOutboxIsFilteredAMessageOpenedAndAFailedOneResent() throws IOException {
		var signed = post("/api/v1/contracts", contract(unique("ws-out"), Instant.now().toString(), 300, 20_000, "id")).body();
		UUID accountId = UUID.fromString(signed.get("accountId").asString());
		String accountName = jdbc.sql("select name from account where id = :a").param("a", accountId).query(String.class).single();
		String recipient = unique("siti") + "@outbox.example";
		outbox.enqueue(unique("ws-a"), "welcome", accountId, recipient, "id", Map.of("account", accountName, "contact", "Siti"));
		outbox.enqueue(unique("ws-b"), "feature-how-to", accountId, recipient, "id", Map.of("feature", "laporan keuangan"));
		UUID failed = jdbc.sql("select id from outbox_message where account_id = :a and template = 'feature-how-to'")
			.param("a", accountId).query(UUID.class).single();
		jdbc.sql("update outbox_message set status = 'FAILED', attempts = 8, last_error = '550 5.1.1 mailbox unavailable' where id = :id")
			.param("id", failed).update();

		signIn(admin());
		driver.get(url("/messages?lang=id"));
		driver.findElement(By.id("f-account")).sendKeys(accountName);
		new Select(driver.findElement(By.id("f-status"))).selectByValue("FAILED");
		new Select(driver.findElement(By.id("f-template"))).selectByValue("feature-how-to");
		assertThat(new Select(driver.findElement(By.id("f-template"))).getFirstSelectedOption().getText()).isEqualTo("Panduan fitur");
		driver.findElement(By.id("f-from")).sendKeys(dateInput(LocalDate.now()));
		driver.findElement(By.id("outbox-filter-submit")).click();
		wait.until(ExpectedConditions.urlContains("status=FAILED"));
		List<WebElement> rows = driver.findElements(By.cssSelector("#outbox a.open-message"));
		assertThat(rows).hasSize(1);
		assertThat(driver.findElement(By.id("outbox")).getText()).contains("Panduan fitur").doesNotContain("feature-how-to");
		accessible("outbox filtered (id)");

		rows.getFirst().click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message-headers")));
		assertThat(driver.findElement(By.id("message-headers")).getText()).contains(recipient, "Message-ID", "id");
		assertThat(driver.findElement(By.id("message-body")).getText()).contains("laporan keuangan");
		assertThat(driver.findElement(By.id("message-error")).getText()).contains("550 5.1.1");
		assertThat(driver.findElement(By.id("message-attempts")).getText()).isEqualTo("8");
		accessible("message (id)");
		((JavascriptExecutor) driver).executeScript("window.confirm = function () { return true; };");
		driver.findElement(By.id("resend")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("resent")));
		assertThat(jdbc.sql("select status from outbox_message where id = :id").param("id", failed).query(String.class).single())
			.isEqualTo("PENDING");
		assertThat(driver.findElements(By.id("resend"))).as("only a failed message offers a resend").isEmpty();
	}

	@Test
	void thePortfolioAndTheRedFlagsSortOnTheServer() throws IOException {
		String tag = unique("wsort");
		List<UUID> accounts = new java.util.ArrayList<>();
		for (long acv : new long[] { 30_000, 10_000, 20_000 }) {
			var signed = post("/api/v1/contracts", contract(tag + "-" + acv, Instant.now().toString(), 300, acv, "en")).body();
			accounts.add(UUID.fromString(signed.get("accountId").asString()));
		}
		for (UUID a : accounts) {
			jdbc.sql("""
					insert into red_flag (id, account_id, category, code, evidence_args, raised_at, source)
					values (gen_random_uuid(), :a, 'RELATIONSHIP', 'HUMAN_FOLLOW_UP', '[]', now(), 'AUTOMATION')""")
				.param("a", a).update();
		}
		signIn(admin());
		driver.get(url("/?lang=en&q=" + tag));
		driver.findElement(By.id("sort-acv")).click();
		wait.until(ExpectedConditions.urlContains("sort=acv"));
		assertThat(acvOrder("#portfolio-table tr.portfolio-row", tag)).containsExactly("10000", "20000", "30000");
		assertThat(driver.findElement(By.id("sort-acv")).findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
		driver.findElement(By.id("sort-acv")).click();
		wait.until(ExpectedConditions.urlContains("dir=desc"));
		assertThat(acvOrder("#portfolio-table tr.portfolio-row", tag)).containsExactly("30000", "20000", "10000");
		// Each row links the name to the account and has a direct project link.
		WebElement row = driver.findElements(By.cssSelector("#portfolio-table tr.portfolio-row")).getFirst();
		assertThat(row.findElement(By.cssSelector("a.account-link")).getAttribute("href")).contains("/accounts/");
		assertThat(row.findElement(By.cssSelector("a.project-link")).getAttribute("href")).contains("/projects/");
		accessible("portfolio sorted", "#portfolio-table");
		row.findElement(By.cssSelector("a.project-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("project-heading")));
		assertThat(driver.findElement(By.id("project-heading")).getText()).contains(tag + "-30000");

		driver.get(url("/red-flags?lang=ms&category=RELATIONSHIP"));
		driver.findElement(By.id("sort-acv")).click();
		wait.until(ExpectedConditions.urlContains("sort=acv"));
		driver.findElement(By.id("sort-acv")).click();
		wait.until(ExpectedConditions.urlContains("dir=desc"));
		List<String> flagged = driver.findElements(By.cssSelector("#flag-list tr.flag-row")).stream()
			.map(r -> r.getAttribute("data-account")).filter(n -> n.contains(tag)).toList();
		assertThat(flagged).containsExactly("Acme " + tag + "-30000", "Acme " + tag + "-20000", "Acme " + tag + "-10000");
		accessible("red flags sorted (ms)", "#flag-list");
	}

	@Test
	void aReassignmentOutsideTheSegmentWarnsAndCanBeUndone() throws IOException {
		var mid = team.add(new NewMember(unique("Mid"), null, TeamRole.IMPLEMENTATION_SPECIALIST, Set.of(Segment.MID_MARKET), 1000));
		var signed = post("/api/v1/contracts", contract(unique("ws-team"), Instant.now().toString(), 300, 20_000, "en")).body();
		UUID projectId = UUID.fromString(signed.get("projectId").asString());
		UUID before = specialist(projectId);
		var enterprise = team.add(new NewMember(unique("Ent Only"), null, TeamRole.IMPLEMENTATION_SPECIALIST,
				Set.of(Segment.ENTERPRISE), 50));
		try {
			signIn(admin());
			driver.get(url("/projects/" + projectId + "?lang=en"));
			WebElement select = wait.until(com.onward.testing.Chromium.scrolledTo(By.id("reassign-IMPLEMENTATION_SPECIALIST")));
			new Select(select).selectByValue(enterprise.id().toString());
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reassign-warning")));
			assertThat(driver.findElement(By.id("reassign-warning")).getText()).contains("does not serve Mid-Market customers");
			assertThat(specialist(projectId)).as("nothing changed before confirming").isEqualTo(before);
			accessible("project reassignment warning", "#team-panel");
			driver.findElement(By.id("reassign-confirm")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reassign-undo")));
			assertThat(specialist(projectId)).isEqualTo(enterprise.id());
			driver.findElement(By.id("reassign-undo")).click();
			// Undone: the role is back with the previous member (the panel is being swapped by htmx meanwhile).
			wait.until(d -> before.equals(specialist(projectId)));
			assertThat(specialist(projectId)).isEqualTo(before);
		}
		finally {
			jdbc.sql("update team_member set active = false where id in (:a, :b)").param("a", enterprise.id())
				.param("b", mid.id()).update();
		}
	}

	/**
	 * A manager links a team member to the user they sign in as on the Team page (in every language, axe-clean);
	 * a user already linked to someone else is refused next to the field, in the page's language, with the choice
	 * kept; each change is audited.
	 */
	@Test
	void aTeamMemberIsLinkedToTheUserTheySignInAsOnTheTeamPage() throws IOException {
		String login = unique("ws-link");
		var user = users.create(login, "Dewi " + login, null, StaffRole.CSM, PASSWORD);
		String takenLogin = unique("ws-taken");
		var taken = users.create(takenLogin, "Rudi " + takenLogin, null, StaffRole.CSM, PASSWORD);
		var member = team.add(new NewMember(unique("Dewi"), null, TeamRole.CSM, Set.of(), 100));
		var holder = team.add(new NewMember(unique("Rudi"), null, TeamRole.CSM, Set.of(), 100));
		team.linkUser(holder.id(), taken.id());
		By form = By.cssSelector("form[action$='/team/members/" + member.id() + "/user']");
		try {
			signIn(admin());
			for (String language : List.of("en", "ms", "id")) {
				driver.get(url("/team?lang=" + language));
				wait.until(ExpectedConditions.presenceOfElementLocated(form));
				accessible("team (" + language + ")");
			}
			// Indonesian from here on.
			new Select(driver.findElement(form).findElement(By.name("userId"))).selectByValue(user.id().toString());
			driver.findElement(form).findElement(By.cssSelector("button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(form, "Tersimpan."));
			assertThat(userOf(member.id())).isEqualTo(user.id());
			assertThat(new Select(driver.findElement(form).findElement(By.name("userId"))).getFirstSelectedOption().getText())
				.isEqualTo("Dewi " + login + " (" + login + ")");

			new Select(driver.findElement(form).findElement(By.name("userId"))).selectByValue(taken.id().toString());
			driver.findElement(form).findElement(By.cssSelector("button")).click();
			WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("restored-error")));
			assertThat(error.getText()).isEqualTo(takenLogin + " sudah ditautkan ke " + holder.name() + "; lepaskan tautan itu dulu.");
			assertThat(new Select(driver.findElement(form).findElement(By.name("userId"))).getFirstSelectedOption()
				.getAttribute("value")).as("the choice is kept").isEqualTo(taken.id().toString());
			assertThat(userOf(member.id())).as("nothing changed").isEqualTo(user.id());
			accessible("team with an error (id)");

			new Select(driver.findElement(form).findElement(By.name("userId"))).selectByValue("");
			driver.findElement(form).findElement(By.cssSelector("button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(form, "Tersimpan."));
			assertThat(userOf(member.id())).as("unlinked: matched by email again").isNull();
			assertThat(jdbc.sql("select action from audit_log where entity_id = :m order by at")
				.param("m", member.id().toString()).query(String.class).list())
				.containsSubsequence("team.member-linked", "team.member-unlinked");
		}
		finally {
			jdbc.sql("update team_member set active = false, user_id = null where id in (:a, :b)").param("a", member.id())
				.param("b", holder.id()).update();
		}
	}

	private UUID userOf(UUID memberId) {
		return jdbc.sql("select user_id from team_member where id = :m").param("m", memberId)
			.query((rs, n) -> rs.getObject(1, UUID.class)).list().getFirst();
	}

	private UUID specialist(UUID projectId) {
		return jdbc.sql("select member_id from project_assignment where project_id = :p and role = 'IMPLEMENTATION_SPECIALIST'")
			.param("p", projectId).query(UUID.class).single();
	}

	private List<String> acvOrder(String rows, String tag) {
		return driver.findElements(By.cssSelector(rows)).stream().map(r -> r.getAttribute("data-account"))
			.filter(n -> n.contains(tag)).map(n -> n.substring(n.lastIndexOf('-') + 1)).toList();
	}

	private String admin() {
		if (users.find("ws-admin").isEmpty()) {
			users.create("ws-admin", "WS Admin", null, StaffRole.ADMIN, PASSWORD);
		}
		return "ws-admin";
	}

	private void signIn(String username) {
		driver.manage().deleteAllCookies();
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=en"), username, PASSWORD);
	}

	/** What Chromium's date input takes from the keyboard in an en-US browser: month, day, year. */
	private static String dateInput(LocalDate day) {
		return String.format("%02d%02d%04d", day.getMonthValue(), day.getDayOfMonth(), day.getYear());
	}

	/**
	 * No critical or serious axe-core finding on the page, or — on pages whose other parts other work covers — in
	 * the parts named by {@code include} (CSS selectors).
	 */
	private void accessible(String page, String... include) throws IOException {
		Files.createDirectories(Path.of("target"));
		AxeBuilder axe = new AxeBuilder();
		for (String selector : include) axe.include(selector);
		List<Rule> violations = axe.analyze(driver).getViolations().stream()
			.filter(v -> "critical".equals(v.getImpact()) || "serious".equals(v.getImpact())).toList();
		assertThat(violations).as(page + ": " + violations.stream()
			.map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()).toList())
			.isEmpty();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}
}
