package com.onward.privacy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Applies the retention periods daily, once across instances (ShedLock). */
@Component
@ConditionalOnProperty(name = "onward.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class RetentionJob {

	private final Privacy privacy;

	RetentionJob(Privacy privacy) {
		this.privacy = privacy;
	}

	@Scheduled(cron = "${onward.privacy.retention-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "privacy-retention")
	void run() {
		privacy.applyRetention();
	}
}
