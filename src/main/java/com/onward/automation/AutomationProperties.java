package com.onward.automation;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onward.automation}: the sequences (AUTO-3), the stakeholder cadences (PPL-3), which plan
 * items count as the kickoff, and the no-catch-up limits: a time-based rule emails a customer only
 * for an occasion at most {@code catchUpGraceDays} before Onward knew the account, and the welcome
 * goes only for a contract signed within {@code welcomeWithinDays}. {@code sweepWorkMem} is PostgreSQL's
 * {@code work_mem} for the sweep's transactions; {@code sweepParts} how many of them run side by side, each rule
 * split over that many shares of the accounts (never more than a fifth of the connection pool).
 */
@ConfigurationProperties("onward.automation")
@Validated
record AutomationProperties(Map<String, @Valid Sequence> sequences, List<@Valid Cadence> cadences, List<String> kickoffItems,
		Integer catchUpGraceDays, Integer welcomeWithinDays, @Pattern(regexp = "[1-9][0-9]*(kB|MB|GB)")
		String sweepWorkMem, @Min(1) @Max(16) Integer sweepParts) {

	AutomationProperties {
		if (sweepWorkMem == null) sweepWorkMem = "64MB";
		if (sweepParts == null) sweepParts = 2;
		if (catchUpGraceDays == null) catchUpGraceDays = 1;
		if (welcomeWithinDays == null) welcomeWithinDays = 14;
		if (sequences == null) sequences = Map.of();
		if (cadences == null) cadences = List.of();
		if (kickoffItems == null || kickoffItems.isEmpty()) kickoffItems = List.of("kickoff", "exec-kickoff");
	}

	/** When a sequence has reached its goal and stops sending. */
	enum Goal {
		LOGGED_IN, PROJECT_COMPLETED
	}

	/**
	 * Timed steps from the day the account enrolled; with {@code repeatEveryDays} the last step repeats
	 * (up to {@code maxRepeats}) until the goal is met.
	 */
	record Sequence(Goal goal, List<@Valid Step> steps, @PositiveOrZero int repeatEveryDays, int maxRepeats) {
		Sequence {
			if (goal == null) goal = Goal.PROJECT_COMPLETED;
			if (steps == null) steps = List.of();
			if (maxRepeats <= 0) maxRepeats = 26;
		}

		/** The step that fits an enrolment {@code offset} days old: the latest one due (0 when none is). */
		int fittingStep(long offset) {
			List<Step> all = expanded();
			int fit = 0;
			for (int i = 0; i < all.size(); i++) {
				if (all.get(i).day() <= offset) fit = i;
			}
			return fit;
		}

		/** The steps with repeats written out: what the sweep works through. */
		List<Step> expanded() {
			if (repeatEveryDays <= 0 || steps.isEmpty()) return steps;
			var all = new java.util.ArrayList<>(steps);
			Step last = steps.get(steps.size() - 1);
			for (int i = 1; i <= maxRepeats; i++) {
				all.add(new Step(last.day() + i * repeatEveryDays, last.template()));
			}
			return all;
		}
	}

	record Step(@PositiveOrZero int day, @NotBlank String template) {
	}

	/** A stakeholder role met every {@code days}; {@code untilGoLive}: only while implementing. */
	record Cadence(@NotNull com.onward.shared.ContactRole role, @Positive int days, boolean untilGoLive) {
	}
}
