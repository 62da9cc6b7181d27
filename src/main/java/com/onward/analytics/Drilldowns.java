package com.onward.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

import com.onward.shared.InvalidInputException;

/** Resolves "the rows behind this figure" for the API and the pages. */
@Service
class Drilldowns {

	private final TimeToValue ttv;
	private final Retention retention;
	private final OnboardingMetrics metrics;
	private final Clock clock;

	Drilldowns(TimeToValue ttv, Retention retention, OnboardingMetrics metrics, Clock clock) {
		this.ttv = ttv;
		this.retention = retention;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * {@code table}: time-to-value, time-to-go-live (with groupBy and key; no key = all, an empty key
	 * = the onboardings without a CSM),
	 * retention (with by and key) or onboarding (with metric).
	 */
	Drilldown.Members members(String table, String groupBy, String by, String key, String metric, LocalDate from,
			LocalDate to) {
		String k = key == null ? null : key.strip(); // "" = the group without a CSM
		List<Drilldown.Member> rows = switch (table == null ? "" : table.strip()) {
			case "time-to-value" -> ttv.members(TimeToValue.Metric.FIRST_VALUE, AnalyticsApi.groupBy(groupBy), k, from, to);
			case "time-to-go-live" -> ttv.members(TimeToValue.Metric.GO_LIVE, AnalyticsApi.groupBy(groupBy), k, from, to);
			case "retention" -> retention.members(AnalyticsApi.by(by), k, from, to, LocalDate.now(clock));
			case "onboarding" -> metrics.members(metric(metric), from, to);
			default -> throw InvalidInputException.of("table",
					"must be time-to-value, time-to-go-live, retention or onboarding");
		};
		return new Drilldown.Members(table.strip(), table.strip().equals("onboarding") ? metric(metric).name() : k,
				rows.size(), rows);
	}

	static OnboardingMetrics.Name metric(String value) {
		try {
			return OnboardingMetrics.Name.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw InvalidInputException.of("metric", "must be one of COMPLETION_RATE, ACTIVATION_RATE, "
					+ "TRAINING_COMPLETION_RATE, CSAT, NPS, DAYS_SALE_TO_KICKOFF, HOMEWORK_COMPLETION_RATE, STAKEHOLDER_PARTICIPATION");
		}
	}
}
