package com.onward.health;

import java.time.LocalDate;
import java.util.UUID;

/** A stakeholder cadence (PPL-3) past its due date plus grace, as the automation sweep detected it. */
public record CadenceMissed(UUID accountId, UUID contactId, String name, String role, LocalDate dueOn) {
}
