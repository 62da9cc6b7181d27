package com.onward.automation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.onward.account.Accounts;
import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.Projects;
import com.onward.playbook.ItemKind;

/**
 * Celebrating milestones with the customer: a completed milestone other than the kickoff (which
 * has its own summary) fires MILESTONE_REACHED with the milestone's name in the account's
 * language. The shipped MILESTONE_CELEBRATION rule emails it once per milestone (the occurrence
 * is the item), as a CELEBRATION that the daily cap holds back before anything more urgent.
 */
@Component
class CelebrationListeners {

	static final Trigger TRIGGER = Trigger.MILESTONE_REACHED;

	private final Automation automation;
	private final AutomationProperties props;
	private final Projects projects;
	private final Accounts accounts;

	CelebrationListeners(Automation automation, AutomationProperties props, Projects projects, Accounts accounts) {
		this.automation = automation;
		this.props = props;
		this.projects = projects;
		this.accounts = accounts;
	}

	@ApplicationModuleListener
	void on(ItemCompleted e) {
		if (e.kind() != ItemKind.MILESTONE || props.kickoffItems().contains(e.itemKey())) {
			return;
		}
		Locale locale = Locale.forLanguageTag(accounts.get(e.accountId()).language());
		String name = projects.find(e.projectId()).map(p -> p.item(e.itemId()).name().in(locale)).orElse(e.itemKey());
		automation.onEvent(TRIGGER, e.accountId(), e.itemId().toString(), Map.of("milestone", name), List.of(name),
				Map.of("projectId", e.projectId(), "itemId", e.itemId(), "itemKey", e.itemKey()));
	}
}
