package com.onward.stakeholder;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.onward.account.Accounts;
import com.onward.shared.OwnerRole;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Stakeholders")
class StakeholderApi {

	record RaciChange(@NotBlank String phaseKey, @NotNull OwnerRole role,
			@Pattern(regexp = "^$|[RACI]", message = "must be R, A, C, I or empty") String value) {
	}

	private final Stakeholders stakeholders;
	private final Accounts accounts;

	StakeholderApi(Stakeholders stakeholders, Accounts accounts) {
		this.stakeholders = stakeholders;
		this.accounts = accounts;
	}

	@GetMapping("/accounts/{id}/contacts")
	List<Contact> contacts(@PathVariable UUID id) {
		accounts.get(id);
		return stakeholders.contacts(id);
	}

	@PostMapping("/accounts/{id}/contacts")
	ResponseEntity<Contact> add(@PathVariable UUID id, @Valid @RequestBody ContactForm body) {
		accounts.get(id);
		Contact c = stakeholders.add(id, body);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id + "/contacts/" + c.id())).body(c);
	}

	@PutMapping("/accounts/{id}/contacts/{contactId}")
	Contact update(@PathVariable UUID id, @PathVariable UUID contactId, @Valid @RequestBody ContactForm body) {
		return stakeholders.update(id, contactId, body);
	}

	@GetMapping("/projects/{id}/raci")
	Stakeholders.Raci raci(@PathVariable UUID id) {
		return stakeholders.raci(id);
	}

	@PutMapping("/projects/{id}/raci")
	Stakeholders.Raci setRaci(@PathVariable UUID id, @Valid @RequestBody RaciChange body) {
		return stakeholders.setRaci(id, body.phaseKey(), body.role(), body.value());
	}
}
