package com.onward.health;

import java.time.Instant;
import java.util.UUID;

/** A handoff (PPL-6) that is due at a time; it counts as overdue in the health score until it is completed. */
public record HandoffDue(UUID handoffId, UUID accountId, Instant dueAt) {
}
