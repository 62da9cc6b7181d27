package com.onward.account;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.onward.shared.PageResult;
import com.onward.shared.Segment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts and contracts")
class AccountApi {

	record SegmentOverride(@NotNull Segment segment, @NotBlank @Size(max = 1000) String reason) {
	}

	record ContractResponse(UUID contractId, UUID accountId, UUID projectId) {
	}

	record TimeZoneChange(@Size(max = 2) String country, @Size(max = 64) String timeZone) {
	}

	private final Accounts accounts;
	private final Contracts contracts;
	private final AccountImport imports;

	AccountApi(Accounts accounts, Contracts contracts, AccountImport imports) {
		this.accounts = accounts;
		this.contracts = contracts;
		this.imports = imports;
	}

	@PostMapping("/accounts")
	@Operation(summary = "Create an account; segment and touch model follow from the segmentation rules")
	ResponseEntity<Account> create(@Valid @RequestBody NewAccount body) {
		Account account = accounts.create(body);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id())).body(account);
	}

	@GetMapping("/accounts")
	PageResult<Account> list(@RequestParam(required = false) Segment segment, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return accounts.page(segment, q, page, size);
	}

	@GetMapping("/accounts/{id}")
	Account get(@PathVariable UUID id) {
		return accounts.get(id);
	}

	@PostMapping("/accounts/{id}/segment-override")
	@Operation(summary = "Override an account's segment with a reason (CS manager or admin)")
	Account overrideSegment(@PathVariable UUID id, @Valid @RequestBody SegmentOverride body) {
		return accounts.overrideSegment(id, body.segment(), body.reason());
	}

	@PutMapping("/accounts/{id}/time-zone")
	@Operation(summary = "Set an account's time zone (its customers' sending hours) by hand, or from a country")
	Account changeTimeZone(@PathVariable UUID id, @Valid @RequestBody TimeZoneChange body) {
		return accounts.changeTimeZone(id, body.country(), body.timeZone());
	}

	@GetMapping("/accounts/{id}/segment-history")
	List<Accounts.SegmentHistoryEntry> segmentHistory(@PathVariable UUID id) {
		accounts.get(id);
		return accounts.segmentHistory(id);
	}

	@GetMapping("/accounts/{id}/contracts")
	List<Contracts.ContractView> contracts(@PathVariable UUID id) {
		accounts.get(id);
		return contracts.forAccount(id);
	}

	@PostMapping("/contracts")
	@Operation(summary = "Sign a contract: creates the onboarding project; idempotent on externalId (200 when seen before)")
	ResponseEntity<ContractResponse> sign(@Valid @RequestBody SignContract body) {
		Contracts.Signed signed;
		try {
			signed = contracts.sign(body, "api");
		}
		catch (DuplicateKeyException | com.onward.shared.BusinessRuleException raced) {
			// Another request with the same externalId committed first (its account or its contract): if the
			// contract now exists this was a repeat, answered as such; otherwise the error stands.
			signed = contracts.findByExternalId(body.externalId()).orElseThrow(() -> raced);
		}
		var response = new ContractResponse(signed.contractId(), signed.accountId(), signed.projectId());
		return signed.created() ? ResponseEntity.status(HttpStatus.CREATED).body(response) : ResponseEntity.ok(response);
	}

	@PostMapping(path = "/imports/accounts", consumes = "text/csv")
	@Operation(summary = "Import accounts and signed contracts from CSV; a file with any bad row imports nothing")
	ResponseEntity<?> importCsv(@RequestBody String csv) {
		return report(imports.importCsv(new StringReader(csv)));
	}

	@PostMapping(path = "/imports/accounts/preview", consumes = "text/csv")
	@Operation(summary = "Check a CSV import without storing anything: errors, historical rows, and how many customer emails it would send")
	ResponseEntity<?> previewCsv(@RequestBody String csv) {
		var report = imports.importCsv(new StringReader(csv), true);
		return report.errors().isEmpty() ? ResponseEntity.ok(report) : refused(report);
	}

	@PostMapping(path = "/imports/accounts/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> previewFile(@RequestPart("file") MultipartFile file) throws IOException {
		var report = imports.importCsv(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), true);
		return report.errors().isEmpty() ? ResponseEntity.ok(report) : refused(report);
	}

	@PostMapping(path = "/imports/accounts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file) throws IOException {
		return report(imports.importCsv(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)));
	}

	private static ResponseEntity<?> report(AccountImport.Report report) {
		return report.imported() ? ResponseEntity.ok(report) : refused(report);
	}

	private static ResponseEntity<?> refused(AccountImport.Report report) {
		return com.onward.shared.ApiProblems.refused(report, "The file has " + report.errors().size()
				+ " bad row(s) or column(s); nothing was imported");
	}
}
