package com.onward.health;

import java.util.Set;
import java.util.UUID;

/**
 * What raising follow-up flags did: how many are new, and the accounts whose flag with that evidence is open now
 * (raised now or still open from before). An account missing from {@code open} has another follow-up flag open,
 * which kept this one out.
 */
public record FollowUpFlagsRaised(int raised, Set<UUID> open) {
	public FollowUpFlagsRaised {
		open = Set.copyOf(open);
	}
}
