package com.onward.graduation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hypercare after go-live ({@code onward.graduation.hypercare}): how many days it lasts (the seeds'
 * two weeks) and how many days an issue logged during it has to be resolved by default.
 */
@ConfigurationProperties("onward.graduation.hypercare")
record HypercareProperties(int days, int resolutionTargetDays) {

	HypercareProperties {
		if (days <= 0) days = 14;
		if (resolutionTargetDays <= 0) resolutionTargetDays = 2;
	}
}
