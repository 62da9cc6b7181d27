package com.onward.analytics;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.account.AccountCreated;
import com.onward.account.ContractSigned;
import com.onward.account.RenewalRecorded;
import com.onward.account.SegmentChanged;
import com.onward.graduation.ProjectGraduated;
import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.ProjectClosed;
import com.onward.onboarding.ProjectCreated;
import com.onward.stakeholder.ContactChanged;
import com.onward.success.SuccessCriterionMet;
import com.onward.survey.SurveyAnswered;
import com.onward.training.TrainingModuleCompleted;
import com.onward.usage.EarlyWinDetected;

/**
 * Keeps first value and go-live current from the events that change them. The recompute is one
 * indexed upsert for one project, so it runs in the publisher's transaction: the project API shows
 * the new date as soon as the measurement or milestone is stored, and nothing can be half-done.
 * Every event that changes an input of the analytics also retires the cached answers (from the
 * publisher's commit on).
 */
@Component
class AnalyticsListeners {

	private final FirstValues firstValues;
	private final AnalyticsCache cache;

	AnalyticsListeners(FirstValues firstValues, AnalyticsCache cache) {
		this.firstValues = firstValues;
		this.cache = cache;
	}

	@EventListener
	void on(ProjectCreated event) {
		firstValues.recompute(event.projectId());
		cache.changed();
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
		cache.changed(); // kickoff days and homework completion
	}

	/** Inputs of retention, grouping and the onboarding metrics. */
	@EventListener({ RenewalRecorded.class, AccountCreated.class, ContractSigned.class, SegmentChanged.class,
			SurveyAnswered.class, TrainingModuleCompleted.class, ContactChanged.class, EarlyWinDetected.class,
			ProjectClosed.class, ProjectGraduated.class })
	void onInputChanged() {
		cache.changed();
	}
}
