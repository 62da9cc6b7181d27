package com.onward.account;

/** The outcome of a contract renewal; everything but {@code CHURNED} counts as renewed. */
public enum RenewalOutcome {
	RENEWED, EXPANDED, CONTRACTED, CHURNED;

	public boolean renewed() {
		return this != CHURNED;
	}
}
