package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.IntegrationTest;
import com.onward.shared.Segment;

import tools.jackson.databind.JsonNode;

/** Contract value decides the segment; the revenue-share tiers beside the rule-based segments. */
class ContractValueSegmentationIntegrationTests extends IntegrationTest {

	@Autowired
	RevenueTiers tiers;

	@Test
	void aThousandEmployeesPayingFiveThousandIsTechTouchSmb() {
		JsonNode signed = post("/api/v1/contracts", contract(unique("opp"), "2026-11-01T09:00:00Z", 1000, 5_000, "en"))
			.body();
		JsonNode account = get("/api/v1/accounts/" + signed.get("accountId").asString()).body();
		assertThat(account.get("segment").asString()).isEqualTo("SMB");
		assertThat(account.get("touchModel").asString()).isEqualTo("TECH_TOUCH");
		JsonNode big = get("/api/v1/accounts/" + post("/api/v1/contracts",
				contract(unique("opp"), "2026-11-01T09:00:00Z", 40, 60_000, "en")).body().get("accountId").asString()).body();
		assertThat(big.get("segment").asString()).isEqualTo("ENTERPRISE");
	}

	@Test
	void revenueTiersOnKnownData() {
		// Ten accounts: one at 50 (of 150 total = 33 %), four at 15 (60), five at 8 (40).
		var segments = List.of(Segment.ENTERPRISE, Segment.MID_MARKET, Segment.MID_MARKET, Segment.MID_MARKET,
				Segment.ENTERPRISE, Segment.SMB, Segment.SMB, Segment.SMB, Segment.SMB, Segment.MID_MARKET);
		var usd = List.of(50, 15, 15, 15, 15, 8, 8, 8, 8, 8).stream().map(BigDecimal::valueOf).toList();
		RevenueTiers.View v = tiers.view(segments, usd);
		assertThat(v.revenueUsd()).isEqualByComparingTo("150");
		// Tier 1 (top 20 % = 30): the account of 50 starts at 0. Tier 2 (up to 90): three of the 15s start
		// at 50, 65, 80; the fourth starts at 95 and is Tier 3 with the five at 8.
		assertThat(v.tiers()).extracting(RevenueTiers.Tier::accounts).containsExactly(1L, 3L, 6L);
		assertThat(v.tiers().get(0).revenueSharePercent()).isEqualByComparingTo("33.3");
		assertThat(v.tiers().get(1).revenueSharePercent()).isEqualByComparingTo("30.0");
		assertThat(v.tiers().get(2).revenueSharePercent()).isEqualByComparingTo("36.7");
		RevenueTiers.SegmentRow enterprise = v.segments().get(0);
		assertThat(enterprise.segment()).isEqualTo(Segment.ENTERPRISE);
		assertThat(enterprise.accounts()).isEqualTo(2);
		assertThat(enterprise.revenueSharePercent()).isEqualByComparingTo("43.3");
		assertThat(enterprise.inTier1()).isEqualTo(1);
		assertThat(enterprise.inTier2() + enterprise.inTier3()).isEqualTo(1);
		RevenueTiers.SegmentRow mid = v.segments().get(1);
		assertThat(mid.accounts()).isEqualTo(4);
		assertThat(mid.inTier1()).isZero();
		assertThat(v.segments().get(2).inTier3()).isEqualTo(4);
		// An empty portfolio has three empty tiers, no division by zero.
		assertThat(tiers.view(List.of(), List.of()).tiers()).extracting(RevenueTiers.Tier::revenueSharePercent)
			.allMatch(p -> p.signum() == 0);
	}

	@Test
	void theApiShowsTheLiveSplit() {
		post("/api/v1/contracts", contract(unique("opp"), "2026-11-01T09:00:00Z", 40, 80_000, "en"));
		JsonNode v = get("/api/v1/segments/revenue-share").body();
		assertThat(v.get("tiers").size()).isEqualTo(3);
		assertThat(v.get("tier1Percent").asInt()).isEqualTo(20);
		assertThat(v.get("accounts").asLong()).isPositive();
		assertThat(v.get("segments").findValuesAsString("segment")).containsExactly("ENTERPRISE", "MID_MARKET", "SMB");
	}
}
