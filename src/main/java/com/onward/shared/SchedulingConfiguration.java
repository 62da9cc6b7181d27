package com.onward.shared;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Scheduled work (health recompute, partition maintenance, sweeps) runs once across all
 * instances sharing the database (PLT-5): each job takes a ShedLock row, timed by the
 * database's clock so instances with skewed clocks agree. {@code onward.scheduling.enabled=false}
 * turns the schedules off (the test suite triggers the same work explicitly).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "onward.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
// lockAtLeastFor: every instance's scheduler fires on the same cron tick; a job that finishes in
// milliseconds would otherwise free its lock before a slower instance fires and run a second time.
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M", defaultLockAtLeastFor = "${onward.scheduling.lock-at-least-for}")
class SchedulingConfiguration {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SchedulingConfiguration.class);

	/**
	 * Scheduled jobs share {@code onward.background.scheduler-threads} platform threads (not a virtual
	 * thread each), so they never hold more connections than that.
	 */
	@Bean
	ThreadPoolTaskScheduler taskScheduler(@Value("${onward.background.scheduler-threads}") int threads) {
		var scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(Math.max(1, threads));
		scheduler.setThreadNamePrefix("scheduled-");
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		// While the database is away each run fails: one line per run, not a stack trace; the next run retries.
		scheduler.setErrorHandler(error -> {
			if (DatabaseUnavailableFilter.databaseUnavailable(error)) {
				log.warn("Scheduled job skipped, database unavailable: {}",
						org.springframework.core.NestedExceptionUtils.getMostSpecificCause(error).toString());
			}
			else {
				log.error("Scheduled job failed", error);
			}
		});
		return scheduler;
	}

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}
}
