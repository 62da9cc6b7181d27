package com.onward.analytics;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.ProjectCreated;
import com.onward.success.SuccessCriterionMet;

/**
 * Keeps first value and go-live current from the events that change them. The recompute is one
 * indexed upsert for one project, so it runs in the publisher's transaction: the project API shows
 * the new date as soon as the measurement or milestone is stored, and nothing can be half-done.
 */
@Component
class AnalyticsListeners {

	private final FirstValues firstValues;

	AnalyticsListeners(FirstValues firstValues) {
		this.firstValues = firstValues;
	}

	@EventListener
	void on(ProjectCreated event) {
		firstValues.recompute(event.projectId());
	}

	@EventListener
	void on(SuccessCriterionMet event) {
		firstValues.recompute(event.projectId());
	}

	@EventListener
	void on(ItemCompleted event) {
		if (event.goLive()) {
			firstValues.recompute(event.projectId());
		}
	}
}
