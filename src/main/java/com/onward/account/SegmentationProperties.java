package com.onward.account;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.Currency;

/**
 * Segmentation thresholds of ACC-2 (defaults from the seeds). ACV thresholds are in USD;
 * other currencies are converted with {@code usd-per-unit}. Contract value decides the segment;
 * {@code employees} says what the employee count may do: break a tie (an ACV within
 * {@code tie-band-percent} below a threshold, with the employees of the segment above), only fill
 * a missing ACV, or (the old rule) reach a segment on its own.
 */
@ConfigurationProperties("onward.segmentation")
public record SegmentationProperties(int enterpriseMinEmployees, BigDecimal enterpriseMinAcvUsd,
		int midMarketMinEmployees, BigDecimal midMarketMinAcvUsd, Map<Currency, BigDecimal> usdPerUnit,
		EmployeeRule employees, Integer tieBandPercent) {

	public enum EmployeeRule {
		TIE_BREAK, FALLBACK, EITHER
	}

	public SegmentationProperties {
		if (employees == null) employees = EmployeeRule.TIE_BREAK;
		if (tieBandPercent == null) tieBandPercent = 10;
	}
}
