package com.onward.success;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Success plans")
class SuccessApi {

	private final SuccessPlans plans;
	private final OutcomeTitles titles;

	SuccessApi(SuccessPlans plans, OutcomeTitles titles) {
		this.plans = plans;
		this.titles = titles;
	}

	@PostMapping("/projects/{id}/success-criteria/outcome-defaults")
	@Operation(summary = "Add the seeds' business outcome criteria (VAL-6) in the account's language")
	List<Criterion> outcomeDefaults(@PathVariable UUID id) {
		return plans.addOutcomeDefaults(id, titles.forProject(id));
	}

	@GetMapping("/projects/{id}/success-criteria")
	List<Criterion> criteria(@PathVariable UUID id) {
		return plans.criteria(id);
	}

	@PostMapping("/projects/{id}/success-criteria")
	@Operation(summary = "Define a success criterion (VAL-1): use case, KPI, unit, baseline, target, deadline, evidence method")
	ResponseEntity<Criterion> define(@PathVariable UUID id, @Valid @RequestBody SuccessPlans.NewCriterion body) {
		Criterion c = plans.define(id, body);
		return ResponseEntity.created(URI.create("/api/v1/success-criteria/" + c.id())).body(c);
	}

	@GetMapping("/success-criteria/{id}")
	Criterion criterion(@PathVariable UUID id) {
		return plans.criterion(id);
	}

	@PostMapping("/success-criteria/{id}/measurements")
	@Operation(summary = "Record a measurement (VAL-2); reaching the target publishes SuccessCriterionMet once")
	ResponseEntity<Criterion> measure(@PathVariable UUID id, @Valid @RequestBody SuccessPlans.NewMeasurement body) {
		return ResponseEntity.status(201).body(plans.measure(id, body));
	}

	@PostMapping("/success-criteria/{id}/confirmations")
	@Operation(summary = "Record the customer's value confirmation with a quote and evidence links (VAL-3)")
	ResponseEntity<Criterion> confirm(@PathVariable UUID id, @Valid @RequestBody SuccessPlans.NewConfirmation body) {
		return ResponseEntity.status(201).body(plans.confirm(id, body));
	}

	@PostMapping(path = "/value-confirmations/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Attach an evidence file (report, screenshot, data; up to 10 MB) to a value confirmation")
	ResponseEntity<Criterion.Attachment> attach(@PathVariable UUID id, @RequestPart("file") MultipartFile file)
			throws IOException {
		Criterion.Attachment a = plans.attach(id,
				new SuccessPlans.File(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
		return ResponseEntity.created(URI.create("/api/v1/attachments/" + a.id())).body(a);
	}

	@GetMapping("/attachments/{id}")
	ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
		SuccessPlans.File f = plans.attachment(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.filename()).build().toString())
			.contentType(MediaType.parseMediaType(f.contentType())).body(f.data());
	}

	@GetMapping("/projects/{id}/quick-wins")
	List<QuickWin> quickWins(@PathVariable UUID id) {
		return plans.quickWins(id);
	}

	@PatchMapping("/quick-wins/{id}")
	@Operation(summary = "Update a quick win: owner, target date, measured impact, status, communicated (VAL-4)")
	QuickWin updateQuickWin(@PathVariable UUID id, @Valid @RequestBody SuccessPlans.QuickWinUpdate body) {
		return plans.updateQuickWin(id, body);
	}
}
