package com.onward.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.onward.graduation.ProjectGraduated;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Stakeholders;

/**
 * The celebration when a project graduates (written by the graduation module), after its
 * transaction commits, keyed by the project so a redelivered event queues nothing twice. Rule-driven
 * messages (the welcome and the rest of AUTO-2) come from the automation module.
 */
@Component
class MessagingListeners {

	private final Outbox outbox;
	private final Stakeholders stakeholders;

	MessagingListeners(Outbox outbox, Stakeholders stakeholders) {
		this.outbox = outbox;
		this.stakeholders = stakeholders;
	}

	@ApplicationModuleListener
	void on(ProjectGraduated graduated) {
		recipient(graduated.accountId()).ifPresent(c -> outbox.enqueueRendered("graduated:" + graduated.projectId(),
				"onboarding-complete", graduated.accountId(), c.email(), graduated.language(), graduated.subject(),
				graduated.body()));
	}

	/** The project lead, else the first contact with an email address. */
	private Optional<Contact> recipient(UUID accountId) {
		var withEmail = stakeholders.contacts(accountId).stream().filter(c -> c.email() != null && !c.email().isBlank())
			.toList();
		return withEmail.stream().filter(c -> c.role() == ContactRole.PROJECT_LEAD).findFirst()
			.or(() -> withEmail.stream().findFirst());
	}
}
