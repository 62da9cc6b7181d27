package com.onward.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's Chromium for the browser tests: headless, a fresh profile, nothing fetched in the
 * background. Without the browser a test is skipped with the command that installs it — except
 * under {@code CI=true}, where a missing browser fails the run.
 */
public final class Chromium {

	public static final String BINARY = "/usr/bin/chromium";

	public static final String DRIVER = "/usr/bin/chromedriver";

	private Chromium() {
	}

	/**
	 * Whether the first chart matching {@code selector} is drawn, after scrolling it into view as a person
	 * would: charts are drawn only when they come near the viewport. For {@code WebDriverWait.until}.
	 */
	public static java.util.function.Function<WebDriver, Boolean> chartDrawn(String selector) {
		return d -> {
			var charts = d.findElements(By.cssSelector(selector));
			if (charts.isEmpty()) return false;
			((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", charts.get(0));
			return !charts.get(0).findElements(By.tagName("canvas")).isEmpty();
		};
	}

	/** A new browser with a window {@code width} pixels wide (1,000 high). */
	public static WebDriver start(int width) throws IOException {
		boolean present = new File(BINARY).canExecute() && new File(DRIVER).canExecute();
		if (!present) {
			String message = "Browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
			if ("true".equals(System.getenv("CI"))) fail(message);
			Assumptions.abort(message);
		}
		var options = new ChromeOptions();
		options.setBinary(BINARY);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + width + ",1000",
				"--user-data-dir=" + Files.createTempDirectory("onward-chromium"));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Follows the top bar's link to {@code path} as a person would: on a narrow window the navigation first folds behind
	 * the Menu button, and the less used pages sit in its "More" menu.
	 */
	public static void followNav(WebDriver driver, String path) {
		var toggle = driver.findElements(By.id("nav-toggle"));
		if (!toggle.isEmpty() && toggle.getFirst().isDisplayed()
				&& !"true".equals(toggle.getFirst().getAttribute("aria-expanded"))) {
			toggle.getFirst().click();
		}
		var link = driver.findElement(By.id("main-nav")).findElement(By.cssSelector("a[href='" + path + "']"));
		if (!link.isDisplayed()) {
			driver.findElement(By.cssSelector("#nav-more > summary")).click();
		}
		link.click();
	}

	/** Signs in on the staff sign-in page at {@code loginUrl} and waits until the browser has left it. */
	public static void signIn(WebDriver driver, String loginUrl, String username, String password) {
		driver.get(loginUrl);
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
			.until(d -> !d.getCurrentUrl().contains("/login"));
	}
}
