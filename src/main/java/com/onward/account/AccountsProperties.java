package com.onward.account;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onward.accounts}: the time zone an account of a country gets (for its sending hours), and
 * how old a signing in a CSV import makes the row historical (nothing sent to the customer).
 */
@ConfigurationProperties("onward.accounts")
record AccountsProperties(Map<String, String> countryTimeZones, Integer historicalImportAfterDays) {

	AccountsProperties {
		if (countryTimeZones == null) countryTimeZones = Map.of();
		if (historicalImportAfterDays == null) historicalImportAfterDays = 30;
	}
}
