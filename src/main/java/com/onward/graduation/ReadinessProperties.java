package com.onward.graduation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import java.util.Arrays;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.onward.shared.Segment;

/**
 * "All five green" ({@code onward.graduation.readiness}): the floor every dimension must reach
 * for READY (the seeds' 9/8/7/9/8 is READY, so green starts at 7), the cap on the suggested value
 * score while no success criterion is met, whether a customer confirmation of value is required,
 * which logged problems block graduation, and the on-time graduation window of each segment.
 */
@ConfigurationProperties("onward.graduation.readiness")
@Validated
record ReadinessProperties(@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal dimensionFloor,
		@NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal valueCapUntilMet, @NotNull Boolean requireCustomerConfirmation,
		@NotNull List<String> blockingIssueKinds, @NotEmpty Map<Segment, @Valid Window> onTime) {
	// Defaults live in application.yml only.

	/** Graduating from day {@code from} to day {@code until} of onboarding is on time. */
	record Window(@PositiveOrZero int from, @Positive int until) {

		@AssertTrue(message = "from must not be after until")
		boolean isOrdered() {
			return from <= until;
		}
	}

	/** Only kinds a logged problem can have: a typo would silently block nothing. */
	@AssertTrue(message = "blocking-issue-kinds must be kinds of logged problems (DATA_QUALITY, SECURITY, TECHNICAL, OTHER)")
	boolean isBlockingIssueKindsKnown() {
		return blockingIssueKinds == null || blockingIssueKinds.stream()
			.allMatch(k -> Arrays.stream(ProjectIssues.Kind.values()).anyMatch(kind -> kind.name().equals(k)));
	}
}
