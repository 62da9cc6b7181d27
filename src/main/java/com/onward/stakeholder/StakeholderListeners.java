package com.onward.stakeholder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.account.AccountCreated;
import com.onward.onboarding.ProjectCreated;

/** Keeps the contacts given with a new account and generates each new project's RACI matrix. */
@Component
class StakeholderListeners {

	private final Stakeholders stakeholders;

	StakeholderListeners(Stakeholders stakeholders) {
		this.stakeholders = stakeholders;
	}

	@EventListener
	void on(AccountCreated event) {
		event.contacts().forEach(c -> stakeholders.add(event.accountId(),
				new ContactForm(c.name(), c.email(), c.phone(), c.title(), c.role(), null, null, null)));
	}

	@EventListener
	void on(ProjectCreated event) {
		stakeholders.generateRaci(event);
	}
}
