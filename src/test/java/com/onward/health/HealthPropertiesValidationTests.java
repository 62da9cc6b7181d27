package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Health's configuration is checked at start-up: weights share out the whole score, bands are ordered. */
class HealthPropertiesValidationTests {

	@Configuration
	@EnableConfigurationProperties(HealthProperties.class)
	static class Config {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class)
		.withPropertyValues("onward.health.refresh-interval=60s", "onward.health.batch-size=1000",
				"onward.health.bulk-events-from=50", "onward.health.bulk-event-chunk=2000",
				"onward.health.recompute-threads=2");

	@Test
	void theShippedShapeStarts() {
		runner.withPropertyValues("onward.health.weights.adoption=0.6", "onward.health.weights.engagement=0.4",
				"onward.health.green-from=80", "onward.health.yellow-from=60")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void weightsThatDoNotSumToOneStopTheStart() {
		runner.withPropertyValues("onward.health.weights.adoption=0.6", "onward.health.weights.engagement=0.5",
				"onward.health.green-from=80", "onward.health.yellow-from=60")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("weights must sum to 1"));
	}

	@Test
	void bandsOutOfOrderStopTheStart() {
		runner.withPropertyValues("onward.health.weights.adoption=1.0", "onward.health.green-from=60",
				"onward.health.yellow-from=80")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("green-from must be above"));
	}
}
