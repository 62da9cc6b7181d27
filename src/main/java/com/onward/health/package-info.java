/**
 * Health (HLT-1..6): an explainable 0–100 score per account from weighted components
 * (adoption, engagement, milestone timeliness, value progress, support load, sentiment), where
 * a component without data is shown as such and its weight shared out; red flags in the seeds'
 * five categories and early warnings from the leading indicators, raised and cleared by rules
 * with their evidence; the risk register per project; corrective actions with the
 * course-correction playbooks; escalate-or-extend guidance. Scores are recomputed daily (once
 * across instances), for changed accounts every minute, and on demand. Publishes
 * {@link com.onward.health.RedFlagRaised} and {@link com.onward.health.HealthBandChanged}.
 */
package com.onward.health;
