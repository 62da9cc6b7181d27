package com.onward.account;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.Currency;

/**
 * Segmentation thresholds of ACC-2 (defaults from the seeds). ACV thresholds are in USD;
 * other currencies are converted with {@code usd-per-unit}.
 */
@ConfigurationProperties("onward.segmentation")
public record SegmentationProperties(int enterpriseMinEmployees, BigDecimal enterpriseMinAcvUsd,
		int midMarketMinEmployees, BigDecimal midMarketMinAcvUsd, Map<Currency, BigDecimal> usdPerUnit) {
}
