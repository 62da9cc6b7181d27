package com.onward.analytics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** First value and go-live per project (with a person's override note) and the monthly review notes. */
@Component
class AnalyticsPersonalData extends PersonalDataTables {

	AnalyticsPersonalData(JdbcClient jdbc) {
		super(jdbc, "analytics");
		table("onboarding_outcome", "outcomes", BY_ACCOUNT, "signed_on, id");
		redacted("onboarding_outcome", "override_note");
		redacted("analytics_review_note", "note");
	}
}
