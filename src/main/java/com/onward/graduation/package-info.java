/**
 * Graduation: the graduation scorecard — five dimensions scored 0–10, weighted
 * (technical 20 %, knowledge 20 %, adoption 20 %, value 30 %, stakeholder 10 % by default),
 * a verdict (READY ≥ 8.0, CLOSE 6.0–7.9, NOT_READY < 6.0) and the blocking red flags
 * that keep a high score from READY. Every scorecard is kept as history.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "health", "identity", "onboarding", "shared", "stakeholder", "success", "team",
		"training", "usage" })
package com.onward.graduation;
