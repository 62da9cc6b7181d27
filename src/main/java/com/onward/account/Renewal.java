package com.onward.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.onward.shared.Money;

/** A recorded renewal of an account's contract: its date, outcome and the ACV after it. */
public record Renewal(UUID id, UUID accountId, LocalDate date, RenewalOutcome outcome, Money acvAfter, String source,
		String recordedBy, Instant recordedAt) {
}
