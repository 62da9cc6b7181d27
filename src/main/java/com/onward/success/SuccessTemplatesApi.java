package com.onward.success;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.account.ProductType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Success plans")
class SuccessTemplatesApi {

	private final SuccessTemplates templates;

	SuccessTemplatesApi(SuccessTemplates templates) {
		this.templates = templates;
	}

	@GetMapping("/success-templates")
	@Operation(summary = "Success-criteria templates for a product type (its own and those for any type), optionally one use case, in the three languages")
	List<SuccessTemplates.Template> templates(@RequestParam(required = false) ProductType productType,
			@RequestParam(required = false) String useCase) {
		return templates.templates(productType, useCase);
	}

	@PostMapping("/projects/{id}/success-criteria/from-template")
	@Operation(summary = "Define a project's criterion from a template, in the account's language (baseline and target for a quantitative one)")
	ResponseEntity<Criterion> fromTemplate(@PathVariable UUID id, @Valid @RequestBody SuccessTemplates.FromTemplate body) {
		Criterion c = templates.apply(id, body);
		return ResponseEntity.created(URI.create("/api/v1/success-criteria/" + c.id())).body(c);
	}

	@PostMapping("/projects/{id}/quick-wins/from-idea")
	@Operation(summary = "Plan a quick win from an idea of the library, in the account's language: it names the project's untitled planned quick win at the idea's horizon (30, 60 or 90 days), or is added beside the named ones")
	ResponseEntity<QuickWin> fromIdea(@PathVariable UUID id, @Valid @RequestBody SuccessTemplates.FromIdea body) {
		QuickWin w = templates.applyIdea(id, body.ideaId());
		return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/quick-wins")).body(w);
	}

	@GetMapping("/quick-win-ideas")
	@Operation(summary = "The quick-win idea library (30, 60, 90 days) in the three languages")
	List<SuccessTemplates.Idea> ideas(@RequestParam(required = false) Integer horizonDays) {
		return templates.ideas(horizonDays);
	}

	@PostMapping("/admin/success-templates")
	@Operation(summary = "Add a success-criteria template (admin)")
	ResponseEntity<SuccessTemplates.Template> addTemplate(@Valid @RequestBody SuccessTemplates.TemplateInput body) {
		var t = templates.saveTemplate(null, body);
		return ResponseEntity.created(URI.create("/api/v1/success-templates/" + t.id())).body(t);
	}

	@PutMapping("/admin/success-templates/{templateId}")
	@Operation(summary = "Edit a success-criteria template (admin)")
	SuccessTemplates.Template editTemplate(@PathVariable UUID templateId,
			@Valid @RequestBody SuccessTemplates.TemplateInput body) {
		return templates.saveTemplate(templateId, body);
	}

	@DeleteMapping("/admin/success-templates/{templateId}")
	ResponseEntity<Void> deleteTemplate(@PathVariable UUID templateId) {
		templates.deleteTemplate(templateId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/admin/quick-win-ideas")
	@Operation(summary = "Add a quick-win idea (admin)")
	ResponseEntity<SuccessTemplates.Idea> addIdea(@Valid @RequestBody SuccessTemplates.IdeaInput body) {
		var i = templates.saveIdea(null, body);
		return ResponseEntity.created(URI.create("/api/v1/quick-win-ideas/" + i.id())).body(i);
	}

	@PutMapping("/admin/quick-win-ideas/{ideaId}")
	SuccessTemplates.Idea editIdea(@PathVariable UUID ideaId, @Valid @RequestBody SuccessTemplates.IdeaInput body) {
		return templates.saveIdea(ideaId, body);
	}

	@DeleteMapping("/admin/quick-win-ideas/{ideaId}")
	ResponseEntity<Void> deleteIdea(@PathVariable UUID ideaId) {
		templates.deleteIdea(ideaId);
		return ResponseEntity.noContent().build();
	}
}
