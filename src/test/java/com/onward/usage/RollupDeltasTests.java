package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A batch's deltas survive their binary form exactly, and merging batches adds counts and widens times. */
class RollupDeltasTests {

	private static final UUID ACCOUNT = UUID.fromString("f3a1c2d4-0000-4000-8000-00000000beef");

	private static RollupDeltas.Counts counts(Instant first, Instant firstLogin, Instant last, long events, long logins) {
		var c = new RollupDeltas.Counts();
		c.first = first;
		c.firstLogin = firstLogin;
		c.last = last;
		c.events = events;
		c.logins = logins;
		return c;
	}

	@Test
	void aBatchsDeltasComeBackExactly() {
		var batch = new RollupDeltas();
		var day = new RollupDeltas.DayKey(ACCOUNT, LocalDate.of(1969, 12, 31), "siti@example.com");
		Instant beforeEpoch = Instant.parse("1969-12-31T23:59:58.123456789Z");
		batch.days.put(day, counts(beforeEpoch, null, beforeEpoch.plusNanos(1), 3, 0));
		var other = new RollupDeltas.DayKey(ACCOUNT, LocalDate.of(2026, 12, 1), "ü-ßer\t2");
		batch.days.put(other, counts(Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T08:00:00.5Z"),
				Instant.parse("2026-12-01T17:00:00Z"), 7, 2));
		batch.features.put(new RollupDeltas.FeatureKey(ACCOUNT, "reports"),
				counts(Instant.parse("2026-12-01T09:00:00Z"), null, Instant.parse("2026-12-01T10:00:00Z"), 4, 0));

		var read = new RollupDeltas();
		read.add(batch.toBytes());

		assertThat(read.days).containsOnlyKeys(day, other);
		assertThat(read.days.get(day)).usingRecursiveComparison().isEqualTo(batch.days.get(day));
		assertThat(read.days.get(other)).usingRecursiveComparison().isEqualTo(batch.days.get(other));
		assertThat(read.features.get(new RollupDeltas.FeatureKey(ACCOUNT, "reports"))).usingRecursiveComparison()
			.isEqualTo(batch.features.get(new RollupDeltas.FeatureKey(ACCOUNT, "reports")));
		assertThat(read.accounts()).containsExactly(ACCOUNT);
	}

	@Test
	void mergedBatchesAddTheirCountsAndKeepTheExtremeTimes() {
		var day = new RollupDeltas.DayKey(ACCOUNT, LocalDate.of(2026, 12, 1), "u-1");
		var early = new RollupDeltas();
		early.days.put(day, counts(Instant.parse("2026-12-01T08:00:00Z"), null, Instant.parse("2026-12-01T09:00:00Z"), 2, 0));
		var late = new RollupDeltas();
		late.days.put(day, counts(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:30:00Z"),
				Instant.parse("2026-12-01T11:00:00Z"), 5, 1));

		var merged = new RollupDeltas();
		merged.add(late.toBytes());
		merged.add(early.toBytes());

		var c = merged.days.get(day);
		assertThat(c.events).isEqualTo(7);
		assertThat(c.logins).isEqualTo(1);
		assertThat(c.first).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
		assertThat(c.firstLogin).isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
		assertThat(c.last).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
	}
}
