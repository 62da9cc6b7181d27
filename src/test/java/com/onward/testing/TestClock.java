package com.onward.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock tests can set and move: the system clock until a test sets it; then time stands still at
 * what was set (moved only by {@link #moveBy}) until {@link #reset}. Every bean that takes a
 * {@link Clock} gets this one in the test suite ({@link TestClockConfiguration}).
 */
public class TestClock extends Clock {

	private final ZoneId zone;
	private volatile Instant fixed;

	public TestClock(ZoneId zone) {
		this.zone = zone;
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	@Override
	public Instant instant() {
		Instant at = fixed;
		return at == null ? Instant.now() : at;
	}

	public void setTo(Instant instant) {
		this.fixed = instant;
	}

	public void moveBy(Duration duration) {
		this.fixed = instant().plus(duration);
	}

	/** Back to the system clock. */
	public void reset() {
		this.fixed = null;
	}
}
