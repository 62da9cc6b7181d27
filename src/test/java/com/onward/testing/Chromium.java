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

	/**
	 * The first element matching {@code by}, scrolling down the page a screen per try as a person would until it is
	 * there: panels below the fold load only when they come into view (hx-trigger="intersect once"). For
	 * {@code WebDriverWait.until}.
	 */
	public static java.util.function.Function<WebDriver, org.openqa.selenium.WebElement> scrolledTo(By by) {
		return d -> {
			var found = d.findElements(by);
			if (!found.isEmpty()) return found.get(0);
			((org.openqa.selenium.JavascriptExecutor) d).executeScript("window.scrollBy(0, window.innerHeight * 0.8)");
			return null;
		};
	}

	/**
	 * Scrolls through the whole page a screen at a time, as a person reading it would, until its end is in view and
	 * no htmx request is under way: the panels that load when they come into view are then in. Ends at the top. A page
	 * without such panels is left as it is.
	 */
	public static void scrollThrough(WebDriver driver) {
		var js = (org.openqa.selenium.JavascriptExecutor) driver;
		if (!Boolean.TRUE.equals(js.executeScript("return !!document.querySelector('[hx-trigger~=\"intersect\"]')"))) return;
		// Each step waits two frames and a task, so intersection observers have seen the new position and htmx
		// has started the requests they trigger.
		String step = "var done = arguments[arguments.length - 1];"
				+ " window.scrollBy(0, window.innerHeight * 0.8);"
				+ " requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(function () {"
				+ "   done(window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2"
				+ "     && !document.querySelector('.htmx-request')); }, 50); }); });";
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
		int atEnd = 0;
		// Twice at the end in a row: a panel that arrived after the first look may have made the page longer.
		while (atEnd < 2 && System.nanoTime() < deadline) {
			atEnd = Boolean.TRUE.equals(js.executeAsyncScript(step)) ? atEnd + 1 : 0;
		}
		js.executeScript("window.scrollTo(0, 0)");
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
