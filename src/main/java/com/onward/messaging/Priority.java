package com.onward.messaging;

/**
 * How a customer email ranks when several compete for a contact's daily slots (first = highest).
 * REQUESTED (a sign-in link, a survey the contact asked for) goes at once, past the cap and the
 * sending hours; TRANSACTIONAL (the kickoff invitation) goes past the cap within sending hours; the
 * rest share the daily cap, higher ranks first.
 */
public enum Priority {
	REQUESTED, TRANSACTIONAL, ONBOARDING, NUDGE, CELEBRATION, SUMMARY;

	/** Counted against the daily cap (and gathered into a digest when not ONBOARDING). */
	public boolean capped() {
		return this != REQUESTED && this != TRANSACTIONAL;
	}

	boolean digestible() {
		return this == NUDGE || this == CELEBRATION || this == SUMMARY;
	}
}
