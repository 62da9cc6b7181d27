package com.onward.graduation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Graduating is irreversible: more than {@code approvalBeyondDaysEarly} days before the planned
 * graduation date it needs a CS manager (the one graduating, or one named) and a reason.
 */
@ConfigurationProperties("onward.graduation.guard")
@Validated
record GraduationGuardProperties(@PositiveOrZero int approvalBeyondDaysEarly) {
}
