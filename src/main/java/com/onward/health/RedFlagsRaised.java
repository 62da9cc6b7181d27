package com.onward.health;

import java.util.List;

/**
 * Red flags raised by one batch of a bulk recompute: one event for many flags (at most
 * {@code onward.health.bulk-event-chunk}), so listeners react with one statement per chunk instead
 * of one transaction per flag. A batch that raises only a few flags publishes {@link RedFlagRaised}s.
 */
public record RedFlagsRaised(List<RedFlagRaised> flags) {
	public RedFlagsRaised {
		flags = List.copyOf(flags);
	}
}
