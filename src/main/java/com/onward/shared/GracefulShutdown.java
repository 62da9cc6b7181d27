package com.onward.shared;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The order in which an instance leaves a load-balanced cluster. As soon as its context starts
 * to close (SIGTERM), readiness turns to refusing traffic and {@link #stopping()} becomes true,
 * so background loops (outbox delivery) stop taking new work and the schedulers stop firing;
 * then, for {@code onward.lifecycle.drain-delay}, the instance keeps serving while the load
 * balancer's readiness checks notice; only then does the web server's graceful shutdown begin
 * (no new connections, requests in flight finish within {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Component
public class GracefulShutdown implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final ApplicationContext context;
	private final Duration drainDelay;
	private volatile boolean running;
	private volatile boolean stopping;

	GracefulShutdown(ApplicationContext context, @Value("${onward.lifecycle.drain-delay}") Duration drainDelay) {
		this.context = context;
		this.drainDelay = drainDelay;
	}

	/** True once the instance is shutting down: take no new background work. */
	public boolean stopping() {
		return stopping;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != context || stopping) {
			return;
		}
		stopping = true;
		AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
		log.info("Shutting down: readiness is now REFUSING_TRAFFIC, still serving for {}", drainDelay);
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		if (!drainDelay.isZero() && !drainDelay.isNegative()) {
			try {
				Thread.sleep(drainDelay);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops first, before the web server's graceful shutdown (which has a lower phase). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
