package com.onward.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Background work ({@code onward.background}): how many asynchronous listeners run at once and how
 * many connections stay free for web requests; the retry of failed event publications.
 */
@ConfigurationProperties("onward.background")
record BackgroundProperties(int listenerThreads, int queueCapacity, Duration submitWait, int webReservedConnections,
		int schedulerThreads, Retry retry) {

	BackgroundProperties {
		if (listenerThreads <= 0) listenerThreads = 4;
		if (queueCapacity <= 0) queueCapacity = 10_000;
		if (submitWait == null) submitWait = Duration.ofMinutes(1);
		if (webReservedConnections < 0) webReservedConnections = 0;
		if (schedulerThreads <= 0) schedulerThreads = 2;
		if (retry == null) retry = new Retry(null, null, null, 0, 0, null);
	}

	/**
	 * Failed publications are resubmitted after {@code firstDelay}, doubling up to {@code maxDelay};
	 * a warning is logged when more than {@code warnCount} are incomplete or the oldest is older than
	 * {@code warnAge}.
	 */
	record Retry(Duration firstDelay, Duration maxDelay, Duration warnAge, int warnCount, int batchSize, Duration interval) {
		Retry {
			if (firstDelay == null) firstDelay = Duration.ofSeconds(30);
			if (maxDelay == null) maxDelay = Duration.ofMinutes(30);
			if (warnAge == null) warnAge = Duration.ofMinutes(15);
			if (warnCount <= 0) warnCount = 100;
			if (batchSize <= 0) batchSize = 100;
			if (interval == null) interval = Duration.ofSeconds(30);
		}
	}
}
