package com.onward.success;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.onboarding.ProjectCreated;

/** Every new project gets its 30/60/90-day quick wins planned, in the project's own transaction. */
@Component
class SuccessListeners {

	private final SuccessPlans plans;

	SuccessListeners(SuccessPlans plans) {
		this.plans = plans;
	}

	@EventListener
	void on(ProjectCreated event) {
		plans.planQuickWins(event.projectId(), event.startDate());
	}
}
