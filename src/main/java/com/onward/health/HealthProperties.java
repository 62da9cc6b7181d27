package com.onward.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health defaults ({@code onward.health}): component weights and bands (HLT-1), red-flag
 * thresholds (HLT-2), the plan items behind the leading indicators (HLT-3) and the default
 * risks' scores (HLT-6). Documented in README's configuration reference.
 */
@ConfigurationProperties("onward.health")
record HealthProperties(Map<String, Double> weights, int greenFrom, int yellowFrom, int adoptionGraceDays,
		Duration refreshInterval, int batchSize, Flags flags, Indicators indicators, Map<String, RiskScore> defaultRisks,
		int bulkEventsFrom, int bulkEventChunk) {

	HealthProperties {
		if (batchSize <= 0) batchSize = 1000;
		// A batch raising this many flags (or band changes) publishes them in chunk events.
		if (bulkEventsFrom <= 0) bulkEventsFrom = 50;
		if (bulkEventChunk <= 0) bulkEventChunk = 2000;
		if (refreshInterval == null) refreshInterval = Duration.ofMinutes(1);
	}

	record Flags(int unresponsiveDays, int sponsorCheckInDays, int disengagedDays, int missedMilestones,
			int scopeRequests, int scopeRequestWindowDays, int noLoginAfterAccessDays, int noLoginAfterTrainingDays,
			double adoptionGap, int adoptionGapFromDay, int noEarlyWinsDay, double trainingAttendanceBelow) {
	}

	/** Plan item keys (and phase keys) that stand for each leading indicator across the shipped playbooks. */
	record Indicators(int standardPlanDays, List<String> kickoff, List<String> access, List<String> technicalPhases,
			List<String> training, List<String> uat, List<String> earlyResults) {
	}

	record RiskScore(int probability, int impact) {
	}

	double weight(Component.Name name) {
		return weights.getOrDefault(name.key(), 0.0);
	}
}
