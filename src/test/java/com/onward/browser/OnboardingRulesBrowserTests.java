package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

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
import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * The onboarding rules of the seeds in a real browser: the graduation page says which blocker
 * or dimension stands in the way of READY (in English and Bahasa Indonesia), and a logged
 * security problem blocks until it is resolved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingRulesBrowserTests extends IntegrationTest {

	@Autowired
	Users users;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1400);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		Files.createDirectories(BrowserTests.SCREENSHOTS);
		if (users.find("rules-csm").isEmpty()) {
			users.create("rules-csm", "Rules CSM", null, StaffRole.CSM, "rules-csm-pass-1");
		}
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=en"), "rules-csm", "rules-csm-pass-1");
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void scoreAll(String score) {
		for (String d : List.of("technical", "knowledge", "adoption", "value", "stakeholder")) {
			WebElement input = driver.findElement(By.id("score-" + d));
			input.clear();
			input.sendKeys(score);
		}
		driver.findElement(By.id("score-note")).sendKeys("Scored at the completion review");
		WebElement submit = driver.findElement(By.id("score-submit"));
		submit.click();
		wait.until(ExpectedConditions.stalenessOf(submit));
		wait.until(d -> !d.findElements(By.id("verdict-why")).isEmpty());
	}

	@Test
	void theGraduationPageSaysWhichBlockerStandsInTheWay() throws IOException {
		String projectId = post("/api/v1/contracts", contract(unique("opp"), "2026-11-01T09:00:00Z", 300, 20_000, "en"))
			.body().get("projectId").asString();
		driver.get(url("/projects/" + projectId + "/graduation?lang=en"));
		wait.until(d -> !d.findElements(By.id("scorecard-form")).isEmpty());
		scoreAll("10");
		assertThat(driver.findElement(By.id("scorecard-verdict")).getText()).isEqualTo("Close: needs work");
		String why = driver.findElement(By.id("verdict-why")).getText();
		assertThat(why).contains("What stands in the way", "Blocker: No success criterion met",
				"Blocker: Value not confirmed by the customer");
		assertThat(driver.findElement(By.id("blockers")).getText()).contains("No success criterion met");

		// In Bahasa Indonesia the same reasons, in the page's language.
		driver.get(url("/projects/" + projectId + "/graduation?lang=id"));
		assertThat(driver.findElement(By.id("verdict-why")).getText()).contains("Yang menghalangi",
				"Pemblokir: Belum ada kriteria sukses yang tercapai");

		// Value met and confirmed; a security problem logged on the page blocks, resolving it lifts the block.
		com.onward.testing.MetValue.meet(this::post, projectId);
		driver.get(url("/projects/" + projectId + "/graduation?lang=en"));
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("issue-kind"))).selectByValue("SECURITY");
		driver.findElement(By.id("issue-title")).sendKeys("SSO not enforced for admins");
		WebElement log = driver.findElement(By.cssSelector("#issue-form button"));
		log.click();
		wait.until(ExpectedConditions.stalenessOf(log));
		wait.until(d -> !d.findElements(By.id("issue-list")).isEmpty());
		assertThat(driver.findElement(By.id("issue-list")).getText()).contains("SSO not enforced for admins",
				"blocks graduation");
		scoreAll("9");
		assertThat(driver.findElement(By.id("verdict-why")).getText())
			.contains("Blocker: Open security problem: SSO not enforced for admins");
		List<Rule> violations = new AxeBuilder().include("#verdict-why").include("#issues").analyze(driver)
			.getViolations().stream().filter(v -> "critical".equals(v.getImpact()) || "serious".equals(v.getImpact()))
			.toList();
		assertThat(violations).as(violations.stream().map(Rule::getId).toList().toString()).isEmpty();
		// The panel may be swapped again just after the scorecard's answer: find the button afresh until the click lands.
		wait.ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
			d.findElement(By.cssSelector("#issue-list form button")).click();
			return true;
		});
		wait.until(d -> !d.findElements(By.id("issue-list")).isEmpty()
				&& d.findElements(By.cssSelector("#issue-list form")).isEmpty());
		scoreAll("9");
		assertThat(driver.findElement(By.id("scorecard-verdict")).getText()).isEqualTo("Ready to graduate");
		assertThat(driver.findElement(By.id("verdict-why")).getText()).contains("Nothing: all five green and no blocker.");
		Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
				BrowserTests.SCREENSHOTS.resolve("graduation-blockers.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
