package com.onward.graduation;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import com.onward.shared.Segment;

/**
 * Tech-touch completion ({@code onward.graduation.tech-touch-completion}): for projects of {@code segments}, a
 * yes to the goal survey confirms the customer's value and, once the scorecard is READY, lists the project for
 * a person to approve its completion (never silent).
 */
@ConfigurationProperties("onward.graduation.tech-touch-completion")
@Validated
record TechTouchCompletionProperties(List<Segment> segments) {

	TechTouchCompletionProperties {
		segments = segments == null ? List.of() : List.copyOf(segments);
	}
}
