package com.onward.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/admin/event-publications")
@Tag(name = "Operations")
class OperationsApi {

	private final EventPublications publications;

	OperationsApi(EventPublications publications) {
		this.publications = publications;
	}

	@GetMapping
	@Operation(summary = "Event publications whose listener has not succeeded yet: count, failed, oldest, last errors, listener pool")
	EventPublications.Status status() {
		return publications.status();
	}

	@PostMapping("/retry")
	@Operation(summary = "Resubmits every failed event publication now (ignoring the back-off)")
	EventPublications.Status retry() {
		return publications.retry(true);
	}
}
