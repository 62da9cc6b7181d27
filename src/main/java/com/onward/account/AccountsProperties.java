package com.onward.account;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import java.time.DateTimeException;
import java.time.ZoneId;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code onward.accounts}: the time zone an account of a country gets (for its sending hours), and
 * how old a signing in a CSV import makes the row historical (nothing sent to the customer).
 */
@ConfigurationProperties("onward.accounts")
@Validated
record AccountsProperties(Map<String, String> countryTimeZones, @NotNull @PositiveOrZero Integer historicalImportAfterDays) {

	AccountsProperties {
		if (countryTimeZones == null) countryTimeZones = Map.of();
	}

	/** A misspelt zone would only fail when the first email of such an account is scheduled. */
	@AssertTrue(message = "every country-time-zones value must be a time zone such as Asia/Jakarta")
	boolean isCountryTimeZonesKnown() {
		return countryTimeZones.values().stream().allMatch(zone -> {
			try {
				ZoneId.of(zone);
				return true;
			}
			catch (DateTimeException e) {
				return false;
			}
		});
	}
}
