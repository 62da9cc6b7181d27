package com.onward.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock tests can set and move: the system clock until a test changes it. {@link #setTo} stops time
 * at an instant (then only {@link #moveBy} or {@link #advance} move it); {@link #advance} alone keeps
 * the clock running, shifted ahead. {@link #reset} goes back to the system clock. Every bean that takes
 * a {@link Clock} gets this one in the test suite ({@link TestClockConfiguration}).
 */
public class TestClock extends Clock {

	private final ZoneId zone;
	private volatile Instant fixed;
	private volatile Duration offset = Duration.ZERO;

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
		return at == null ? Instant.now().plus(offset) : at;
	}

	public void setTo(Instant instant) {
		this.fixed = instant;
	}

	public void moveBy(Duration duration) {
		this.fixed = instant().plus(duration);
	}

	/** Moves time ahead: a stopped clock jumps, a running one keeps running from further on. */
	public void advance(Duration duration) {
		if (fixed != null) {
			moveBy(duration);
		}
		else {
			offset = offset.plus(duration);
		}
	}

	/** Back to the system clock. */
	public void reset() {
		this.fixed = null;
		this.offset = Duration.ZERO;
	}
}
