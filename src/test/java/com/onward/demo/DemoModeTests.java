package com.onward.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Demo users never appear on an operator's database unless the operator asks for them. */
class DemoModeTests {

	@Test
	void demoLoadsByDefaultOnlyOnTheZeroSetupDatabase() {
		assertThat(DemoData.allowed(null, false)).isTrue();
		assertThat(DemoData.allowed(null, true)).isFalse();
	}

	@Test
	void anExplicitChoiceWins() {
		assertThat(DemoData.allowed(true, true)).isTrue();
		assertThat(DemoData.allowed(false, false)).isFalse();
	}

	@Test
	void noPasswordIsShipped() {
		assertThat(new DemoData.DemoProperties(null, 60, null, 0).password()).isNull();
		assertThat(new DemoData.DemoProperties(null, 60, " ", 0).password()).isNull();
	}
}
