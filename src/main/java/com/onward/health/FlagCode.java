package com.onward.health;

/**
 * The codes of the red flags health raises (HLT-2/3), with their category: the early warnings of the leading
 * indicators by week, and the follow-up flag an automation rule raises (its category set by the rule). Other
 * modules name flags by these constants, so a configured code with a typo fails at start-up.
 */
public enum FlagCode {
	PROJECT_LEAD_UNRESPONSIVE(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	SPONSOR_MISSES_CHECK_INS(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	CHAMPION_DISENGAGED(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	DISENGAGED_TWO_WEEKS(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	CADENCE_MISSED(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	HANDOFF_OVERDUE(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	IT_UNRESPONSIVE(FlagCategory.TECHNICAL),
	MILESTONES_REPEATEDLY_MISSED(FlagCategory.TECHNICAL),
	RISING_SCOPE_REQUESTS(FlagCategory.TECHNICAL),
	TECHNICAL_ISSUES_GROWING(FlagCategory.TECHNICAL),
	ADOPTION_BELOW_TARGET(FlagCategory.USER_ADOPTION),
	NO_LOGIN_AFTER_ACCESS(FlagCategory.USER_ADOPTION),
	NO_LOGIN_AFTER_TRAINING(FlagCategory.USER_ADOPTION),
	TRAINING_ATTENDANCE_LOW(FlagCategory.USER_ADOPTION),
	USAGE_LOW_OR_FALLING(FlagCategory.USER_ADOPTION),
	NO_EARLY_WINS(FlagCategory.BUSINESS_OUTCOME),
	NEGATIVE_SENTIMENT(FlagCategory.RELATIONSHIP),
	METRICS_NOT_IMPROVING(FlagCategory.BUSINESS_OUTCOME),
	RESULTS_NOT_TRACKED(FlagCategory.BUSINESS_OUTCOME),
	COMPLAINTS_RISING(FlagCategory.RELATIONSHIP),
	EXECUTIVE_ESCALATION(FlagCategory.RELATIONSHIP),
	TRAINING_FEEDBACK_NEGATIVE(FlagCategory.USER_ADOPTION),
	EARLY_WARNING_WEEK_2(FlagCategory.STAKEHOLDER_ENGAGEMENT),
	EARLY_WARNING_WEEK_4(FlagCategory.TECHNICAL),
	EARLY_WARNING_WEEK_6(FlagCategory.USER_ADOPTION),
	EARLY_WARNING_WEEK_8(FlagCategory.USER_ADOPTION),
	EARLY_WARNING_WEEK_10(FlagCategory.BUSINESS_OUTCOME),
	HUMAN_FOLLOW_UP(null);

	private final FlagCategory category;

	FlagCode(FlagCategory category) {
		this.category = category;
	}

	/** The category of the flag; null for a follow-up flag, whose rule chooses it. */
	public FlagCategory category() {
		return category;
	}

	/** Whether a stored flag's code is this one. */
	public boolean is(String code) {
		return name().equals(code);
	}
}
