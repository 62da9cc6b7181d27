package com.onward.account;

import java.time.Instant;
import java.util.UUID;

import com.onward.shared.Segment;

/**
 * A contract was signed. The project id is chosen here so the contract API can answer with
 * it; the onboarding module creates that project in the same transaction. A {@code historical}
 * contract (imported from the past) sends nothing to the customer.
 */
public record ContractSigned(UUID contractId, UUID accountId, UUID projectId, Instant signedAt, Segment segment,
		String language, OnboardingFactors factors, boolean historical) {
}
