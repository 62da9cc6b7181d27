package com.onward.account;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/accounts/{id}/renewals")
@Tag(name = "Accounts and contracts")
class RenewalApi {

	private final Renewals renewals;

	RenewalApi(Renewals renewals) {
		this.renewals = renewals;
	}

	@PostMapping
	@Operation(summary = "Record a renewal outcome (RENEWED, EXPANDED, CONTRACTED, CHURNED); CHURNED sets the account's status")
	ResponseEntity<Renewal> record(@PathVariable UUID id, @Valid @RequestBody Renewals.NewRenewal body) {
		Renewal renewal = renewals.record(id, body, "API");
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id + "/renewals/" + renewal.id())).body(renewal);
	}

	@GetMapping
	List<Renewal> list(@PathVariable UUID id) {
		return renewals.list(id);
	}
}
