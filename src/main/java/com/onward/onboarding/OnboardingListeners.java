package com.onward.onboarding;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.onward.account.ContractSigned;

/**
 * Creates the project inside the contract's transaction: the contract API answers with the
 * project id, and a failure to build the project stores no contract either.
 */
@Component
class OnboardingListeners {

	private final Projects projects;

	OnboardingListeners(Projects projects) {
		this.projects = projects;
	}

	@EventListener
	void on(ContractSigned event) {
		projects.createFor(event);
	}
}
