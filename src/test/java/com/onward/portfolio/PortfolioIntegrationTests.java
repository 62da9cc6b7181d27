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
