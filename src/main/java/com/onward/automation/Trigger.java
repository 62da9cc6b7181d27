package com.onward.automation;

/**
 * What starts a rule. A SWEEP trigger is a time condition the sweep evaluates with set-based SQL (its hit query
 * is in {@link RuleMatches}); an EVENT trigger is a domain event, handled once its transaction commits
 * ({@link AutomationListeners}). A rule stored with a trigger Onward does not know fails when the rules are
 * read, not silently at the sweep.
 */
public enum Trigger {

	NO_LOGIN_AFTER_ACCESS(Kind.SWEEP), NO_RECENT_LOGIN(Kind.SWEEP), FEATURE_UNUSED(Kind.SWEEP), WEEKLY_USAGE(Kind.SWEEP),
	MILESTONE_OVERDUE(Kind.SWEEP), STUCK_ON_STEP(Kind.SWEEP), NO_STAKEHOLDER_CONTACT(Kind.SWEEP), CADENCE_DUE(Kind.SWEEP),
	UNASSIGNED_ROLE(Kind.SWEEP), CADENCE_MISSED(Kind.SWEEP),

	CONTRACT_SIGNED(Kind.EVENT), ITEM_COMPLETED(Kind.EVENT), MILESTONE_COMPLETED(Kind.EVENT), MILESTONE_REACHED(Kind.EVENT),
	KICKOFF_COMPLETED(Kind.EVENT), EARLY_WIN(Kind.EVENT), TRAINING_MODULE_COMPLETED(Kind.EVENT),
	SUCCESS_CRITERION_MET(Kind.EVENT), RED_FLAG_RAISED(Kind.EVENT), HEALTH_BAND_CHANGED(Kind.EVENT),
	PROJECT_GRADUATED(Kind.EVENT), SURVEY_ANSWERED(Kind.EVENT), SURVEY_DETRACTOR(Kind.EVENT);

	/** How a rule is started: by the sweep's clock or by a domain event. */
	public enum Kind {
		SWEEP, EVENT
	}

	private final Kind kind;

	Trigger(Kind kind) {
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}
