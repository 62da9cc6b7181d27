package com.onward.graduation;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Graduation")
class ReadyToCompleteApi {

	private final ReadyToComplete ready;

	ReadyToCompleteApi(ReadyToComplete ready) {
		this.ready = ready;
	}

	@GetMapping("/ready-to-complete")
	@Operation(summary = "Tech-touch projects whose customer answered yes to the goal survey: LISTED (READY, for a person to approve), AWAITING_READY, APPROVED or DISMISSED")
	List<ReadyToComplete.Candidate> list(@RequestParam(defaultValue = "LISTED") ReadyToComplete.Status status) {
		return ready.list(status);
	}

	@PostMapping("/projects/{id}/ready-to-complete/approve")
	@Operation(summary = "Approve a listed project's completion: it graduates (celebration, handoff, cadence)")
	Graduations.Graduated approve(@PathVariable UUID id,
			@Valid @RequestBody(required = false) ReadyToComplete.Approval body) {
		return ready.approve(id, body == null ? new ReadyToComplete.Approval(null, null, null) : body);
	}

	@PostMapping("/projects/{id}/ready-to-complete/dismiss")
	@Operation(summary = "Dismiss a listed project: it stays in onboarding and leaves the list")
	ResponseEntity<Void> dismiss(@PathVariable UUID id, @Valid @RequestBody(required = false) ReadyToComplete.Dismissal body) {
		ready.dismiss(id, body);
		return ResponseEntity.noContent().build();
	}
}
