package com.onward.health;

/** The problem types of HLT-4, each with its course-correction playbook (steps in the message bundles). */
public enum CorrectiveProblem {
	LOW_ENGAGEMENT, TECHNICAL_ISSUES, LAGGING_ADOPTION, DELAYED_OUTCOMES, RELATIONSHIP_STRAIN
}
