package com.onward.onboarding;

public enum ProjectStatus {
	NOT_STARTED, IN_PROGRESS, ON_HOLD, COMPLETED, CANCELLED;

	public boolean active() {
		return this == NOT_STARTED || this == IN_PROGRESS || this == ON_HOLD;
	}
}
