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

	@Test
	void anSsoWithoutItsProviderStopsTheStart() {
		fails("onward.sso.enabled=true", "onward.sso", "providerSet");
	}

	@Test
	void aNegativeEarlyGraduationAllowanceStopsTheStart() {
		fails("onward.graduation.guard.approval-beyond-days-early=-1", "onward.graduation.guard", "approvalBeyondDaysEarly");
	}

	@Test
	void aHypercareOfNoDaysStopsTheStart() {
		fails("onward.graduation.hypercare.days=0", "onward.graduation.hypercare", "days");
	}

	@Test
	void anUnknownTechTouchSegmentStopsTheStart() {
		fails("onward.graduation.tech-touch-completion.segments=TINY", "onward.graduation.tech-touch-completion.segments",
				"TINY");
	}

	@Test
	void aRequiredHandoffFieldTheFormHasNotStopsTheStart() {
		fails("onward.graduation.handoff.required-fields=useCase,budget", "onward.graduation.handoff", "requiredFieldsKnown");
	}

	@Test
	void aMisspeltBlockingIssueKindOrAnInvertedWindowStopsTheStart() {
		fails("onward.graduation.readiness.blocking-issue-kinds=SECURTY", "onward.graduation.readiness",
				"blockingIssueKindsKnown");
		fails("onward.graduation.readiness.on-time.SMB.until=10", "onward.graduation.readiness", "onTime[SMB].ordered");
		fails("onward.graduation.readiness.dimension-floor=11", "onward.graduation.readiness", "dimensionFloor");
	}

	@Test
	void aSteadyStateOfNoDaysStopsTheStart() {
		fails("onward.automation.steady-state.monthly-check-in-days=0", "onward.automation.steady-state",
				"monthlyCheckInDays");
	}

	@Test
	void anEmptyUsageBatchOrNoRetentionStopsTheStart() {
		fails("onward.usage.max-batch=0", "onward.usage", "maxBatch");
		fails("onward.usage.raw-retention=0s", "onward.usage", "retentionPositive");
	}

	@Test
	void revenueTiersBeyondTheWholeStopTheStart() {
		fails("onward.segmentation.revenue-share.tier1-percent=80", "onward.segmentation.revenue-share",
				"tiersWithinTheWhole");
	}

	@Test
	void aMisspeltCountryTimeZoneStopsTheStart() {
		fails("onward.accounts.country-time-zones.ID=Asia/Jakart", "onward.accounts", "countryTimeZonesKnown");
		fails("onward.accounts.historical-import-after-days=-1", "onward.accounts", "historicalImportAfterDays");
	}

	@Test
	void segmentThresholdsOutOfOrderStopTheStart() {
		fails("onward.segmentation.mid-market-min-acv-usd=60000", "onward.segmentation", "thresholdsOrdered");
		fails("onward.segmentation.usd-per-unit.EUR=0", "onward.segmentation", "usdPerUnit[EUR]");
	}

	@Test
	void sendingHoursThatEndBeforeTheyStartStopTheStart() {
		fails("onward.messaging.discipline.sending-from=19:00", "onward.messaging.discipline", "sendingHoursOrdered");
		fails("onward.messaging.discipline.digest-day=SUNDAY", "onward.messaging.discipline", "digestOnASendingDay");
	}

	@Test
	void anUnsupportedStaffLanguageOrNoAttemptsStopsTheStart() {
		fails("onward.messaging.staff-language=fr", "onward.messaging", "staffLanguage");
		fails("onward.messaging.max-attempts=0", "onward.messaging", "maxAttempts");
		fails("onward.messaging.public-url=onward.example.com", "onward.messaging", "publicUrlAbsolute");
	}

	@Test
	void aTrainingFeedbackThresholdOutsideTheRatingScaleStopsTheStart() {
		fails("onward.health.feedback-flags.training-feedback-below=7", "onward.health.feedback-flags",
				"trainingFeedbackBelow");
	}

	@Test
	void aTechnicalShareOfTheWholeStopsTheStart() {
		fails("onward.health.support-load.technical-share-ok=1.5", "onward.health.support-load", "technicalShareOk");
	}

	@Test
	void noListenerThreadsOrARetryBeyondItsMaximumStopsTheStart() {
		fails("onward.background.listener-threads=0", "onward.background", "listenerThreads");
		fails("onward.background.retry.first-delay=1h", "onward.background", "retry.delaysOrdered");
	}

	@Test
	void aRetentionOfNothingOrAMisspeltCronStopsTheStart() {
		fails("onward.privacy.retention.outbox-bodies=0d", "onward.privacy.retention.outbox-bodies", "must be positive");
		fails("onward.privacy.retention-cron=daily", "onward.privacy", "retentionCronValid");
	}

	@Test
	void aWorldClassRatingAboveGoodStopsTheStart() {
		fails("onward.analytics.ttv-rating.SMB.good-up-to=10", "onward.analytics", "ttvRating[SMB].ordered");
		fails("onward.analytics.never-after-days=0", "onward.analytics", "neverAfterDays");
	}

	@Test
	void aGoalSurveyOnDayZeroOrForAnUnknownSegmentStopsTheStart() {
		fails("onward.portal.feedback-surveys.goal-day=0", "onward.portal.feedback-surveys", "goalDay");
		fails("onward.portal.feedback-surveys.goal-segments=TINY", "onward.portal.feedback-surveys.goal-segments", "TINY");
	}

	@Test
	void noPortalLinkRequestsOrALinkThatNeverWorksStopsTheStart() {
		fails("onward.portal.max-requests-per-address=0", "onward.portal", "maxRequestsPerAddress");
		fails("onward.portal.link-ttl=0s", "onward.portal", "periodsPositive");
	}

	private void fails(String property, String prefix, String named) {
		runner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasStackTraceContaining(prefix).hasStackTraceContaining(named);
		});
	}
}
