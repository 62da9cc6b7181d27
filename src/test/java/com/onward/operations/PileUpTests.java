package com.onward.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PileUpTests {

	@Test
	void manyIncompletePublicationsPileUpOnlyWhenTheyDoNotShrink() {
		assertThat(EventPublications.pilingUp(0, 318, 100)).as("a recompute's chunks just published").isFalse();
		assertThat(EventPublications.pilingUp(318, 272, 100)).as("the bulk lane working them off").isFalse();
		assertThat(EventPublications.pilingUp(120, 120, 100)).as("stuck").isTrue();
		assertThat(EventPublications.pilingUp(150, 400, 100)).as("growing").isTrue();
		assertThat(EventPublications.pilingUp(99, 99, 100)).as("below the warning count").isFalse();
	}
}
