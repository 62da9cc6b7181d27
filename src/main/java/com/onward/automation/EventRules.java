package com.onward.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.automation.Automation.Occurrence;
import com.onward.automation.Automation.Rule;
import com.onward.automation.RuleMatches.EventContext;
import com.onward.messaging.Webhooks;

/** The event side of the rules: a domain event's webhooks and its enabled EVENT rules. Reached through {@link Automation}. */
@Service
class EventRules {

	private final TransactionTemplate tx;
	private final Webhooks webhooks;
	private final RuleStore store;
	private final RuleMatches matches;
	private final RuleActions actions;
	private final Clock clock;

	EventRules(TransactionTemplate tx, Webhooks webhooks, RuleStore store, RuleMatches matches, RuleActions actions,
			Clock clock) {
		this.tx = tx;
		this.webhooks = webhooks;
		this.store = store;
		this.matches = matches;
		this.actions = actions;
		this.clock = clock;
	}

	/**
	 * Many occurrences of one trigger (a chunk of a bulk change) handled set-based: webhooks queued in
	 * bulk, and per enabled EVENT rule one query fills the hits of all occurrences and each action is
	 * one statement over them. Keys are the same as for single events, so each action still happens
	 * once per (rule, account, occurrence), however the occurrence arrived and however often.
	 */
	int onEvents(Trigger trigger, List<Occurrence> occurrences) {
		if (occurrences.isEmpty()) {
			return 0;
		}
		LocalDate today = LocalDate.now(clock);
		int fired = webhooks.fireAll(trigger.name(), occurrences.stream()
			.map(o -> new Webhooks.Call(trigger + ":" + o.occurrence(), o.accountId(), o.data())).toList());
		for (Rule rule : store.rules()) {
			if (!rule.enabled() || rule.trigger() != trigger || !RuleActions.acts(rule)) {
				continue;
			}
			Integer n = tx.execute(s -> {
				matches.fillHits(rule, today, new EventContext(occurrences));
				return actions.run(rule, today);
			});
			fired += n == null ? 0 : n;
		}
		return fired;
	}
}
