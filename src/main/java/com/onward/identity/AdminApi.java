package com.onward.identity;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.PageResult;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration")
class AdminApi {

	/** {@code scope} INGEST makes a token that can only post usage events (then {@code role} may be left out). */
	record NewToken(@NotBlank @Size(max = 100) String name, StaffRole role, TokenScope scope,
			@jakarta.validation.constraints.Future java.time.Instant expiresAt) {
	}

	/** {@code enabled: false} ends the user's sessions and revokes the API tokens they created. */
	record UserChange(@NotNull Boolean enabled) {
	}

	/** A one-time link the admin hands to the user; it sets a new password within {@code validFor}. */
	record ResetLink(String link, java.time.Instant expiresAt) {
	}

	record NewUser(@NotBlank @Size(max = 60) String username, @NotBlank @Size(max = 200) String displayName,
			@Email String email, @NotNull StaffRole role, @NotBlank @Size(min = Users.MIN_PASSWORD, max = 200) String password) {
	}

	private final ApiTokens tokens;
	private final Users users;
	private final AuditLog audit;
	private final PasswordResets resets;

	AdminApi(ApiTokens tokens, Users users, AuditLog audit, PasswordResets resets) {
		this.resets = resets;
		this.tokens = tokens;
		this.users = users;
		this.audit = audit;
	}

	@PostMapping("/tokens")
	@Operation(summary = "Create an API token; the token is in this response only")
	ResponseEntity<ApiTokens.CreatedToken> createToken(@Valid @RequestBody NewToken body) {
		TokenScope scope = body.scope() == null ? TokenScope.FULL : body.scope();
		if (scope == TokenScope.FULL && body.role() == null) {
			throw com.onward.shared.InvalidInputException.of("role", "is required for a FULL token");
		}
		var created = tokens.create(body.name(), body.role(), scope, body.expiresAt());
		return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + created.info().id())).body(created);
	}

	@GetMapping("/tokens")
	List<ApiTokens.TokenInfo> tokens() {
		return tokens.all();
	}

	@DeleteMapping("/tokens/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		tokens.revoke(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/users")
	List<Users.StaffUser> users() {
		return users.all();
	}

	@PostMapping("/users")
	ResponseEntity<Users.StaffUser> createUser(@Valid @RequestBody NewUser body) {
		var user = users.create(body.username(), body.displayName(), body.email(), body.role(), body.password());
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.id())).body(user);
	}

	@org.springframework.web.bind.annotation.PatchMapping("/users/{id}")
	@Operation(summary = "Enable or disable a user; disabling ends their sessions and revokes the API tokens they created")
	Users.StaffUser changeUser(@PathVariable UUID id, @Valid @RequestBody UserChange body) {
		users.setEnabled(id, body.enabled());
		return users.find(id).orElseThrow();
	}

	@PostMapping("/users/{id}/password-reset")
	@Operation(summary = "A one-time link that lets the user choose a new password (give it to them yourself)")
	ResetLink passwordReset(@PathVariable UUID id) {
		var link = resets.issue(id);
		return new ResetLink(link.url(), link.expiresAt());
	}

	@GetMapping("/audit")
	PageResult<AuditLog.Entry> audit(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
			@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId) {
		return audit.page(page, size, entityType, entityId);
	}
}
