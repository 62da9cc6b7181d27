package com.onward.portal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.scheduling.support.CronExpression;
import com.onward.shared.Segment;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The feedback loop's surveys ({@code onward.portal.feedback-surveys}): the tech-touch goal survey ("Have you
 * achieved your goal?") for projects of {@code goalSegments} on onboarding day {@code goalDay} (sent up to
 * {@code goalCatchUpDays} later when the daily job missed the day), the NPS survey at graduation and the exit
 * interview when a renewal is recorded as churned. Each is answered in the portal when the contact can sign in
 * there, by email otherwise.
 */
@ConfigurationProperties("onward.portal.feedback-surveys")
@Validated
record FeedbackSurveyProperties(List<Segment> goalSegments, @Positive int goalDay, @PositiveOrZero int goalCatchUpDays,
		boolean npsAtGraduation, boolean exitInterview, String cron) {

	FeedbackSurveyProperties {
		goalSegments = goalSegments == null ? List.of() : List.copyOf(goalSegments);
	}

	/** A misspelt cron would only fail when the scheduler starts; "-" turns the job off. */
	@AssertTrue(message = "cron must be a cron expression such as \"0 15 9 * * *\" (or - for off)")
	boolean isCronValid() {
		return cron == null || "-".equals(cron) || CronExpression.isValidExpression(cron);
	}
}
