package com.onward.health;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;


import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.PlanItemsChanged;
import com.onward.onboarding.ProjectCreated;
import com.onward.stakeholder.ContactChanged;
import com.onward.success.SuccessPlanChanged;
import com.onward.success.ValueConfirmed;
import com.onward.support.TicketsRecorded;
import com.onward.usage.UsageRecorded;

/**
 * Keeps health current: a new project gets its risk register in the same transaction; usage,
 * tickets, plan items, contacts, success criteria, measurements and value confirmations mark the
 * account stale (once, however many changes arrive), and the refresh job rescores it within
 * {@code onward.health.refresh-interval}; until then the health pages say the score is updating.
 */
@org.springframework.stereotype.Component
class HealthListeners {

	private final Health health;
	private final Risks risks;

	HealthListeners(Health health, Risks risks) {
		this.health = health;
		this.risks = risks;
	}

	@EventListener
	void on(ProjectCreated event) {
		risks.createDefaults(event.projectId());
		health.markStale(List.of(event.accountId()));
	}

	@ApplicationModuleListener
	void on(UsageRecorded event) {
		health.markStale(event.accountIds());
	}

	@ApplicationModuleListener
	void on(TicketsRecorded event) {
		health.markStale(event.accountIds());
	}

	@ApplicationModuleListener
	void on(ItemCompleted event) {
		health.markStale(List.of(event.accountId()));
	}

	@ApplicationModuleListener
	void on(ContactChanged event) {
		health.markStale(List.of(event.accountId()));
	}

	@ApplicationModuleListener
	void on(PlanItemsChanged event) {
		health.markStale(List.of(event.accountId()));
	}

	@ApplicationModuleListener
	void on(SuccessPlanChanged event) {
		health.markStale(List.of(event.accountId()));
	}

	@ApplicationModuleListener
	void on(ValueConfirmed event) {
		health.markStale(List.of(event.accountId()));
	}
}
