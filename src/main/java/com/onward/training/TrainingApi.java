package com.onward.training;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Training and enablement")
class TrainingApi {

	record Plan(List<Session> sessions, Training.Stats stats) {
	}

	record AttendanceBatch(@NotEmpty @Valid List<Training.AttendanceRecord> attendance) {
	}

	private final Training training;
	private final Library library;

	TrainingApi(Training training, Library library) {
		this.training = training;
		this.library = library;
	}

	@GetMapping("/projects/{id}/training")
	@Operation(summary = "The project's training plan with attendance and the TRN-2 rates")
	Plan plan(@PathVariable UUID id) {
		var sessions = training.sessions(id);
		return new Plan(sessions, training.stats(sessions));
	}

	@PatchMapping("/training-sessions/{id}")
	Session update(@PathVariable UUID id, @Valid @RequestBody Training.SessionUpdate body) {
		return training.updateSession(id, body);
	}

	@PostMapping("/training-sessions/{id}/attendance")
	@Operation(summary = "Record attendance, completion and assessment scores (upsert per attendee)")
	Session attendance(@PathVariable UUID id, @Valid @RequestBody AttendanceBatch body) {
		return training.recordAttendance(id, body.attendance());
	}

	@GetMapping("/content")
	@Operation(summary = "Search the content library by words, level and tag")
	List<Library.Content> content(@RequestParam(required = false) String q,
			@RequestParam(required = false) Library.Level level, @RequestParam(required = false) String tag,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return library.search(q, level, tag, size);
	}

	@PostMapping("/content")
	ResponseEntity<Library.Content> addContent(@Valid @RequestBody Library.NewContent body) {
		Library.Content c = library.add(body);
		return ResponseEntity.created(URI.create("/api/v1/content/" + c.id())).body(c);
	}

	@GetMapping("/accounts/{id}/content-recommendations")
	@Operation(summary = "Content recommended for the account by segment, use case and (optionally) role")
	List<Library.Content> recommendations(@PathVariable UUID id, @RequestParam(required = false) Session.Audience role) {
		return library.recommended(id, role);
	}

	@GetMapping("/accounts/{id}/enablement")
	ResponseEntity<Library.Enablement> enablement(@PathVariable UUID id) {
		return ResponseEntity
			.ok(library.enablement(id).orElseThrow(() -> new com.onward.shared.NotFoundException("Account", id)));
	}

	@PutMapping("/accounts/{id}/enablement")
	@Operation(summary = "Set the account's enablement level 1–4 (TRN-4)")
	Library.Enablement setEnablement(@PathVariable UUID id, @Valid @RequestBody Library.EnablementUpdate body) {
		return library.setEnablement(id, body);
	}
}
