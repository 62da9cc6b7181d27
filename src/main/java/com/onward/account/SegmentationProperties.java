package com.onward.account;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.onward.shared.Currency;

/**
 * Segmentation thresholds of ACC-2 (defaults from the seeds). ACV thresholds are in USD;
 * other currencies are converted with {@code usd-per-unit}. Contract value decides the segment;
 * {@code employees} says what the employee count may do: break a tie (an ACV within
 * {@code tie-band-percent} below a threshold, with the employees of the segment above), only fill
 * a missing ACV, or (the old rule) reach a segment on its own.
 */
@ConfigurationProperties("onward.segmentation")
@Validated
public record SegmentationProperties(@Positive int enterpriseMinEmployees, @NotNull @Positive BigDecimal enterpriseMinAcvUsd,
		@Positive int midMarketMinEmployees, @NotNull @Positive BigDecimal midMarketMinAcvUsd,
		Map<Currency, @NotNull @Positive BigDecimal> usdPerUnit, EmployeeRule employees,
		@Min(0) @Max(100) Integer tieBandPercent) {

	public enum EmployeeRule {
		TIE_BREAK, FALLBACK, EITHER
	}

	public SegmentationProperties {
		if (employees == null) employees = EmployeeRule.TIE_BREAK;
		if (tieBandPercent == null) tieBandPercent = 10;
	}

	/** Mid-market starts below enterprise, in employees and in contract value, or no account could be mid-market. */
	@AssertTrue(message = "the mid-market thresholds must be below the enterprise ones")
	boolean isThresholdsOrdered() {
		return midMarketMinEmployees < enterpriseMinEmployees && (midMarketMinAcvUsd == null || enterpriseMinAcvUsd == null
				|| midMarketMinAcvUsd.compareTo(enterpriseMinAcvUsd) < 0);
	}
}
