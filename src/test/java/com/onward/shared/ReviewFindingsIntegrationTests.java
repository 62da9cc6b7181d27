package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/** Smaller findings of the security review: searches take wildcards literally, paging cannot overflow. */
class ReviewFindingsIntegrationTests extends IntegrationTest {

	@Test
	void searchWildcardsAreLiteral() {
		String ext = unique("opp");
		post("/api/v1/contracts", contract(ext, "2026-03-01T09:00:00Z", 20, 2_000, "en"));
		assertThat(get("/api/v1/accounts?q=%25").body().get("total").asLong()).isZero();
		assertThat(get("/api/v1/accounts?q=" + ext).body().get("total").asLong()).isEqualTo(1);
		assertThat(Texts.likeLiteral("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
	}

	@Test
	void aHugeAuditPageIsEmptyNotAnError() {
		Response r = get("/api/v1/admin/audit?page=2147483647&size=500");
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
		assertThat(r.body().get("items").size()).isZero();
	}

	@Test
	void aFlagIsResolvedOnlyThroughItsOwnAccount() {
		assertThat(post("/api/v1/flags/00000000-0000-0000-0000-000000000000/resolve", Map.of()).status()).isEqualTo(404);
	}
}
