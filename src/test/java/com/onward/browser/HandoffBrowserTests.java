package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/**
 * The sales → CS handoff form in a real browser, in Bahasa Indonesia: completing the kickoff is refused
 * with a message naming what is missing, the form is filled in and saved, and then the kickoff completes.
 * The handoff panel has no critical or serious accessibility violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoffBrowserTests extends IntegrationTest {

	@Autowired
	Users users;

	WebDriver driver;
	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1400);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		Files.createDirectories(BrowserTests.SCREENSHOTS);
		if (users.find("handoff-csm").isEmpty()) {
			users.create("handoff-csm", "Handoff CSM", null, StaffRole.CSM, "handoff-csm-pass-1");
		}
		com.onward.testing.Chromium.signIn(driver, url("/login?lang=id"), "handoff-csm", "handoff-csm-pass-1");
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void theKickoffWaitsForTheHandoffFormFilledInBahasaIndonesia() throws IOException {
		var signed = post("/api/v1/contracts", contract(unique("opp"), LocalDate.now().minusDays(3) + "T09:00:00Z", 300,
				20_000, "id")).body();
		String projectId = signed.get("projectId").asString();
		driver.get(url("/projects/" + projectId + "?lang=id"));
		wait.until(com.onward.testing.Chromium.scrolledTo(By.id("handoff-form")));
		assertThat(driver.findElement(By.id("handoff-form-status")).getText()).contains("Belum diisi", "Masalah bisnis");
		axe("project page with the handoff form");

		// The kickoff is refused, in Bahasa Indonesia, naming what is missing.
		kickoffTo("DONE");
		WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-error")));
		assertThat(error.getText()).contains("Isi formulir serah terima sales sebelum menyelesaikan kickoff",
				"Kriteria keberhasilan yang terukur", "Risiko");
		assertThat(kickoffStatus(projectId)).isNotEqualTo("DONE");

		var answers = Map.of("useCase", "Pemrosesan faktur", "businessProblem", "Persetujuan faktur memakan waktu 6 hari",
				"successCriteria", "Waktu persetujuan turun dari 6 menjadi 3,6 hari pada hari ke-90", "timelineExpectations",
				"Go-live pada minggu ke-8", "stakeholders", "Siti Rahma (pimpinan proyek), Budi (sponsor)", "promisesMade",
				"Tidak ada", "risks", "Tim TI sibuk pada bulan kedua", "dependencies", "Ekspor dari ERP");
		answers.forEach((field, value) -> {
			WebElement box = driver.findElement(By.id("handoff-" + field));
			box.clear();
			box.sendKeys(value);
		});
		WebElement save = driver.findElement(By.id("handoff-form-save"));
		save.click();
		wait.until(ExpectedConditions.stalenessOf(save));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("handoff-form-status")));
		wait.until(d -> d.findElement(By.id("handoff-form-status")).getText().contains("Lengkap"));
		assertThat(driver.findElement(By.id("handoff-businessProblem")).getAttribute("value"))
			.isEqualTo("Persetujuan faktur memakan waktu 6 hari");
		screenshot("handoff-form-id");
		axe("project page with the saved handoff form");

		// Now the kickoff completes.
		kickoffTo("DONE");
		wait.until(d -> "DONE".equals(kickoffStatus(projectId)));
		assertThat(driver.findElements(By.id("plan-error"))).isEmpty();
		assertThat(get("/api/v1/projects/" + projectId + "/handoff-form").body().get("risks").asString())
			.isEqualTo("Tim TI sibuk pada bulan kedua");
	}

	private void kickoffTo(String status) {
		WebElement select = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("select.item-status[data-key='kickoff'], select.item-status[data-key='exec-kickoff']")));
		new Select(select).selectByValue(status);
		wait.until(ExpectedConditions.stalenessOf(select));
	}

	private String kickoffStatus(String projectId) {
		for (var phase : get("/api/v1/projects/" + projectId).body().get("phases")) {
			for (var item : phase.get("items")) {
				if (List.of("kickoff", "exec-kickoff").contains(item.get("key").asString())) return item.get("status").asString();
			}
		}
		throw new AssertionError("no kickoff");
	}

	private void axe(String page) {
		wait.until(com.onward.testing.Chromium.scrolledTo(By.id("handoff-panel")));
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
