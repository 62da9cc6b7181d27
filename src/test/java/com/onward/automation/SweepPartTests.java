package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A sweep's parts share out the whole range of account ids: no gap, no overlap, ranges of (nearly) equal size. */
class SweepPartTests {

	private static final BigInteger IDS = BigInteger.ONE.shiftLeft(128);

	/** The id as PostgreSQL orders it: an unsigned 128-bit number. */
	private static BigInteger number(UUID id) {
		BigInteger high = new BigInteger(Long.toUnsignedString(id.getMostSignificantBits()));
		return high.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(id.getLeastSignificantBits())));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 16 })
	void thePartsCoverEveryIdOnce(int of) {
		assertThat(number(new RuleMatches.Part(0, of).from())).isEqualTo(BigInteger.ZERO);
		assertThat(number(new RuleMatches.Part(of - 1, of).to())).isEqualTo(IDS.subtract(BigInteger.ONE));
		for (int i = 0; i < of; i++) {
			var part = new RuleMatches.Part(i, of);
			BigInteger size = number(part.to()).subtract(number(part.from())).add(BigInteger.ONE);
			assertThat(size.subtract(IDS.divide(BigInteger.valueOf(of))).abs()).isLessThanOrEqualTo(BigInteger.ONE);
			if (i + 1 < of) {
				assertThat(number(new RuleMatches.Part(i + 1, of).from())).isEqualTo(number(part.to()).add(BigInteger.ONE));
			}
		}
		assertThat(RuleMatches.Part.ALL.from()).isEqualTo(new UUID(0, 0));
		assertThat(RuleMatches.Part.ALL.to()).isEqualTo(new UUID(-1, -1));
	}
}
