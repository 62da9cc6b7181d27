package com.onward.graduation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.Segment;

/**
 * "All five green" ({@code onward.graduation.readiness}): the floor every dimension must reach
 * for READY (the seeds' 9/8/7/9/8 is READY, so green starts at 7), the cap on the suggested value
 * score while no success criterion is met, whether a customer confirmation of value is required,
 * which logged problems block graduation, and the on-time graduation window of each segment.
 */
@ConfigurationProperties("onward.graduation.readiness")
record ReadinessProperties(BigDecimal dimensionFloor, BigDecimal valueCapUntilMet, Boolean requireCustomerConfirmation,
		List<String> blockingIssueKinds, Map<Segment, Window> onTime) {

	/** Graduating from day {@code from} to day {@code until} of onboarding is on time. */
	record Window(int from, int until) {
	}

	ReadinessProperties {
		if (dimensionFloor == null) dimensionFloor = BigDecimal.valueOf(7);
		if (valueCapUntilMet == null) valueCapUntilMet = BigDecimal.valueOf(6);
		if (requireCustomerConfirmation == null) requireCustomerConfirmation = true;
		if (blockingIssueKinds == null) blockingIssueKinds = List.of("DATA_QUALITY", "SECURITY");
		if (onTime == null || onTime.isEmpty()) {
			onTime = Map.of(Segment.SMB, new Window(14, 30), Segment.MID_MARKET, new Window(45, 60),
					Segment.ENTERPRISE, new Window(90, 120));
		}
	}
}
