package com.onward.onboarding;

public enum ItemStatus {
	NOT_STARTED, IN_PROGRESS, BLOCKED, DONE, SKIPPED;

	public boolean closed() {
		return this == DONE || this == SKIPPED;
	}
}
