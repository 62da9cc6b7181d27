package com.onward.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/** ANL-7: the monthly review, fast vs slow quartiles and retrospective notes. */
class ReviewIntegrationTests extends IntegrationTest {

	@Test
	void monthlyReviewWithNotes() {
		Response note = post("/api/v1/analytics/review/notes", Map.of("month", "2013-04", "note", "Kickoffs slipped: holidays"));
		assertThat(note.status()).as(note.raw()).isEqualTo(201);
		Response review = get("/api/v1/analytics/review?month=2013-04");
		assertThat(review.status()).as(review.raw()).isEqualTo(200);
		assertThat(review.body().get("notes").findValuesAsString("note")).containsExactly("Kickoffs slipped: holidays");
		assertThat(review.body().get("month").get("month").asString()).isEqualTo("2013-04");
		assertThat(review.body().get("previous").get("month").asString()).isEqualTo("2013-03");
		assertThat(review.body().get("month").get("firstValues").asInt()).isZero();
		assertProblem(post("/api/v1/analytics/review/notes", Map.of("month", "2013-04", "note", " ")), 400, "note");
		assertProblem(get("/api/v1/analytics/review?month=April"), 400, "month");
	}
}
