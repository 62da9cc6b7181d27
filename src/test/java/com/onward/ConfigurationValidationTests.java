package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Every configuration record bound from the shipped application.yml, and a mistake in one of the validated
 * records stops the start-up with a message naming the property (rather than a surprise much later).
 */
class ConfigurationValidationTests {

	/** The configuration records of every module, as the application scans them. */
	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan("com.onward")
	static class AllProperties {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer()).withUserConfiguration(AllProperties.class);

	@Test
	void theShippedConfigurationBinds() {
		runner.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void aPassScoreAbove100StopsTheStart() {
		fails("onward.training.pass-score=120", "onward.training", "passScore");
	}

	@Test
	void anAttendanceThresholdAboveOneStopsTheStart() {
		fails("onward.training.attendance-flag-below=70", "onward.training", "attendanceFlagBelow");
	}

	@Test
	void aPlanningBufferAbove100PercentStopsTheStart() {
		fails("onward.planning.turnover-buffer-percent=150", "onward.planning", "turnoverBufferPercent");
	}

	@Test
	void aNegativeFactorStopsTheStart() {
		fails("onward.onboarding.factors.busy-season-percent=-5", "onward.onboarding.factors", "busySeasonPercent");
	}

	@Test
	void noCoreFeaturesStopsTheStart() {
		fails("onward.adoption.core-features=0", "onward.adoption", "coreFeatures");
	}

	@Test
	void hoursWhoseMinimumIsAboveTheMaximumStopTheStart() {
		fails("onward.team.hours-per-week.CSM.min=12", "onward.team", "min must not be above max");
	}

	@Test
	void aCadenceForAnUnknownRoleOrOfNoDaysStopsTheStart() {
		runner.withPropertyValues("onward.automation.cadences[0].role=SPONSOR", "onward.automation.cadences[0].days=30")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("SPONSOR"));
		fails("onward.automation.cadences[0].days=0", "onward.automation", "days");
	}

	@Test
	void anOutcomeWithoutDaysStopsTheStart() {
		fails("onward.success.outcome-defaults[0].days=0", "onward.success", "days");
	}

	private void fails(String property, String prefix, String named) {
		runner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasStackTraceContaining(prefix).hasStackTraceContaining(named);
		});
	}
}
