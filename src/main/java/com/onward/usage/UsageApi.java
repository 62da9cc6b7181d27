package com.onward.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.ApiProblems;
import com.onward.shared.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Usage and adoption")
class UsageApi {

	/** {@code hidden} left out: unchanged. */
	record FeatureUpdate(@Size(max = 200) String name, boolean core, Boolean hidden) {
	}

	record FeatureMerge(@jakarta.validation.constraints.NotBlank @Size(max = 200) String into) {
	}

	private final Ingestion ingestion;
	private final Adoption adoption;

	private final tools.jackson.databind.ObjectMapper json;

	UsageApi(Ingestion ingestion, Adoption adoption, tools.jackson.databind.ObjectMapper json) {
		this.json = json;
		this.ingestion = ingestion;
		this.adoption = adoption;
	}

	@PostMapping(path = "/events", consumes = { "application/json", "application/*+json" })
	@Operation(summary = "Post a batch of up to 10,000 usage events; all or nothing, deduplicated on Idempotency-Key and event id")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json",
			schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = EventsBody.class)))
	ResponseEntity<Ingestion.Result> events(jakarta.servlet.http.HttpServletRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws java.io.IOException {
		// Read as a stream, event by event (not bound as one tree): see Ingestion.ingest.
		try (var parser = json.createParser(request.getInputStream())) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(ingestion.ingest(parser, idempotencyKey));
		}
	}

	/** The shape of {@code POST /events} for the API description (the body is read as a stream). */
	record EventsBody(List<EventDoc> events) {
	}

	record EventDoc(String id, UUID accountId, String accountExternalId, String userId, UsageEventType type,
			String feature, java.time.Instant occurredAt, java.util.Map<String, Object> properties) {
	}

	@GetMapping("/accounts/{id}/adoption")
	@Operation(summary = "Adoption metrics of an account on a day (default today) with its target curves and thresholds")
	AdoptionMetrics adoption(@PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
		return adoption.metrics(id, asOf == null ? adoption.today() : asOf);
	}

	@GetMapping("/accounts/{id}/adoption/users")
	@Operation(summary = "Low adopters for outreach, power users and proposed champions (ADO-5)")
	Adoption.Users users(@PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
		return adoption.users(id, asOf == null ? adoption.today() : asOf);
	}

	@GetMapping("/accounts/{id}/adoption/weekly")
	@Operation(summary = "Weekly adoption since the onboarding start against the target curves")
	List<Adoption.WeekPoint> weekly(@PathVariable UUID id) {
		return adoption.weekly(id, adoption.today());
	}

	@GetMapping("/accounts/{id}/early-wins")
	List<Adoption.EarlyWin> earlyWins(@PathVariable UUID id) {
		return adoption.earlyWins(id);
	}

	@GetMapping("/features")
	@Operation(summary = "The feature catalogue: every feature key seen, and which ones are core")
	List<Adoption.Feature> features() {
		return adoption.features();
	}

	@PutMapping("/features/{key}")
	@Operation(summary = "Rename a feature (its display name), mark it core or not, hide or show it (CS manager or admin); "
			+ "a hidden feature is never core")
	Adoption.Feature feature(@PathVariable String key, @Valid @RequestBody FeatureUpdate body) {
		String problem = FeatureKeys.problem(key);
		if (problem != null) {
			throw InvalidInputException.of("key", problem);
		}
		return adoption.updateFeature(key, body.name(), body.core(), body.hidden());
	}

	@PostMapping("/features/{key}/merge")
	@Operation(summary = "Merge a feature key into another (CS manager or admin): its usage moves there and later events "
			+ "with it count for the other key")
	Adoption.Feature merge(@PathVariable String key, @Valid @RequestBody FeatureMerge body) {
		return adoption.mergeFeature(key, body.into().strip());
	}

	@ExceptionHandler(BatchTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(BatchTooLargeException e) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Batch too large", e.getMessage(),
					List.of(new ApiProblems.FieldProblem("events", e.getMessage()))));
	}
}
