package com.onward.privacy;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.scheduling.support.CronExpression;
import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention periods by name (each module reads the ones of its tables: {@code outbox-bodies},
 * {@code survey-comments}, {@code audit-entries}, {@code event-publications}, a new module adds
 * its own key) and when the retention job runs.
 */
@ConfigurationProperties("onward.privacy")
@Validated
record PrivacyProperties(Map<String, Duration> retention, @DefaultValue("0 45 3 * * *") String retentionCron) {

	PrivacyProperties {
		retention = retention == null ? Map.of() : Map.copyOf(retention);
		retention.forEach((name, period) -> {
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("onward.privacy.retention." + name + " must be positive");
			}
		});
	}

	/** A misspelt cron would only fail when the scheduler starts; "-" turns the job off. */
	@AssertTrue(message = "retention-cron must be a cron expression such as \"0 45 3 * * *\" (or - for off)")
	boolean isRetentionCronValid() {
		return "-".equals(retentionCron) || CronExpression.isValidExpression(retentionCron);
	}
}
