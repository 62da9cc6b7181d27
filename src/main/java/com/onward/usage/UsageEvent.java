package com.onward.usage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A usage event built in code (see {@link Ingestion#record}); the API's JSON events are checked field by field. */
public record UsageEvent(UUID accountId, String userId, UsageEventType type, String feature, Instant occurredAt) {

	public UsageEvent {
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		if (type == UsageEventType.FEATURE_USED && feature == null) {
			throw new IllegalArgumentException("FEATURE_USED needs a feature");
		}
	}
}
