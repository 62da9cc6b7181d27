package com.onward.account;

import java.time.LocalDate;
import java.util.UUID;

/** A renewal outcome of an account was recorded (by a person, the API, an import or the demo). */
public record RenewalRecorded(UUID accountId, UUID renewalId, LocalDate date, RenewalOutcome outcome) {
}
