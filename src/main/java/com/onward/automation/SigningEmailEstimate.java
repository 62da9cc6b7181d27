package com.onward.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;

import com.onward.account.CustomerEmailEstimate;

/**
 * Counts the customer emails signing contracts would send under the enabled CONTRACT_SIGNED rules:
 * the welcome (while the signing is recent), the kickoff invitation, and the fitting step of each
 * sequence started (sent by the next sweep). Historical contracts and contracts without a contact
 * address send none. Held messages (daily cap, sending hours) still count: they go later.
 */
@Component
class SigningEmailEstimate implements CustomerEmailEstimate {

	private final Automation automation;
	private final AutomationProperties props;
	private final Clock clock;

	SigningEmailEstimate(Automation automation, AutomationProperties props, Clock clock) {
		this.automation = automation;
		this.props = props;
		this.clock = clock;
	}

	@Override
	public int onSigning(List<PlannedContract> contracts) {
		LocalDate today = LocalDate.now(clock);
		List<Automation.Rule> rules = automation.rules().stream()
			.filter(r -> r.enabled() && r.trigger() == Trigger.CONTRACT_SIGNED).toList();
		int emails = 0;
		for (PlannedContract c : contracts) {
			if (c.historical() || !c.hasContactEmail()) continue;
			long day = Math.max(0, ChronoUnit.DAYS.between(c.signedOn(), today));
			boolean recent = !c.signedOn().isBefore(today.minusDays(props.welcomeWithinDays()));
			for (Automation.Rule rule : rules) {
				if (!rule.conditions().admitsNew(c.segment(), c.language(), day)) continue;
				for (Automation.Action action : rule.actions()) {
					switch (action) {
						case SEND_MESSAGE -> emails += recent ? 1 : 0;
						case SEND_INVITE, SEND_SURVEY -> emails++;
						case START_SEQUENCE -> {
							var sequence = props.sequences().get(rule.param("sequence"));
							long offset = "PROJECT_START".equals(rule.param("from")) ? day : 0;
							if (sequence != null && !sequence.expanded().isEmpty()
									&& sequence.expanded().get(sequence.fittingStep(offset)).day() <= offset) {
								emails++;
							}
						}
						default -> {
						}
					}
				}
			}
		}
		return emails;
	}
}
