package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.onward.Gates;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.portal.FeedbackSurveys;
import com.onward.survey.Surveys;
import com.onward.usage.UsageTestSupport;

/**
 * The escalations page, the ready-to-complete review list, the success templates and quick-win library, the
 * feedback card on the analytics page and the hypercare form on the project page, walked in a real Chromium in
 * Bahasa Indonesia by a CSM who reaches each from the navigation or the page it belongs to and does its action
 * there. Every page has no critical or serious accessibility violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpPagesBrowserTests extends UsageTestSupport {

	@Autowired
	Users users;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	FeedbackSurveys feedback;
	@Autowired
	Surveys surveys;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1400);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		Files.createDirectories(BrowserTests.SCREENSHOTS);
		if (users.find("follow-browser").isEmpty()) {
			users.create("follow-browser", "Follow Browser", null, StaffRole.CSM, "follow-browser-pass-1");
		}
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=id"), "follow-browser", "follow-browser-pass-1");
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void aCsmWorksThroughTheFollowUpPagesInBahasaIndonesia() throws Exception {
		// An escalation to executives, recorded on the account's health page.
		var signed = post("/api/v1/contracts", contract(unique("esc"), LocalDate.now().minusDays(20) + "T09:00:00Z", 300,
				20_000, "id")).body();
		String account = signed.get("accountId").asString();
		String project = signed.get("projectId").asString();
		driver.get(url("/accounts/" + account + "/health?lang=id"));
		driver.findElement(By.id("escalation-raised-by")).sendKeys("Budi (CFO)");
		driver.findElement(By.id("escalation-to")).sendKeys("VP Customer Success");
		driver.findElement(By.id("escalation-summary")).sendKeys("Faktur masih terlambat");
		submit(By.id("escalation-record"));
		wait.until(d -> d.findElement(By.id("account-escalations")).getText().contains("Faktur masih terlambat"));
		axe("account health with an escalation");

		// The escalations page, from the navigation: listed, resolved with what was done.
		com.onward.testing.Chromium.followNav(driver, "/escalations");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("escalation-list")));
		String escalation = get("/api/v1/accounts/" + account + "/escalations").body().get(0).get("id").asString();
		WebElement row = driver.findElement(By.xpath("//button[@id='resolve-" + escalation + "']/ancestor::tr"));
		assertThat(row.getText()).contains("Eskalasi ke level eksekutif", "Budi (CFO) kepada VP Customer Success");
		axe("escalations");
		screenshot("escalations-id");
		// Without saying what was done: refused in Bahasa Indonesia.
		submit(By.id("resolve-" + escalation));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("escalation-error"))).getText())
			.contains("Tuliskan apa yang dilakukan");
		driver.findElement(By.id("resolution-" + escalation)).sendKeys("Panggilan mingguan dengan CFO");
		submit(By.id("resolve-" + escalation));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("escalation-resolved")));
		assertThat(driver.findElements(By.id("resolve-" + escalation))).isEmpty();

		// The ready-to-complete list, from the navigation: a listed SMB project is approved.
		String listed = listedProject();
		com.onward.testing.Chromium.followNav(driver, "/ready-to-complete");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ready-list")));
		axe("ready to complete");
		screenshot("ready-to-complete-id");
		driver.findElement(By.id("ongoing-" + listed)).sendKeys("Andi");
		// Completion cannot be undone: the page asks first, in Indonesian, and the CSM confirms.
		WebElement approve = driver.findElement(By.id("approve-" + listed));
		approve.click();
		var confirm = wait.until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).startsWith("Selesaikan onboarding").contains("tidak dapat dibatalkan");
		confirm.accept();
		wait.until(ExpectedConditions.stalenessOf(approve));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ready-done"))).getText())
			.contains("Disetujui");
		assertThat(get("/api/v1/projects/" + listed).body().get("status").asString()).isEqualTo("COMPLETED");

		// Success templates and quick-win ideas: browsed from the navigation, applied from the project's success plan.
		com.onward.testing.Chromium.followNav(driver, "/success-templates");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("template-list")));
		assertThat(driver.findElement(By.id("quick-win-ideas")).getText()).contains("Otomatiskan satu laporan manual");
		axe("success templates");
		driver.get(url("/projects/" + project + "/success?lang=id"));
		driver.findElement(By.id("success-templates-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("templates-for-project")));
		axe("success templates for a project");
		UUID idea = jdbc.sql("select id from quick_win_idea where title ->> 'en' = 'Automate one manual report'")
			.query(UUID.class).single();
		submit(By.id("plan-idea-" + idea));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("idea-applied"))).getText())
			.contains("Otomatiskan satu laporan manual");
		screenshot("success-templates-id");

		// The feedback card on the analytics page.
		com.onward.testing.Chromium.followNav(driver, "/analytics");
		WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-feedback")));
		assertThat(card.getText()).contains("Umpan balik pelanggan", "Mengapa pelanggan berhenti");
		axe("analytics with the feedback card");

		// Hypercare: after go-live, an issue is logged from the project page.
		Gates.ready(this, project);
		String goLive = null;
		for (var phase : get("/api/v1/projects/" + project).body().get("phases")) {
			for (var item : phase.get("items")) if (item.get("goLive").asBoolean()) goLive = item.get("id").asString();
		}
		assertThat(call("PATCH", "/api/v1/projects/" + project + "/items/" + goLive, Map.of("status", "DONE")).status())
			.isEqualTo(200);
		driver.get(url("/projects/" + project + "?lang=id"));
		WebElement title = wait.until(com.onward.testing.Chromium.scrolledTo(By.id("hypercare-issue-title")));
		title.sendKeys("Ekspor ke ERP timeout");
		submit(By.id("hypercare-issue-log"));
		wait.until(d -> !d.findElements(By.id("hypercare-issues")).isEmpty()
				&& d.findElement(By.id("hypercare-issues")).getText().contains("Ekspor ke ERP timeout"));
		axe("project page with a hypercare issue");
		screenshot("hypercare-issue-id");
		assertThat(get("/api/v1/projects/" + project + "/issues").body().get(0).get("resolveBy").asString())
			.isEqualTo(LocalDate.now().plusDays(2).toString());
	}

	/** Clicks a submit button and waits for the next page. */
	private void submit(By button) {
		WebElement b = driver.findElement(button);
		b.click();
		wait.until(ExpectedConditions.stalenessOf(b));
	}

	private String listedProject() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(30), 40, 5_000,
				List.of(Map.of("name", "Rina Putri", "email", unique("rina") + "@smb.example", "role", "PROJECT_LEAD")));
		String project = get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
		post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Pembukuan", "kpi",
				"buku ditutup di produk setiap bulan", "kind", "QUALITATIVE"));
		feedback.sendGoalSurveys();
		String token = jdbc.sql("select token from survey_request where account_id = :a and kind = 'GOAL'").param("a", account)
			.query(String.class).single();
		surveys.answer(token, 1, null);
		for (int i = 0; i < 200 && status(project) == null; i++) Thread.sleep(50);
		var scores = new LinkedHashMap<String, Object>(Map.of("technical", 9, "knowledge", 8, "adoption", 7, "value", 9,
				"stakeholder", 8));
		post("/api/v1/projects/" + project + "/scorecard", scores);
		assertThat(status(project)).isEqualTo("LISTED");
		return project;
	}

	private String status(String project) {
		return jdbc.sql("select status from graduation_ready_review where project_id = cast(:p as uuid)").param("p", project)
			.query(String.class).optional().orElse(null);
	}

	private void axe(String page) {
		List<Rule> violations = new AxeBuilder().analyze(driver).getViolations().stream()
			.filter(v -> "critical".equals(v.getImpact()) || "serious".equals(v.getImpact())).toList();
		assertThat(violations).as(page + ": " + violations.stream()
			.map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList())
			.toList()).isEmpty();
	}

	private void screenshot(String name) throws IOException {
		Files.write(BrowserTests.SCREENSHOTS.resolve(name + ".png"),
				((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}
}
