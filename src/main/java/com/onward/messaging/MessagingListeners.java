package com.onward.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.account.ContractSigned;
import com.onward.graduation.ProjectGraduated;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Stakeholders;

/**
 * The messages that follow domain events (after their transaction commits): the welcome email
 * when a contract is signed, the celebration when a project graduates. Each uses a uniqueness
 * key from the event, so a redelivered event queues nothing twice.
 */
@Component
class MessagingListeners {

	private final Outbox outbox;
	private final Accounts accounts;
	private final Stakeholders stakeholders;

	MessagingListeners(Outbox outbox, Accounts accounts, Stakeholders stakeholders) {
		this.outbox = outbox;
		this.accounts = accounts;
		this.stakeholders = stakeholders;
	}

	@ApplicationModuleListener
	void on(ContractSigned signed) {
		Account account = accounts.get(signed.accountId());
		recipient(signed.accountId()).ifPresent(c -> outbox.enqueue("welcome:" + signed.contractId(), "welcome",
				account.id(), c.email(), account.language(), Map.of("account", account.name(), "contact", c.name())));
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
