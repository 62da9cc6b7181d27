package com.onward.health;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Thresholds of the red flags on results, complaints and feedback ({@code onward.health.feedback-flags}, HLT-2):
 * "metrics not improving" (a success criterion's measurements in the last {@code metricsWindowDays} flat or
 * worse, at least {@code metricsMinMeasurements} of them spanning {@code metricsMinSpanDays}), "customer not
 * tracking results" (no measurement of an unmet criterion for {@code untrackedDays}), "complaints rising"
 * (tickets of {@code complaintCategories} in the last {@code complaintsWindowDays} above the window before and
 * at least {@code complaintsMin}), and "negative training feedback" (the average 1–5 rating of the sessions
 * held below {@code trainingFeedbackBelow} over at least {@code trainingFeedbackMinResponses} ratings).
 */
@ConfigurationProperties("onward.health.feedback-flags")
@Validated
record FeedbackFlagProperties(@Positive int metricsWindowDays, @Min(2) int metricsMinMeasurements,
		@PositiveOrZero int metricsMinSpanDays, @Positive int untrackedDays, @Positive int complaintsWindowDays,
		@Positive int complaintsMin, List<String> complaintCategories,
		@DecimalMin("1") @DecimalMax("5") double trainingFeedbackBelow, @Positive int trainingFeedbackMinResponses) {

	/** The shipped values, for rules built without Spring (unit tests); application.yml is the reference. */
	static final FeedbackFlagProperties SHIPPED = new FeedbackFlagProperties(28, 2, 14, 30, 14, 3,
			List.of("TECHNICAL", "HOW_TO", "BILLING", "OTHER"), 3.5, 3);

	FeedbackFlagProperties {
		complaintCategories = complaintCategories == null ? List.of() : List.copyOf(complaintCategories);
	}
}
