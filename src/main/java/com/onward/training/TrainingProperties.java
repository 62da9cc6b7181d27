package com.onward.training;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** TRN-1/2 defaults ({@code onward.training}): the sample schedule, pass score and rate targets. */
@ConfigurationProperties("onward.training")
record TrainingProperties(int passScore, double completionTarget, double attendanceFlagBelow, int standardPlanDays,
		List<Planned> schedule) {

	/** One session of the sample schedule: in week {@code week} of a standard 90-day plan. */
	record Planned(String code, Session.Audience audience, Session.Format format, int week, int minutes,
			boolean optional) {
	}
}
