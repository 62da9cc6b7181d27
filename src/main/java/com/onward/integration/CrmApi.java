package com.onward.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.ApiProblems;
import com.onward.shared.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "CRM webhooks")
class CrmApi {

	record NewConnection(String name, String preset, Map<String, String> mapping) {
	}

	record MappingBody(Map<String, String> mapping) {
	}

	record PreviewBody(Map<String, String> mapping, String payload) {
	}

	record ContractResponse(UUID contractId, UUID accountId, UUID projectId) {
	}

	private final CrmConnections connections;

	CrmApi(CrmConnections connections) {
		this.connections = connections;
	}

	@PostMapping("/admin/crm/connections")
	@Operation(summary = "A CRM connection (preset HUBSPOT, SALESFORCE or CUSTOM); its secret is shown once")
	ResponseEntity<CrmConnections.Created> create(@RequestBody(required = false) NewConnection body) {
		if (body == null) throw InvalidInputException.of("name", "is required");
		return ResponseEntity.status(HttpStatus.CREATED).body(connections.create(body.name(), body.preset(), body.mapping()));
	}

	@GetMapping("/admin/crm/connections")
	List<CrmConnections.Connection> all() {
		return connections.all();
	}

	@PutMapping("/admin/crm/connections/{id}/mapping")
	@Operation(summary = "Replace the connection's mapping: contract field -> JSON Pointer (/a/b), constant (=x), alternatives a|b")
	CrmConnections.Connection mapping(@PathVariable UUID id, @RequestBody(required = false) MappingBody body) {
		return connections.updateMapping(id, body == null ? null : body.mapping());
	}

	@PostMapping("/admin/crm/connections/{id}/preview")
	@Operation(summary = "Preview the contract a sample payload maps to (with the given or the stored mapping); nothing stored")
	CrmConnections.Preview preview(@PathVariable UUID id, @RequestBody(required = false) PreviewBody body) {
		var c = connections.get(id);
		return connections.preview(body == null || body.mapping() == null ? c.mapping() : body.mapping(),
				body == null ? null : body.payload());
	}

	@GetMapping("/admin/crm/connections/{id}/deliveries")
	@Operation(summary = "The connection's last 50 deliveries with their problems")
	List<CrmConnections.Delivery> deliveries(@PathVariable UUID id) {
		connections.get(id);
		return connections.deliveries(id);
	}

	@PostMapping("/integrations/crm/{id}")
	@Operation(summary = "The CRM's webhook: X-Onward-Signature = hex HMAC-SHA256 of the body with the connection's secret; 201 signed, 200 a repeat")
	ResponseEntity<?> receive(@PathVariable UUID id, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = "X-Onward-Signature", required = false) String signature) {
		byte[] raw = body == null ? new byte[0] : body;
		if (!connections.signatureValid(id, signature, raw)) {
			if (connections.all().stream().anyMatch(c -> c.id().equals(id))) {
				connections.logDelivery(id, 401, null, null, "signature missing or wrong");
			}
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiProblems.problem(HttpStatus.UNAUTHORIZED,
					"Unauthorized", "X-Onward-Signature is missing or does not match the connection's secret", List.of()));
		}
		var connection = connections.get(id);
		try {
			CrmConnections.Received r = connections.receive(connection, raw);
			connections.logDelivery(id, r.status(), null, r.contractId(), null);
			return ResponseEntity.status(r.status()).body(new ContractResponse(r.contractId(), r.accountId(), r.projectId()));
		}
		catch (InvalidInputException e) {
			connections.logDelivery(id, 400, null, null, e.errors().stream().map(f -> f.field() + ": " + f.message())
				.reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
			throw e;
		}
	}
}
