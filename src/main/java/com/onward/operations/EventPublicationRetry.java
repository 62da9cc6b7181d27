package com.onward.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Resubmits failed event publications at start-up and then on a schedule, once across instances
 * (ShedLock). Publications left in flight by a crash are marked failed by Spring Modulith's
 * staleness monitor ({@code spring.modulith.events.staleness.*}) and retried here.
 */
@Component
class EventPublicationRetry {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationRetry.class);

	private final EventPublications publications;
	private final ObjectProvider<EventPublicationRetry> self;

	EventPublicationRetry(EventPublications publications, ObjectProvider<EventPublicationRetry> self) {
		this.publications = publications;
		this.self = self;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		try {
			self.getObject().run(); // through the proxy, so the lock applies
		}
		catch (RuntimeException e) {
			log.warn("Retry of failed event publications at start-up failed: {}", e.toString());
		}
	}

	@Scheduled(fixedDelayString = "${onward.background.retry.interval}", initialDelayString = "${onward.background.retry.interval}")
	@SchedulerLock(name = "event-publication-retry", lockAtMostFor = "PT10M")
	void run() {
		publications.retry(false);
	}
}
