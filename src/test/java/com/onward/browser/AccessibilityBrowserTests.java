package com.onward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.i18n.UntranslatedCodesTests;

/**
 * Every staff page, in English, Bahasa Indonesia and Bahasa Melayu, audited by axe-core in a real
 * Chromium: no critical or serious violation anywhere (labelled controls, AA contrast, names for
 * every link and button). The counts per page are written to target/axe-counts.txt. The top bar
 * fits a 390 px phone and stays on one line in Malay at 1440 px.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTests extends IntegrationTest {

	static final String[] LANGUAGES = { "en", "id", "ms" };

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	WebDriver driver;

	WebDriverWait wait;

	String projectId;

	String accountId;

	@BeforeAll
	void startBrowser() throws IOException {
		driver = com.onward.testing.Chromium.start(1440);
		wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		if (users.find("a11y-admin").isEmpty()) {
			users.create("a11y-admin", "Aksesibilitas Admin", null, StaffRole.ADMIN, "a11y-admin-pass-1");
		}
		var signed = post("/api/v1/contracts", contract(unique("a11y"), "2026-11-01T09:00:00Z", 300, 20_000, "id")).body();
		projectId = signed.get("projectId").asString();
		accountId = signed.get("accountId").asString();
		String criterion = post("/api/v1/projects/" + projectId + "/success-criteria", Map.of("useCase", "Penagihan", "kpi",
				"Waktu faktur", "unit", "h", "kind", "QUANTITATIVE", "baseline", 60, "target", 30)).body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements", Map.of("value", 45, "measuredOn", "2026-11-20"));
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) driver.quit();
	}

	List<String> staffPages() {
		String playbook = jdbc.sql("select id from playbook order by family, version desc limit 1").query(UUID.class).single()
			.toString();
		String rule = jdbc.sql("select code from automation_rule order by code limit 1").query(String.class).single();
		String p = "/projects/" + projectId, a = "/accounts/" + accountId;
		return List.of("/", "/contracts/new", "/imports", a, a + "/health", a + "/adoption", a + "/portal", p, p + "/success",
				p + "/graduation", p + "/training", p + "/risks", "/red-flags", "/team", "/content", "/features", "/segments",
				"/automation", "/automation/rules/" + rule, "/automation/sequences", "/inbox", "/messages",
				"/messages/preview", "/playbooks", "/playbooks/" + playbook, "/analytics", "/analytics/members?table=onboarding&metric=CSAT",
				"/analytics/history", "/analytics/review", "/planning", "/admin", "/admin/integrations", "/admin/operations",
				"/admin/privacy", "/admin/portal-branding", "/account/password", "/escalations", "/ready-to-complete",
				"/ready-to-complete?status=APPROVED", "/success-templates", "/success-templates?projectId=" + projectId);
	}

	/** One walk over every page in every language; the tests below judge what it found. */
	record Walk(List<String> axe, List<String> leaks) {
	}

	Walk walk;

	synchronized Walk walk() throws IOException {
		if (walk != null) return walk;
		var out = new StringBuilder("page\tlang\tcritical\tserious\trules\n");
		var failures = new ArrayList<String>();
		var leaks = new ArrayList<String>();
		Set<String> codes = UntranslatedCodesTests.enumConstants();
		try {
			// Signed out first: the sign-in page.
			driver.manage().deleteAllCookies();
			for (String lang : LANGUAGES) audit("/login", lang, out, failures);
			signIn();
			for (String lang : LANGUAGES) {
				for (String page : staffPages()) {
					audit(page, lang, out, failures);
					if (!lang.equals("en")) leaks.addAll(leaks(page, lang, codes));
				}
				audit("/projects/" + UUID.randomUUID(), lang, out, failures);
			}
		}
		catch (RuntimeException e) {
			// Judged once: both tests report the walk that stopped, neither walks again.
			failures.add("the walk stopped: " + e);
			leaks.add("the walk stopped: " + e);
		}
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "axe-counts.txt"), out);
		walk = new Walk(failures, leaks);
		return walk;
	}

	@Test
	void everyStaffPageInEveryLanguageHasNoCriticalOrSeriousAxeViolation() throws IOException {
		assertThat(walk().axe()).as("axe-core critical/serious violations (counts in target/axe-counts.txt)").isEmpty();
	}

	@Test
	void noStaffPageInBahasaIndonesiaOrMalayShowsACodeOrAnIsoDate() throws IOException {
		assertThat(walk().leaks()).as("codes or ISO dates in the visible text of id/ms pages").isEmpty();
	}

	/** Codes (enum constants, UPPER_SNAKE words) and ISO dates in the text a reader sees. */
	private List<String> leaks(String page, String lang, Set<String> codes) {
		// The text as written (CSS capitals on table headers are no codes), without what is shown verbatim on
		// purpose: the audit log as recorded and the events API's type names (marked data-verbatim).
		String text = (String) js().executeScript("var s = document.createElement('style');"
				+ " s.textContent = '* { text-transform: none !important } [data-verbatim] { display: none !important }';"
				+ " document.head.appendChild(s); return document.body.innerText;");
		var found = new ArrayList<String>();
		var m = UntranslatedCodesTests.CODE.matcher(text);
		while (m.find()) {
			String token = m.group();
			if (token.length() > 1 && !UntranslatedCodesTests.SAME_IN_EVERY_LANGUAGE.contains(token)
					&& (codes.contains(token) || token.contains("_"))) {
				found.add(page + "?lang=" + lang + " code " + token + " in \"" + around(text, m.start()) + "\"");
			}
		}
		var d = UntranslatedCodesTests.ISO_DATE.matcher(text);
		while (d.find()) found.add(page + "?lang=" + lang + " ISO date in \"" + around(text, d.start()) + "\"");
		return found.stream().map(f -> f.replace(projectId, "{project}").replace(accountId, "{account}")).distinct().toList();
	}

	private static String around(String text, int at) {
		return text.substring(Math.max(0, at - 50), Math.min(text.length(), at + 50)).replace('\n', ' ');
	}

	@Test
	void theTopBarFitsAPhoneAndStaysOnOneLineInMalay() throws IOException {
		signIn();
		driver.get(url("/?lang=ms"));
		assertThat(topBarHeight()).as("top bar height in Malay at 1440 px").isLessThanOrEqualTo(64);
		assertThat((Boolean) js().executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
		WebDriver phone = com.onward.testing.Chromium.start(390);
		try {
			phone.get(url("/login?lang=ms"));
			phone.findElement(By.id("username")).sendKeys("a11y-admin");
			phone.findElement(By.id("password")).sendKeys("a11y-admin-pass-1");
			phone.findElement(By.id("sign-in")).click();
			new WebDriverWait(phone, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login"));
			var js = (JavascriptExecutor) phone;
			// Nothing spills sideways, the menu is one tap away and then every link is reachable.
			assertThat((Boolean) js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
				.as(() -> "no horizontal overflow at 390 px; too wide: " + js.executeScript("""
						const unclipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
						  { if (getComputedStyle(a).overflowX !== 'visible') return false; } return true; };
						return document.documentElement.scrollWidth + '/' + window.innerWidth + ' body ' + document.body.scrollWidth + ' '
						  + [...document.querySelectorAll('body *')].filter(e => (e.getBoundingClientRect().right > window.innerWidth + 1
						  && unclipped(e)) || (e.scrollWidth > window.innerWidth && getComputedStyle(e).overflowX === 'visible'))
						  .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')""")).isTrue();
			WebElement toggle = phone.findElement(By.id("nav-toggle"));
			assertThat(toggle.isDisplayed()).isTrue();
			assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
			assertThat(phone.findElement(By.cssSelector("header.top nav a[href='/team']")).isDisplayed()).isFalse();
			toggle.click();
			assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
			WebElement team = phone.findElement(By.cssSelector("header.top nav a[href='/team']"));
			assertThat(team.isDisplayed()).isTrue();
			// The open menu does not cover the page's heading: it pushes it down.
			long navBottom = ((Number) js.executeScript(
					"return document.querySelector('header.top').getBoundingClientRect().bottom")).longValue();
			long mainTop = ((Number) js.executeScript("return document.querySelector('main').getBoundingClientRect().top"))
				.longValue();
			assertThat(mainTop).isGreaterThanOrEqualTo(navBottom);
			team.click();
			new WebDriverWait(phone, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/team"));
			assertThat((Boolean) js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
				.as("the team page at 390 px").isTrue();
		}
		finally {
			phone.quit();
		}
	}

	@Test
	void assetsAreFingerprintedCachedForAYearAndChartsAreLoadedOnlyWhereThereAreCharts() throws Exception {
		signIn();
		driver.get(url("/team?lang=en"));
		settle();
		String css = (String) js().executeScript("return document.querySelector('link[rel=stylesheet]').getAttribute('href')");
		assertThat(css).matches("/css/onward-[0-9a-f]{32}\\.css");
		assertThat(resources()).noneMatch(r -> r.contains("echarts"));

		// The portfolio's charts are bars: the common build, not the full one.
		driver.get(url("/?lang=en"));
		wait.until(com.onward.testing.Chromium.chartDrawn("[data-chart]"));
		assertThat(resources()).anyMatch(r -> r.matches(".*/echarts\\.common\\.min-[0-9a-f]{32}\\.js"))
			.noneMatch(r -> r.matches(".*/echarts\\.min-[0-9a-f]{32}\\.js"));

		// The project's timeline and the health trend are drawn on the server: no charting library at all.
		driver.get(url("/projects/" + projectId + "?lang=en"));
		settle();
		assertThat(driver.findElements(By.cssSelector("#timeline-chart tbody tr"))).isNotEmpty();
		assertThat(resources()).noneMatch(r -> r.contains("echarts"));
		driver.get(url("/accounts/" + accountId + "/health?lang=en"));
		settle();
		assertThat(resources()).noneMatch(r -> r.contains("echarts"));
		// The full build (heatmaps) is announced with its fingerprinted address for the pages that need it.
		String full = url((String) js().executeScript("return document.querySelector('meta[name=onward-charts-full]').content"));
		assertThat(full).matches(".*/echarts\\.min-[0-9a-f]{32}\\.js");

		var http = java.net.http.HttpClient.newHttpClient();
		for (String asset : List.of(url(css), full)) {
			var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(asset)).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control").orElse("")).as(asset).contains("max-age=31536000")
				.contains("public").doesNotContain("no-store");
		}
	}

	@SuppressWarnings("unchecked")
	private List<String> resources() {
		return (List<String>) js().executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
	}

	private long topBarHeight() {
		return ((Number) js().executeScript("return document.querySelector('header.top').getBoundingClientRect().height"))
			.longValue();
	}

	private void audit(String page, String lang, StringBuilder out, List<String> failures) {
		driver.get(url(page + (page.contains("?") ? "&" : "?") + "lang=" + lang));
		settle();
		// An audit of an error page would pass for the wrong reason: the page must be the one asked for.
		boolean missing = page.startsWith("/projects/") && page.length() == "/projects/".length() + 36
				&& !page.contains(projectId);
		if (!missing && !page.equals("/login") && driver.findElements(By.cssSelector("header.top nav")).isEmpty()) {
			failures.add(page + "?lang=" + lang + " did not render the page (" + driver.getTitle() + ")");
		}
		List<Rule> violations = new AxeBuilder().analyze(driver).getViolations();
		Map<String, Integer> bad = new LinkedHashMap<>();
		long critical = 0, serious = 0;
		for (Rule v : violations) {
			if (!"critical".equals(v.getImpact()) && !"serious".equals(v.getImpact())) continue;
			if ("critical".equals(v.getImpact())) critical += v.getNodes().size();
			else serious += v.getNodes().size();
			bad.put(v.getId(), v.getNodes().size());
			for (var node : v.getNodes().subList(0, Math.min(3, v.getNodes().size()))) {
				failures.add(page + "?lang=" + lang + " " + v.getId() + " " + node.getTarget() + " " + abbreviate(node.getHtml()));
			}
		}
		// A label pointing at an id that occurs twice names only the first control: axe does not see it.
		@SuppressWarnings("unchecked")
		List<String> doubled = (List<String>) js().executeScript("var out = [];"
				+ " document.querySelectorAll('label[for]').forEach(function (l) {"
				+ "   if (document.querySelectorAll('[id=\"' + CSS.escape(l.htmlFor) + '\"]').length > 1) out.push(l.htmlFor); });"
				+ " return out;");
		for (String id : doubled) failures.add(page + "?lang=" + lang + " label for a duplicated id " + id);
		String shown = page.replace(projectId, "{project}").replace(accountId, "{account}");
		out.append(shown).append('\t').append(lang).append('\t').append(critical).append('\t').append(serious).append('\t')
			.append(bad).append('\n');
	}

	private static String abbreviate(String html) {
		return html == null ? "" : html.length() > 160 ? html.substring(0, 160) + "…" : html;
	}

	/** Waits for the page's htmx panels to arrive: those loaded at once and those loaded when they come into view. */
	private void settle() {
		wait.until(d -> "complete".equals(js().executeScript("return document.readyState")));
		try {
			Thread.sleep(150);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		com.onward.testing.Chromium.scrollThrough(driver);
		wait.until(d -> (Boolean) js().executeScript("return !document.querySelector('.htmx-request')"));
	}

	private void signIn() {
		driver.get(url("/login?lang=en"));
		if (!driver.findElements(By.id("username")).isEmpty()) {
			driver.findElement(By.id("username")).sendKeys("a11y-admin");
			driver.findElement(By.id("password")).sendKeys("a11y-admin-pass-1");
			driver.findElement(By.id("sign-in")).click();
			wait.until(d -> !d.getCurrentUrl().contains("/login"));
		}
	}

	JavascriptExecutor js() {
		return (JavascriptExecutor) driver;
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}
}
