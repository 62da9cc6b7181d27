package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * The portal in a real browser (Debian Chromium), in Bahasa Indonesia: the contact opens the
 * link from the email, confirms, sees the plan, completes homework with a comment and a file,
 * answers the kickoff CSAT; staff then see all of it on the project page. Each portal page is
 * checked with axe-core: no critical or serious violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTests extends PortalTestSupport {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@Autowired
	Users users;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1400);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		// htmx swaps the item a step is waiting on: a lookup that meets the old element simply tries again.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void accessible(String page) throws IOException {
		Files.write(SCREENSHOTS.resolve("portal-" + page + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		List<Rule> violations = new AxeBuilder().analyze(driver).getViolations().stream()
			.filter(v -> "critical".equals(v.getImpact()) || "serious".equals(v.getImpact())).toList();
		assertThat(violations).as(page + ": " + violations.stream()
			.map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()).toList())
			.isEmpty();
	}

	@Test
	void aContactSignsInDoesHomeworkAnswersTheKickoffCsatAndStaffSeeIt() throws IOException {
		Customer c = customer("id", true);
		String invitation = link(c.email(), 1);
		assertThat(invitation).endsWith("?lang=id");
		UUID questionnaire = homework(c).get("questionnaire");

		driver.get(url("/portal/sign-in?lang=id"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Masuk ke portal onboarding Anda");
		accessible("sign-in");

		driver.get(url(invitation));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-sign-in")));
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("id");
		accessible("confirm");
		driver.findElement(By.id("confirm-sign-in")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portal-home")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Onboarding Anda");
		assertThat(driver.findElement(By.id("plan")).getText()).contains("Rencana dan jadwal", "Kuesioner pra-panggilan");
		accessible("home");
		// The language menu works under the portal's strict CSP (a script file, no inline handler).
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("portal-lang"))).selectByValue("ms");
		wait.until(d -> "ms".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("portal-lang"))).selectByValue("id");
		wait.until(d -> "id".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Onboarding Anda");

		// A comment, a file and "done" on the questionnaire.
		WebElement item = driver.findElement(By.id("item-" + questionnaire));
		item.findElement(By.tagName("textarea")).sendKeys("Kuesioner sudah diisi oleh tim kami");
		item.findElement(By.cssSelector("button.add-comment")).click();
		wait.until(d -> d.findElement(By.id("item-" + questionnaire)).getText().contains("Kuesioner sudah diisi"));
		Path file = Files.createTempFile("kuesioner", ".csv");
		Files.writeString(file, "pertanyaan,jawaban\nuser,120\n");
		driver.findElement(By.id("file-" + questionnaire)).sendKeys(file.toAbsolutePath().toString());
		driver.findElement(By.id("item-" + questionnaire)).findElement(By.cssSelector("button.upload-file")).click();
		wait.until(d -> !d.findElement(By.id("item-" + questionnaire)).findElements(By.cssSelector("ul.files a")).isEmpty());
		driver.findElement(By.id("item-" + questionnaire)).findElement(By.cssSelector("button.complete-homework")).click();
		wait.until(d -> d.findElement(By.id("item-" + questionnaire)).getText().contains("Selesai"));
		assertThat(itemStatus(c, questionnaire)).isEqualTo("DONE");

		// The kickoff is held; its CSAT (kickoff milestones ask by default) shows in the portal.
		com.onward.Gates.handoffFormFilled(this, c.projectId());
		call("PATCH", "/api/v1/projects/" + c.projectId() + "/items/" + item(c, "kickoff"), Map.of("status", "DONE"));
		await(() -> jdbc.sql("select count(*) from survey_request where account_id = :a and answered_at is null")
			.param("a", c.accountId()).query(Long.class).single() >= 1);
		driver.get(url("/portal"));
		WebElement survey = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.survey")));
		accessible("home-with-survey");
		survey.findElement(By.cssSelector("label[for$='-4']")).click();
		survey.findElement(By.tagName("textarea")).sendKeys("Kickoff sangat jelas");
		survey.findElement(By.cssSelector("button.answer-survey")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-thanks")));
		assertThat(jdbc.sql("select score from survey_request where account_id = :a and answered_at is not null")
			.param("a", c.accountId()).query(Integer.class).list()).contains(4);

		driver.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("send-link")));
		accessible("signed-out");

		// Staff see the comment, the file and the item done on the project page.
		if (users.find("portal-browser").isEmpty()) {
			users.create("portal-browser", "Portal Browser", null, StaffRole.ADMIN, "portal-browser-pass-1");
		}
		driver.get(url("/login?lang=en"));
		driver.findElement(By.id("username")).sendKeys("portal-browser");
		driver.findElement(By.id("password")).sendKeys("portal-browser-pass-1");
		driver.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portfolio-list")));
		driver.get(url("/projects/" + c.projectId()));
		WebElement activity = wait.until(com.onward.testing.Chromium.scrolledTo(By.id("portal-activity")));
		assertThat(activity.getText()).contains("Kuesioner sudah diisi oleh tim kami", file.getFileName().toString(), "Done");
		Files.write(SCREENSHOTS.resolve("portal-staff-project.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}
}
