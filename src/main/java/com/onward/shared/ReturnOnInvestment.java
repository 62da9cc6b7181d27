package com.onward.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Return on an investment: the net benefit, the net ROI in percent, (benefit − investment) ÷ investment, and the
 * gross ratio, benefit ÷ investment (the seeds' 540 against 200 is 170 % net, 2.7× gross). The one formula the
 * planning ROI calculator and the review deck's ROI statement share; percent and ratio are null without an
 * investment.
 */
public record ReturnOnInvestment(BigDecimal benefit, BigDecimal investment, BigDecimal netBenefit, BigDecimal percent,
		BigDecimal grossRatio) {

	public static ReturnOnInvestment of(BigDecimal benefit, BigDecimal investment) {
		BigDecimal net = benefit.subtract(investment);
		BigDecimal percent = investment.signum() == 0 ? null
				: net.multiply(BigDecimal.valueOf(100)).divide(investment, 1, RoundingMode.HALF_UP).stripTrailingZeros();
		BigDecimal gross = investment.signum() == 0 ? null
				: benefit.divide(investment, 2, RoundingMode.HALF_UP).stripTrailingZeros();
		return new ReturnOnInvestment(benefit, investment, net, percent, gross);
	}
}
