package com.onward.privacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.InvalidInputException;
import com.onward.shared.InvalidInputException.FieldError;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The privacy API: erasures (admins), account export and deletion (managers), retention runs. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Privacy")
class PrivacyApi {

	/** {@code email}, or {@code accountId} with {@code userId} (or all three); {@code reason} is required. */
	record ErasureRequest(String email, UUID accountId, String userId, String reason) {
	}

	record DeletionRequest(String reason) {
	}

	private final Privacy privacy;
	private final AccountExports exports;

	PrivacyApi(Privacy privacy, AccountExports exports) {
		this.privacy = privacy;
		this.exports = exports;
	}

	@Operation(summary = "Erase or anonymise a person in every module; answers the report per module")
	@PostMapping("/privacy/erasures")
	Privacy.Request erase(@RequestBody(required = false) ErasureRequest body) {
		var errors = new ArrayList<FieldError>();
		ErasureRequest r = body == null ? new ErasureRequest(null, null, null, null) : body;
		String email = blankToNull(r.email());
		String userId = blankToNull(r.userId());
		if (email == null && userId == null) {
			errors.add(new FieldError("email", "Give an email, or an accountId and a userId"));
		}
		if (email != null && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
			errors.add(new FieldError("email", "Not an email address"));
		}
		if (userId != null && r.accountId() == null) {
			errors.add(new FieldError("accountId", "A userId is erased within an account: give its accountId"));
		}
		if (userId != null && userId.length() > 200) {
			errors.add(new FieldError("userId", "At most 200 characters"));
		}
		checkReason(r.reason(), errors);
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
		return privacy.erase(new Privacy.Erasure(email, r.accountId(), userId, r.reason().strip()));
	}

	@Operation(summary = "The privacy log: erasures, exports and deletions, newest first")
	@GetMapping("/privacy/requests")
	List<Privacy.Request> requests(@RequestParam(defaultValue = "100") int limit) {
		return privacy.requests(Math.clamp(limit, 1, 1000));
	}

	@Operation(summary = "Apply the retention periods now (the job also runs by itself)")
	@PostMapping("/privacy/retention-runs")
	Privacy.RetentionRun runRetention() {
		return privacy.applyRetention();
	}

	@GetMapping("/privacy/retention-runs")
	List<Privacy.RetentionRun> retentionRuns(@RequestParam(defaultValue = "100") int limit) {
		return privacy.retentionRuns(Math.clamp(limit, 1, 1000));
	}

	/**
	 * Written on the request's own thread straight to the response (no async dispatch: an export
	 * may take longer than an async timeout, and the bearer token was checked for this request).
	 */
	@Operation(summary = "Everything Onward holds about an account: a ZIP of one JSON file per module (docs/privacy.md)")
	@GetMapping(path = "/accounts/{id}/export", produces = { "application/zip", MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	void export(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		var scope = privacy.scope(id);
		var request = privacy.recordExport(scope);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"account-" + id + "-export.zip\"");
		exports.write(scope, privacy.handlers(), request.at(), response.getOutputStream());
	}

	@Operation(summary = "Delete an exported account and every row of it in every module")
	@PostMapping("/accounts/{id}/deletion")
	Privacy.Request delete(@PathVariable UUID id, @RequestBody(required = false) DeletionRequest body) {
		var errors = new ArrayList<FieldError>();
		checkReason(body == null ? null : body.reason(), errors);
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
		return privacy.deleteAccount(id, body.reason().strip());
	}

	private static void checkReason(String reason, List<FieldError> errors) {
		if (reason == null || reason.isBlank()) errors.add(new FieldError("reason", "Say why (it is kept in the privacy log)"));
		else if (reason.length() > 1000) errors.add(new FieldError("reason", "At most 1000 characters"));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
