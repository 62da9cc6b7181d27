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
@org.springframework.validation.annotation.Validated
record HealthProperties(@jakarta.validation.constraints.NotEmpty Map<String, Double> weights,
		@jakarta.validation.constraints.Max(100) int greenFrom, @jakarta.validation.constraints.Min(1) int yellowFrom,
		@jakarta.validation.constraints.PositiveOrZero int adoptionGraceDays,
		@jakarta.validation.constraints.NotNull Duration refreshInterval, @jakarta.validation.constraints.Positive int batchSize,
		Flags flags, Indicators indicators, Map<String, RiskScore> defaultRisks,
		@jakarta.validation.constraints.Positive int bulkEventsFrom, @jakarta.validation.constraints.Positive int bulkEventChunk,
		@jakarta.validation.constraints.Positive int recomputeThreads) {

	/** The component weights share out the whole score. */
	@jakarta.validation.constraints.AssertTrue(message = "the weights must sum to 1")
	boolean isWeightsSumToOne() {
		return weights == null || Math.abs(weights.values().stream().mapToDouble(Double::doubleValue).sum() - 1.0) < 0.0001;
	}

	/** Bands are ordered: green above yellow above red. */
	@jakarta.validation.constraints.AssertTrue(message = "green-from must be above yellow-from")
	boolean isBandsOrdered() {
		return greenFrom > yellowFrom;
	}

	record Flags(int unresponsiveDays, int sponsorCheckInDays, int disengagedDays, int missedMilestones,
			int scopeRequests, int scopeRequestWindowDays, int noLoginAfterAccessDays, int noLoginAfterTrainingDays,
			double adoptionGap, int adoptionGapFromDay, int noEarlyWinsDay, double trainingAttendanceBelow) {
	}

	/** Plan item keys (and phase keys) that stand for each leading indicator across the shipped playbooks. */
	record Indicators(int standardPlanDays, List<String> kickoff, List<String> access, List<String> technicalPhases,
			List<String> training, List<String> uat, List<String> earlyResults, int standardGoLiveDay,
			int goLiveToleranceDays) {
	}

	record RiskScore(int probability, int impact) {
	}

	double weight(Component.Name name) {
		return weights.getOrDefault(name.key(), 0.0);
	}
}
