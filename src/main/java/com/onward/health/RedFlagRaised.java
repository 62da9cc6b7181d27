package com.onward.health;

import java.time.Instant;
import java.util.UUID;

/** A red flag (HLT-2) or early warning (HLT-3) was raised for an account. */
public record RedFlagRaised(UUID flagId, UUID accountId, UUID projectId, FlagCategory category, String code,
		Instant raisedAt) {
}
