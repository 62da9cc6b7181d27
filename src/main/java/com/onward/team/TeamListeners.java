package com.onward.team;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.onboarding.ProjectClosed;
import com.onward.onboarding.ProjectCreated;

/** Staffs a project as soon as it exists (in the creating transaction, as its last step) and frees the team when it closes. */
@Component
class TeamListeners {

	private final Team team;

	TeamListeners(Team team) {
		this.team = team;
	}

	@EventListener
	void on(ProjectCreated event) {
		team.assignFor(event.projectId(), event.accountId(), event.segment());
	}

	@EventListener
	void on(ProjectClosed event) {
		team.release(event.projectId());
	}
}
