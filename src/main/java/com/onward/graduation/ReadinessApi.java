package com.onward.graduation;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.onward.onboarding.Projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Problems logged on a project (data quality and security block graduation; hypercare targets). */
@RestController
@RequestMapping("/api/v1/projects/{id}")
@Tag(name = "Graduation")
class ReadinessApi {

	private final ProjectIssues issues;
	private final Projects projects;

	ReadinessApi(ProjectIssues issues, Projects projects) {
		this.issues = issues;
		this.projects = projects;
	}

	@PostMapping("/issues")
	@Operation(summary = "Log a problem: open DATA_QUALITY and SECURITY problems block graduation; during hypercare it gets a resolution target")
	ResponseEntity<ProjectIssues.Issue> log(@PathVariable UUID id, @Valid @RequestBody ProjectIssues.NewIssue body) {
		return ResponseEntity.status(201).body(issues.log(id, body));
	}

	@GetMapping("/issues")
	List<ProjectIssues.Issue> list(@PathVariable UUID id) {
		projects.get(id);
		return issues.forProject(id);
	}

	@PostMapping("/issues/{issueId}/resolve")
	ProjectIssues.Issue resolve(@PathVariable UUID id, @PathVariable UUID issueId,
			@Valid @RequestBody(required = false) ProjectIssues.Resolution body) {
		return issues.resolve(id, issueId, body == null ? null : body.resolution());
	}
}
