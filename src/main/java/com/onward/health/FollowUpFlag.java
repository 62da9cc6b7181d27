package com.onward.health;

import java.util.List;
import java.util.UUID;

/** A red flag for human follow-up that another module raises (an automation rule): where, and its evidence. */
public record FollowUpFlag(UUID accountId, UUID projectId, List<?> evidence) {
	public FollowUpFlag {
		evidence = evidence == null ? List.of() : evidence;
	}
}
