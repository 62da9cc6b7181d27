package com.onward.training;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TRN-1/2 defaults ({@code onward.training}): the sample schedule, pass score and rate targets.
 * The schedule's weeks are the seeds' days of a standard plan whose go-live is on
 * {@code standard-go-live-day}; a plan whose go-live is more than {@code go-live-tolerance-days}
 * away is scaled by its go-live, and no session is planned on or after the go-live.
 * {@code tech-touch-segments} get on-demand academy items instead of live sessions.
 */
@ConfigurationProperties("onward.training")
record TrainingProperties(int passScore, double completionTarget, double attendanceFlagBelow, int standardPlanDays,
		List<Planned> schedule, Integer standardGoLiveDay, Integer goLiveToleranceDays,
		List<com.onward.shared.Segment> techTouchSegments) {

	TrainingProperties {
		if (standardGoLiveDay == null) standardGoLiveDay = 60;
		if (goLiveToleranceDays == null) goLiveToleranceDays = 3;
		if (techTouchSegments == null) techTouchSegments = List.of(com.onward.shared.Segment.SMB);
	}

	/** One session of the sample schedule: in week {@code week} of a standard 90-day plan. */
	record Planned(String code, Session.Audience audience, Session.Format format, int week, int minutes,
			boolean optional) {
	}
}
