package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import com.onward.analytics.AnalyticsIntegrationTests;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * The Analytics section in a real browser, in Bahasa Indonesia: the time-to-value chart and the
 * retention table on a known history, then a what-if run whose chart changes when a specialist
 * is added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsBrowserTests extends IntegrationTest {

	@Autowired
	Users users;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1400);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		Files.createDirectories(BrowserTests.SCREENSHOTS);
		if (users.find("analyst").isEmpty()) {
			users.create("analyst", "Analyst", null, StaffRole.VIEWER, "analyst-pass-1");
		}
		if (users.find("analyst-editor").isEmpty()) {
			users.create("analyst-editor", "Analyst Editor", null, StaffRole.ADMIN, "analyst-pass-2");
		}
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	@Test
	void analyticsInBahasaIndonesiaAndAWhatIfWhoseChartChanges() throws IOException {
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(unique("br"), "2014"))
			.status()).isEqualTo(200);
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=id"), "analyst", "analyst-pass-1");

		com.onward.testing.Chromium.followNav(driver, "/analytics");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ttv-table")));
		driver.get(url("/analytics?groupBy=segment&from=2014-01-01&to=2014-12-31"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Analitik");
		wait.until(com.onward.testing.Chromium.chartDrawn("#ttv-chart"));
		assertThat(driver.findElement(By.id("ttv-table")).getText()).contains("MEDIAN (HARI)", "UKM", "24,5", "Baik", "Kelas dunia");
		WebElement retention = driver.findElement(By.id("retention-table"));
		assertThat(retention.getText()).contains("Dalam 30 hari", "31–90 hari", "Tidak pernah", "TINGKAT PERPANJANGAN", "66,67 %", "21–94 % (n=3)");
		assertThat(retention.findElements(By.tagName("tr"))).hasSize(5);
		wait.until(com.onward.testing.Chromium.chartDrawn("#retention-chart"));
		screenshot("analytics-id");
		accessible("analytics");

		com.onward.testing.Chromium.followNav(driver, "/planning");
		wait.until(com.onward.testing.Chromium.chartDrawn("#what-if-chart"));
		String before = driver.findElement(By.id("what-if-chart")).getAttribute("data-chart");
		String summaryBefore = driver.findElement(By.id("what-if-summary")).getText();
		assertThat(summaryBefore).contains("4 spesialis");
		WebElement specialists = driver.findElement(By.id("wi-specialists"));
		specialists.clear();
		specialists.sendKeys("4");
		driver.findElement(By.id("what-if-run")).click();
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> !d.findElement(By.id("what-if-summary")).getText().equals(summaryBefore));
		wait.until(com.onward.testing.Chromium.chartDrawn("#what-if-chart"));
		String after = driver.findElement(By.id("what-if-chart")).getAttribute("data-chart");
		assertThat(after).isNotEqualTo(before);
		assertThat(driver.findElement(By.id("what-if-summary")).getText()).contains("Antrean terbanyak: 0");
		assertThat(driver.getCurrentUrl()).as("redrawn in place by htmx").endsWith("/planning");
		screenshot("what-if-id");
		accessible("planning after a what-if");
	}

	@Test
	void renewalsHistoryAndTheRowsBehindAFigureInTheBrowserAreAccessible() throws IOException {
		String p = unique("ax");
		assertThat(callCsv("/api/v1/imports/history", AnalyticsIntegrationTests.knownHistoryIn(p, "1996")).status())
			.isEqualTo(200);
		String account = post("/api/v1/contracts", contract(unique("axr"), "2025-06-01T09:00:00Z", 40, 8000, "id")).body()
			.get("accountId").asString();
		driver.manage().deleteAllCookies();
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=id"), "analyst-editor", "analyst-pass-2");

		// The renewal form: wrong fields are named beside each field, in Bahasa Indonesia.
		driver.get(url("/accounts/" + account));
		WebElement date = driver.findElement(By.id("renewal-date"));
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = ''", date);
		driver.findElement(By.id("renewal-acv")).sendKeys("-1");
		driver.findElement(By.cssSelector("#renewal-form button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renewal-date-error")));
		assertThat(driver.findElement(By.id("renewal-date-error")).getText()).isEqualTo("Isi tanggal perpanjangan.");
		assertThat(driver.findElement(By.id("renewal-outcome-error")).getText()).isEqualTo("Pilih hasil.");
		assertThat(driver.findElement(By.id("renewal-acv-error")).getText()).startsWith("Isi jumlah nol atau lebih");
		accessible("the renewal card with errors", "#renewals");
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("renewal-outcome"))).selectByValue("RENEWED");
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = '2026-06-01'",
				driver.findElement(By.id("renewal-date")));
		driver.findElement(By.id("renewal-acv")).clear();
		driver.findElement(By.cssSelector("#renewal-form button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renewal-recorded")));
		assertThat(driver.findElement(By.id("renewal-table")).getText()).contains("Diperpanjang");

		// From a figure to the accounts behind it.
		driver.get(url("/analytics?from=1996-01-01&to=1996-12-31"));
		wait.until(com.onward.testing.Chromium.chartDrawn("#heatmap-chart"));
		assertThat(driver.findElement(By.id("heatmap-table")).getText()).contains("1996-Q1", "66,67 % (n=3)");
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
				driver.findElement(By.id("cohort-heatmap")));
		screenshot("analytics-heatmap-id");
		driver.findElement(By.cssSelector("#retention-table a[href*='key=LE_30']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members-table")));
		assertThat(driver.findElement(By.id("members-table")).getText()).contains("Small One", "Small Two", "Small Three");
		accessible("members");
		driver.findElement(By.linkText("Small One")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renewal-table")));

		driver.get(url("/analytics/review"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("factor-table")));
		accessible("review");
		driver.get(url("/analytics/history"));
		accessible("history");
		driver.get(url("/planning"));
		wait.until(com.onward.testing.Chromium.chartDrawn("#what-if-chart"));
		assertThat(driver.findElement(By.id("roi-years")).getText()).contains("403,6 %");
		accessible("planning");
	}

	/** axe-core on the page as it stands (or only on {@code within}): no critical or serious violation. */
	private void accessible(String page, String... within) {
		AxeBuilder axe = new AxeBuilder();
		for (String selector : within) axe.include(selector);
		List<Rule> violations = axe.analyze(driver).getViolations().stream()
			.filter(v -> "critical".equals(v.getImpact()) || "serious".equals(v.getImpact())).toList();
		assertThat(violations).as(page + ": " + violations.stream()
			.map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList())
			.toList()).isEmpty();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void screenshot(String name) throws IOException {
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), BrowserTests.SCREENSHOTS.resolve(name + ".png"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
