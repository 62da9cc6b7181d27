package com.onward.health;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;


import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.ProjectCreated;
import com.onward.stakeholder.ContactChanged;
import com.onward.support.TicketsRecorded;
import com.onward.usage.UsageRecorded;

/**
 * Keeps health current: a new project gets its risk register in the same transaction; usage,
 * completed items and contact changes mark the account stale, and the refresh job rescores it
 * within {@code onward.health.refresh-interval}.
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
}
