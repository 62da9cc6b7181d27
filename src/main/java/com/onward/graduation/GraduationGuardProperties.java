package com.onward.graduation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Graduating is irreversible: more than {@code approvalBeyondDaysEarly} days before the planned
 * graduation date it needs a CS manager (the one graduating, or one named) and a reason.
 */
@ConfigurationProperties("onward.graduation.guard")
record GraduationGuardProperties(int approvalBeyondDaysEarly) {

	GraduationGuardProperties {
		if (approvalBeyondDaysEarly < 0) approvalBeyondDaysEarly = 7;
	}
}
