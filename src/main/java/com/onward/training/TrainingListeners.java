package com.onward.training;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.onboarding.ProjectCreated;

/** Every new project gets its training plan from the sample schedule, in the project's own transaction. */
@Component
class TrainingListeners {

	private final Training training;

	TrainingListeners(Training training) {
		this.training = training;
	}

	@EventListener
	void on(ProjectCreated event) {
		training.planFor(event.projectId(), event.startDate(), event.targetGraduationDate(), event.segment(),
				event.goLiveDue());
	}
}
