package com.onward.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.onward.account.ProductType;

/**
 * An account's adoption (ADO-2..4) on a day. Rates are shares of licensed seats, capped at 1
 * (users beyond the licence count as activated but cannot push a rate past 100 %), and
 * {@code null} when the account has no licensed seats: there is nothing to divide by.
 * {@code usageCountedThrough}: every usage batch acknowledged before this moment is in the figures (batches
 * are counted a moment after they are acknowledged; see {@link UsageCounting}).
 */
public record AdoptionMetrics(LocalDate asOf, UUID accountId, int licensedSeats, int activatedUsers,
		Double activationRate, Double dailyActiveRate, Double weeklyActiveRate, Double monthlyActiveRate,
		int coreFeaturesAdopted, int coreFeaturesTotal, boolean coreFeaturesSuggested, int dailyActiveUsers,
		int weeklyActiveUsers, int monthlyActiveUsers, int previousWeekActiveUsers, Double loginsPerUser,
		Integer onboardingDay, Targets targets, Thresholds thresholds, boolean anyUsage,
		java.time.Instant usageCountedThrough) {

	/** ADO-3: where the target curves stand on the account's onboarding day. */
	public record Targets(double activationRate, double weeklyActiveRate, double coreFeaturesAdopted) {
	}

	/** ADO-4: the product type's thresholds and whether each is met. */
	public record Thresholds(ProductType productType, boolean met, List<Check> checks) {
		public record Check(String metric, double threshold, Double actual, boolean met) {
		}
	}

	/** Weekly active users this week minus last week (the week-over-week trend), in users. */
	@com.fasterxml.jackson.annotation.JsonProperty("weekOverWeekChange")
	public int weekOverWeekChange() {
		return weeklyActiveUsers - previousWeekActiveUsers;
	}
}
