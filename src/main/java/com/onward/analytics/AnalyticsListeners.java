package com.onward.analytics;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.account.AccountCreated;
import com.onward.account.ContractSigned;
import com.onward.account.RenewalRecorded;
import com.onward.account.SegmentChanged;
import com.onward.analytics.AnalyticsCache.Input;
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
 * Every event that changes an input of the analytics also retires the cached answers computed from
 * that input (from the publisher's commit on), and only those: a renewal leaves time to value held,
 * a plan item done leaves retention held.
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
		cache.changed(Input.PROJECTS);
	}

	@EventListener
	void on(SuccessCriterionMet event) {
		firstValues.recompute(event.projectId()); // retires first-value answers when the date moved
	}

	@EventListener
	void on(ItemCompleted event) {
		if (event.goLive()) {
			firstValues.recompute(event.projectId());
		}
		cache.changed(Input.PLAN_ITEMS); // kickoff days and homework completion
	}

	@EventListener({ ProjectClosed.class, ProjectGraduated.class })
	void onProjectEnded() {
		cache.changed(Input.PROJECTS);
	}

	@EventListener({ AccountCreated.class, ContractSigned.class, SegmentChanged.class })
	void onAccountChanged() {
		cache.changed(Input.ACCOUNTS);
	}

	@EventListener
	void on(RenewalRecorded event) {
		cache.changed(Input.RENEWALS);
	}

	@EventListener
	void on(SurveyAnswered event) {
		cache.changed(Input.SURVEYS);
	}

	@EventListener
	void on(TrainingModuleCompleted event) {
		cache.changed(Input.TRAINING);
	}

	@EventListener
	void on(ContactChanged event) {
		cache.changed(Input.CONTACTS);
	}

	@EventListener
	void on(EarlyWinDetected event) {
		cache.changed(Input.EARLY_WINS);
	}
}
