package com.onward.analytics;

import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Analytics")
class ReviewApi {

	record NewNote(String month, String note) {
	}

	private final Reviews reviews;
	private final Clock clock;

	ReviewApi(Reviews reviews, Clock clock) {
		this.reviews = reviews;
		this.clock = clock;
	}

	@GetMapping("/api/v1/analytics/review")
	@Operation(summary = "The monthly review: this month against the last, fast vs slow quartiles, retrospective notes")
	ReviewController.Review review(@RequestParam(required = false) String month) {
		return ReviewController.review(reviews, ReviewController.month(month, clock));
	}

	@PostMapping("/api/v1/analytics/review/notes")
	@Operation(summary = "Add a retrospective note to a month")
	ResponseEntity<Reviews.Note> note(@RequestBody NewNote body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(reviews.addNote(ReviewController.month(body.month(), clock), body.note()));
	}
}
