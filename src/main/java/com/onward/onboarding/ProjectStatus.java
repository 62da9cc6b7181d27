package com.onward.onboarding;

import java.util.EnumSet;
import java.util.Set;

/**
 * A project's life: started, held and resumed, cancelled (and reopened), completed only by
 * graduation. {@link #next()} lists the moves a person may make; putting on hold, cancelling and
 * reopening are a manager's decision with a reason.
 */
public enum ProjectStatus {
	NOT_STARTED, IN_PROGRESS, ON_HOLD, COMPLETED, CANCELLED;

	public boolean active() {
		return this == NOT_STARTED || this == IN_PROGRESS || this == ON_HOLD;
	}

	/** The statuses a person may move a project to from this one (COMPLETED only by graduation). */
	public Set<ProjectStatus> next() {
		return switch (this) {
			case NOT_STARTED -> EnumSet.of(IN_PROGRESS, ON_HOLD, CANCELLED);
			case IN_PROGRESS -> EnumSet.of(ON_HOLD, CANCELLED);
			case ON_HOLD -> EnumSet.of(IN_PROGRESS, CANCELLED);
			case CANCELLED -> EnumSet.of(IN_PROGRESS);
			case COMPLETED -> EnumSet.noneOf(ProjectStatus.class);
		};
	}

	/** Whether a project in this status may move to {@code next} (never to COMPLETED: graduation's alone). */
	public boolean canTransitionTo(ProjectStatus next) {
		return next().contains(next);
	}

	/** Whether moving from this status to {@code to} is a manager's decision that needs a reason. */
	public boolean needsManager(ProjectStatus to) {
		return to == ON_HOLD || to == CANCELLED || this == CANCELLED;
	}
}
