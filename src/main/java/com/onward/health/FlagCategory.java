package com.onward.health;

/** The seeds' five red-flag categories (HLT-2). */
public enum FlagCategory {
	STAKEHOLDER_ENGAGEMENT, TECHNICAL, USER_ADOPTION, BUSINESS_OUTCOME, RELATIONSHIP;

	/** The course-correction playbook (HLT-4) for problems of this category. */
	public CorrectiveProblem problem() {
		return switch (this) {
			case STAKEHOLDER_ENGAGEMENT -> CorrectiveProblem.LOW_ENGAGEMENT;
			case TECHNICAL -> CorrectiveProblem.TECHNICAL_ISSUES;
			case USER_ADOPTION -> CorrectiveProblem.LAGGING_ADOPTION;
			case BUSINESS_OUTCOME -> CorrectiveProblem.DELAYED_OUTCOMES;
			case RELATIONSHIP -> CorrectiveProblem.RELATIONSHIP_STRAIN;
		};
	}
}
