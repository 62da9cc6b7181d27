package com.onward.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A signed contract: for a new account ({@code account}) or an existing one
 * ({@code accountId}), never both. {@code acv} defaults to the account's ACV. A {@code historical}
 * contract is recorded with its project but sends nothing to the customer (an import of the past).
 */
public record SignContract(@NotBlank @Size(max = 200) String externalId, @NotNull Instant signedAt,
		@Valid NewAccount account, UUID accountId, @Valid NewAccount.MoneyInput acv, @Valid OnboardingFactors factors,
		Boolean historical) {

	public SignContract(String externalId, Instant signedAt, NewAccount account, UUID accountId,
			NewAccount.MoneyInput acv, OnboardingFactors factors) {
		this(externalId, signedAt, account, accountId, acv, factors, null);
	}

	boolean isHistorical() {
		return Boolean.TRUE.equals(historical);
	}
}
