package com.onward.health;

/** HLT-1 bands: green ≥ 80, yellow 60–79, red < 60 (configurable); NO_DATA when nothing is measurable yet. */
public enum HealthBand {
	GREEN, YELLOW, RED, NO_DATA
}
