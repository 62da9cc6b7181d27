package com.onward.usage;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.ApiProblems;
import com.onward.shared.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Segment-compatible ingestion: add Onward as a Segment or RudderStack destination (HTTP API),
 * or point a Segment server library at {@code /api/v1/integrations/segment}, with an ingestion
 * token as the write key (HTTP Basic user).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Usage and adoption")
class SegmentApi {

	record MappingUpdate(String event, String type, String feature) {
	}

	private final SegmentIngestion segment;
	private final SegmentMappings mappings;
	private final SegmentDeliveries deliveries;

	SegmentApi(SegmentIngestion segment, SegmentMappings mappings, SegmentDeliveries deliveries) {
		this.segment = segment;
		this.mappings = mappings;
		this.deliveries = deliveries;
	}

	@PostMapping("/integrations/segment/v1/batch")
	@Operation(summary = "Segment batch call: all or nothing, idempotent on messageId, 202 after commit")
	ResponseEntity<SegmentIngestion.Result> batch(@RequestBody(required = false) JsonNode body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(logged("batch", body));
	}

	@PostMapping("/integrations/segment/v1/{type:track|identify|group|page|screen}")
	@Operation(summary = "A single Segment call (track, identify, group, page)")
	ResponseEntity<SegmentIngestion.Result> call(@PathVariable String type, @RequestBody(required = false) JsonNode body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(logged(type, body));
	}

	/** Ingests and puts the delivery on record for the admins, whatever its outcome (all or nothing: a rejected batch rejects every call). */
	private SegmentIngestion.Result logged(String call, JsonNode body) {
		int calls = "batch".equals(call) ? (body != null && body.get("batch") != null && body.get("batch").isArray()
				? body.get("batch").size() : 0) : 1;
		try {
			SegmentIngestion.Result r = segment.ingest("batch".equals(call) ? null : call, body);
			deliveries.log(call, HttpStatus.ACCEPTED.value(), r.accepted(), r.duplicates(), r.ignored(), 0, null);
			return r;
		}
		catch (InvalidInputException e) {
			deliveries.log(call, HttpStatus.BAD_REQUEST.value(), 0, 0, 0, calls, e.errors().stream()
				.map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
			throw e;
		}
		catch (BatchTooLargeException e) {
			deliveries.log(call, HttpStatus.CONTENT_TOO_LARGE.value(), 0, 0, 0, calls, e.getMessage());
			throw e;
		}
	}

	@GetMapping("/admin/segment/mappings")
	@Operation(summary = "How Segment event names become Onward event types ('*' is any other event)")
	List<SegmentMappings.Mapping> mappings() {
		return mappings.all();
	}

	@GetMapping("/admin/segment/deliveries")
	@Operation(summary = "The last 50 calls to the Segment endpoint: status, accepted/duplicate/ignored/rejected counts, problems")
	List<SegmentDeliveries.Delivery> deliveries() {
		return deliveries.recent();
	}

	@PutMapping("/admin/segment/mappings")
	@Operation(summary = "Map a Segment event name to a type (LOGIN, FEATURE_USED with a feature, ..., or IGNORE)")
	SegmentMappings.Mapping put(@RequestBody(required = false) MappingUpdate body) {
		if (body == null) {
			throw InvalidInputException.of("event", "is required");
		}
		return mappings.put(body.event(), body.type(), body.feature());
	}

	@DeleteMapping("/admin/segment/mappings")
	@Operation(summary = "Remove an event name's mapping (it then follows '*')")
	ResponseEntity<Void> delete(@RequestParam String event) {
		mappings.delete(event);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(BatchTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(BatchTooLargeException e) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Batch too large", e.getMessage(),
					List.of(new ApiProblems.FieldProblem("batch", e.getMessage()))));
	}
}
