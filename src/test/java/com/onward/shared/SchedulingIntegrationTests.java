package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

import com.onward.IntegrationTest;

import net.javacrumbs.shedlock.core.LockProvider;

/**
 * {@code onward.scheduling.enabled=false} (the test profile) really turns the schedules off: no
 * library switches {@code @EnableScheduling} on behind our back (Spring Modulith Moments did, so
 * background delivery raced the messaging tests), and then no job runs unlocked either.
 */
class SchedulingIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Test
	void withSchedulingDisabledNothingIsScheduled() {
		assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class)).isEmpty();
		assertThat(context.getBeanNamesForType(LockProvider.class)).isEmpty();
	}
}
