package com.onward.portal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The feedback loop's surveys ({@code onward.portal.feedback-surveys}): the tech-touch goal survey ("Have you
 * achieved your goal?") for projects of {@code goalSegments} on onboarding day {@code goalDay} (sent up to
 * {@code goalCatchUpDays} later when the daily job missed the day), the NPS survey at graduation and the exit
 * interview when a renewal is recorded as churned. Each is answered in the portal when the contact can sign in
 * there, by email otherwise.
 */
@ConfigurationProperties("onward.portal.feedback-surveys")
record FeedbackSurveyProperties(List<String> goalSegments, int goalDay, int goalCatchUpDays, boolean npsAtGraduation,
		boolean exitInterview, String cron) {

	FeedbackSurveyProperties {
		goalSegments = goalSegments == null ? List.of() : List.copyOf(goalSegments);
	}
}
