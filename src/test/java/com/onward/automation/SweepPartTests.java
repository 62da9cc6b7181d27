package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sweep's parts share out the whole range of account ids: no gap, no overlap, each a run of whole slots of the
 * ids (their first hex digit), as even as sixteen slots allow.
 */
class SweepPartTests {

	private static final BigInteger IDS = BigInteger.ONE.shiftLeft(128);

	private static final BigInteger SLOT = IDS.shiftRight(4);

	/** The id as PostgreSQL orders it: an unsigned 128-bit number. */
	private static BigInteger number(UUID id) {
		BigInteger high = new BigInteger(Long.toUnsignedString(id.getMostSignificantBits()));
		return high.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(id.getLeastSignificantBits())));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 16 })
	void thePartsCoverEveryIdOnceInWholeSlots(int of) {
		assertThat(number(new RuleMatches.Part(0, of).from())).isEqualTo(BigInteger.ZERO);
		assertThat(number(new RuleMatches.Part(of - 1, of).to())).isEqualTo(IDS.subtract(BigInteger.ONE));
		for (int i = 0; i < of; i++) {
			var part = new RuleMatches.Part(i, of);
			BigInteger size = number(part.to()).subtract(number(part.from())).add(BigInteger.ONE);
			// Whole slots, the ones the part locks, and no part more than a slot bigger than another.
			assertThat(size.mod(SLOT)).isEqualTo(BigInteger.ZERO);
			assertThat(size.divide(SLOT).intValue()).isEqualTo(part.lastSlot() - part.firstSlot() + 1)
				.isBetween(RuleMatches.Part.SLOTS / of, RuleMatches.Part.SLOTS / of + 1);
			assertThat(number(part.from()).divide(SLOT).intValue()).isEqualTo(part.firstSlot());
			if (i + 1 < of) {
				var next = new RuleMatches.Part(i + 1, of);
				assertThat(number(next.from())).isEqualTo(number(part.to()).add(BigInteger.ONE));
				assertThat(next.firstSlot()).isEqualTo(part.lastSlot() + 1);
			}
		}
		assertThat(RuleMatches.Part.ALL.from()).isEqualTo(new UUID(0, 0));
		assertThat(RuleMatches.Part.ALL.to()).isEqualTo(new UUID(-1, -1));
	}
}
