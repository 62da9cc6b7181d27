package com.onward.usage;

import java.time.Instant;
import java.util.UUID;

/** An account reached an early win (VAL-5) for the first time; automation and success react to it. */
public record EarlyWinDetected(UUID accountId, EarlyWinKind kind, Instant occurredAt, String userId) {
}
