package com.onward.health;

import java.util.List;

/**
 * Band changes of one batch of a bulk recompute, in one event (see {@link RedFlagsRaised}); a batch
 * with only a few changes publishes {@link HealthBandChanged}s.
 */
public record HealthBandsChanged(List<HealthBandChanged> changes) {
	public HealthBandsChanged {
		changes = List.copyOf(changes);
	}
}
