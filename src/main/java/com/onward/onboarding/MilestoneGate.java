package com.onward.onboarding;

/**
 * What must hold before an item may be completed, checked by another module (the graduation module
 * requires the sales handoff form before the kickoff and the readiness checklist before go-live):
 * it throws a {@link com.onward.shared.BusinessRuleException} naming what is missing. Only a
 * person's or a rule's completion is checked; recording history ({@link Projects#completeThrough})
 * is not.
 */
public interface MilestoneGate {

	/** Refuses completing {@code item} of {@code project} now, or returns. */
	void checkCompletion(Project project, PlanItem item);
}
