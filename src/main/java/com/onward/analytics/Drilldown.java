package com.onward.analytics;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The accounts and onboardings behind a figure of the analytics: every count, median and rate links
 * to the rows it was computed from, read from the same definition as the figure.
 */
public final class Drilldown {

	private Drilldown() {
	}

	/**
	 * One account (and its onboarding, when the figure is about onboardings). {@code days}: days to
	 * first value or go-live (null = not reached); {@code outcome}: the first renewal's outcome when
	 * due ({@code UNKNOWN} = due without a recorded outcome); {@code numerator}/{@code denominator}:
	 * this row's share of a rate.
	 */
	public record Member(UUID accountId, String accountName, UUID projectId, LocalDate signedOn, Integer days,
			String outcome, Long numerator, Long denominator) {
	}

	public record Members(String table, String key, int count, List<Member> members) {
	}

	static String csv(Members m) {
		return Csv.of(List.of("accountId", "accountName", "projectId", "signedOn", "days", "outcome", "numerator",
				"denominator"), m.members().stream().<List<?>>map(x -> Arrays.asList(x.accountId(), x.accountName(),
						x.projectId(), x.signedOn(), x.days(), x.outcome(), x.numerator(), x.denominator())).toList());
	}
}
