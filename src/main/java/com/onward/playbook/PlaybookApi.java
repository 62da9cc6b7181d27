package com.onward.playbook;

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

import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/playbooks")
@Tag(name = "Playbooks")
class PlaybookApi {

	record NewPlaybook(@NotBlank String family, Segment segment, @NotNull LocalizedText name, LocalizedText description,
			@NotNull PlaybookDefinition definition) {
	}

	record NewVersion(LocalizedText name, LocalizedText description, @NotNull PlaybookDefinition definition) {
	}

	record CloneRequest(@NotBlank String family, @NotNull LocalizedText name) {
	}

	private final Playbooks playbooks;

	PlaybookApi(Playbooks playbooks) {
		this.playbooks = playbooks;
	}

	@GetMapping
	@Operation(summary = "The latest version of every playbook family")
	List<Playbook> latest() {
		return playbooks.latestVersions();
	}

	@GetMapping("/{id}")
	Playbook get(@PathVariable UUID id) {
		return playbooks.get(id);
	}

	@GetMapping("/families/{family}/versions")
	List<Playbook> versions(@PathVariable String family) {
		return playbooks.versions(family);
	}

	@PostMapping
	ResponseEntity<Playbook> create(@Valid @RequestBody NewPlaybook body) {
		Playbook p = playbooks.create(body.family(), body.segment(), body.name(), body.description(), body.definition());
		return ResponseEntity.created(URI.create("/api/v1/playbooks/" + p.id())).body(p);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Save an edit as the next version; running projects keep their version")
	Playbook newVersion(@PathVariable UUID id, @Valid @RequestBody NewVersion body) {
		return playbooks.saveNewVersion(id, body.name(), body.description(), body.definition());
	}

	@PostMapping("/{id}/clone")
	ResponseEntity<Playbook> cloneAs(@PathVariable UUID id, @Valid @RequestBody CloneRequest body) {
		Playbook p = playbooks.cloneAs(id, body.family(), body.name());
		return ResponseEntity.created(URI.create("/api/v1/playbooks/" + p.id())).body(p);
	}
}
