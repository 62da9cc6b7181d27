package com.onward.onboarding;

/** PLAN-6: Phase 1 scope lands before go-live and can move it; Phase 2 comes after go-live. */
public enum ScopeTag {
	PHASE_1, PHASE_2
}
