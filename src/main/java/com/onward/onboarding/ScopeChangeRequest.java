package com.onward.onboarding;

import java.util.List;
import java.util.UUID;

import com.onward.shared.OwnerRole;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Scope to add to a project (PLAN-6). */
public record ScopeChangeRequest(@NotBlank @Size(max = 200) String name, @NotNull ScopeTag scopeTag,
		@NotNull UUID phaseId, @NotNull @Min(1) @Max(365) Integer durationDays, @NotNull OwnerRole ownerRole,
		List<UUID> dependsOn, @Size(max = 1000) String reason) {

	public List<UUID> dependsOnOrEmpty() {
		return dependsOn == null ? List.of() : dependsOn;
	}
}
