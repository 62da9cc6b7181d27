package com.onward.training;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * TRN-1/2 defaults ({@code onward.training}): the sample schedule, pass score and rate targets.
 * The schedule's weeks are the seeds' days of a standard plan whose go-live is on
 * {@code standard-go-live-day}; a plan whose go-live is more than {@code go-live-tolerance-days}
 * away is scaled by its go-live, and no session is planned on or after the go-live.
 * {@code tech-touch-segments} get on-demand academy items instead of live sessions.
 */
@ConfigurationProperties("onward.training")
@Validated
record TrainingProperties(@Min(0) @Max(100) int passScore, @DecimalMin("0") @DecimalMax("1") double completionTarget,
		@DecimalMin("0") @DecimalMax("1") double attendanceFlagBelow, @Positive int standardPlanDays,
		List<@Valid Planned> schedule, Integer standardGoLiveDay, Integer goLiveToleranceDays,
		List<com.onward.shared.Segment> techTouchSegments) {

	TrainingProperties {
		if (standardGoLiveDay == null) standardGoLiveDay = 60;
		if (goLiveToleranceDays == null) goLiveToleranceDays = 3;
		if (techTouchSegments == null) techTouchSegments = List.of(com.onward.shared.Segment.SMB);
	}

	/** One session of the sample schedule: in week {@code week} of a standard 90-day plan. */
	record Planned(@NotBlank String code, @NotNull Session.Audience audience, @NotNull Session.Format format,
			@Positive int week, @Positive int minutes,
			boolean optional) {
	}
}
