package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.onward.health.FlagCode;

/** Graduation's configuration is checked at start-up: a mistyped blocking flag or bad weights stop it. */
class GraduationPropertiesValidationTests {

	@Configuration
	@EnableConfigurationProperties(GraduationProperties.class)
	static class Config {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class)
		.withPropertyValues("onward.graduation.weights.TECHNICAL=0.5", "onward.graduation.weights.VALUE=0.5",
				"onward.graduation.ready-from=8.0", "onward.graduation.close-from=6.0");

	@Test
	void knownFlagCodesBind() {
		runner.withPropertyValues("onward.graduation.blocking-flags=NO_EARLY_WINS,EARLY_WARNING_WEEK_4")
			.run(context -> assertThat(context.getBean(GraduationProperties.class).blockingFlags())
				.containsExactly(FlagCode.NO_EARLY_WINS, FlagCode.EARLY_WARNING_WEEK_4));
	}

	@Test
	void aMistypedFlagCodeStopsTheStart() {
		runner.withPropertyValues("onward.graduation.blocking-flags=NO_EARLY_WIN")
			.run(context -> assertThat(context).hasFailed());
	}

	@Test
	void weightsAndThresholdsAreChecked() {
		runner.withPropertyValues("onward.graduation.weights.KNOWLEDGE=0.1")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("weights must sum to 1"));
		runner.withPropertyValues("onward.graduation.close-from=9.0")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("ready-from must be above"));
	}
}
