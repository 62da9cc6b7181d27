package com.onward.health;

import java.util.UUID;

/** An account's health moved to another band (the first score counts as a change from NO_DATA). */
public record HealthBandChanged(UUID accountId, HealthBand from, HealthBand to, Integer score) {
}
