package com.onward.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;
import com.onward.shared.Segment;

class PortfolioIntegrationTests extends IntegrationTest {

	@Autowired
	Portfolio portfolio;

	@Autowired
	PortfolioRows rowsHtml;

	@Test
	void rowsAreWrittenEscapedInTheViewersLanguage() {
		var account = java.util.UUID.randomUUID();
		var project = java.util.UUID.randomUUID();
		var row = new Portfolio.Row(account, "<script>alert(1)</script> & \"Co\"", Segment.MID_MARKET,
				com.onward.shared.TouchModel.LOW_TOUCH, null, "en", project, "IN_PROGRESS", 45,
				java.time.LocalDate.of(2026, 1, 5), java.time.LocalDate.of(2026, 3, 1), java.time.LocalDate.of(2026, 3, 4),
				null, true, false, "Ana <b>", null, 72, "GREEN", 2, null, 20, java.time.LocalDate.of(2026, 3, 20), 1,
				null);
		// Every other text a person can type: a specialist's name, a playbook's phase name, and a band.
		var typed = new Portfolio.Row(account, "Plain", Segment.SMB, com.onward.shared.TouchModel.TECH_TOUCH, null, "en",
				project, "IN_PROGRESS", 0, null, null, java.time.LocalDate.of(2026, 3, 4),
				com.onward.shared.LocalizedText.of("<img src=x onerror=alert(1)>"), false, true, null, "Budi\" onclick=\"x",
				null, "RED\"><script>", 0, null, null, null, 0, null);
		String typedHtml = rowsHtml.html(java.util.List.of(typed), java.util.Locale.ENGLISH, "/\"><script>");
		assertThat(typedHtml).doesNotContain("<img").doesNotContain("<script>").doesNotContain("\" onclick")
			.contains("&lt;img src=x onerror=alert(1)&gt;").contains("Budi&quot; onclick=&quot;x")
			.contains("class=\"badge health RED&quot;&gt;&lt;script&gt;\"").contains("href=\"/&quot;&gt;&lt;script&gt;/accounts/")
			.contains("<span class=\"badge yellow\">over capacity</span>").contains("<span class=\"small muted\">on plan</span>")
			.doesNotContain("flags</a>").doesNotContain("hypercare");
		String en = rowsHtml.html(java.util.List.of(row), java.util.Locale.ENGLISH, "/app");
		assertThat(en).doesNotContain("<script>").doesNotContain("<b>")
			.contains("data-account=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;\"")
			.contains("<tr class=\"portfolio-row overdue\"")
			.contains("href=\"/app/accounts/" + account + "\">&lt;script&gt;")
			.contains("aria-label=\"Open the onboarding project of &lt;script&gt;")
			.contains("class=\"badge health GREEN\"").contains(">72</a>").contains(">2 flags</a>")
			.contains("style=\"width:45%\"").contains(">45%</span>")
			.contains("Ana &lt;b&gt;").contains("<span class=\"badge red\">+3 d</span>").contains(">20 days</td>")
			.contains("<span class=\"badge red\">overdue</span>").doesNotContain("over capacity")
			.contains("href=\"/app/projects/" + project + "#hypercare\" class=\"badge yellow hypercare\"")
			.contains("1 open issue(s), next due —");
		String id = rowsHtml.html(java.util.List.of(row), java.util.Locale.forLanguageTag("id"), "");
		assertThat(id).contains("href=\"/accounts/" + account + "\"").doesNotContain("20 days").doesNotContain(">overdue<")
			.doesNotContain("Open the onboarding project");
		assertThat(rowsHtml.html(java.util.List.of(), java.util.Locale.ENGLISH, "")).isEmpty();
	}

	String sign(String name, int employees, long acv, String signedAt) {
		var body = new HashMap<>(contract(unique("opp"), signedAt, employees, acv, "en"));
		@SuppressWarnings("unchecked")
		var account = new HashMap<>((Map<String, Object>) body.get("account"));
		account.put("name", name);
		body.put("account", account);
		return post("/api/v1/contracts", body).body().get("projectId").asString();
	}

	@Test
	void filtersBySegmentSearchOverdueAndPages() {
		String tag = unique("pf");
		sign(tag + " old enterprise", 2000, 90_000, "2026-01-05T09:00:00Z"); // long past: items overdue
		sign(tag + " new smb", 10, 2_000, "2099-01-05T09:00:00Z"); // in the future: nothing overdue
		sign(tag + " new mid", 300, 20_000, "2099-01-05T09:00:00Z");

		var all = portfolio.page(new Portfolio.Filter(null, null, false, false, tag, null, null), 0, 50);
		assertThat(all.total()).isEqualTo(3);
		Portfolio.Row old = all.items().getFirst();
		assertThat(old.accountName()).as("ordered by name").isEqualTo(tag + " new mid");
		Portfolio.Row enterprise = all.items().stream().filter(r -> r.accountName().endsWith("old enterprise")).findFirst()
			.orElseThrow();
		assertThat(enterprise.overdue()).isTrue();
		assertThat(enterprise.stage().en()).isEqualTo("Discovery & planning");
		assertThat(enterprise.slipDays()).isZero();

		var smb = portfolio.page(new Portfolio.Filter(Segment.SMB, null, false, false, tag, null, null), 0, 50);
		assertThat(smb.items()).extracting(Portfolio.Row::accountName).containsExactly(tag + " new smb");

		var overdue = portfolio.page(new Portfolio.Filter(null, null, true, false, tag, null, null), 0, 50);
		assertThat(overdue.items()).extracting(Portfolio.Row::accountName).containsExactly(tag + " old enterprise");

		var page2 = portfolio.page(new Portfolio.Filter(null, null, false, false, tag, null, null), 1, 2);
		assertThat(page2.items()).hasSize(1);
		assertThat(page2.totalPages()).isEqualTo(2);
		var past = portfolio.page(new Portfolio.Filter(null, null, false, false, tag, null, null), 9, 2);
		assertThat(past.items()).isEmpty();
		assertThat(past.total()).isEqualTo(3);
		// The order holds across pages, whichever way.
		var byName = new Portfolio.Filter(null, null, false, false, tag, null, null);
		var descending = Portfolio.Sort.of("name", "desc");
		assertThat(portfolio.page(byName, descending, 0, 2).items()).extracting(Portfolio.Row::accountName)
			.containsExactly(tag + " old enterprise", tag + " new smb");
		assertThat(portfolio.page(byName, descending, 1, 2).items()).extracting(Portfolio.Row::accountName)
			.containsExactly(tag + " new mid");
		assertThat(portfolio.page(byName, Portfolio.Sort.of("acv", "desc"), 0, 3).items())
			.extracting(Portfolio.Row::accountName)
			.containsExactly(tag + " old enterprise", tag + " new mid", tag + " new smb");

		var completedOnly = portfolio.page(new Portfolio.Filter(null, "COMPLETED", false, false, tag, null, null), 0, 50);
		assertThat(completedOnly.total()).isZero();
	}

	@Test
	void summaryCountsActiveProjectsByStage() {
		String tag = unique("st");
		sign(tag + " a", 10, 2_000, "2099-02-01T09:00:00Z");
		var summary = portfolio.summary();
		assertThat(summary.activeProjects()).isPositive();
		assertThat(summary.byStage()).anyMatch(s -> s.segment() == Segment.SMB && s.stage().en().equals("Self-serve setup"));
		assertThat(summary.bySegment().get(Segment.SMB)).isPositive();
	}
}
