package com.onward.account;

import java.math.BigDecimal;

import org.springframework.stereotype.Component;

import com.onward.shared.Money;
import com.onward.shared.Segment;

/**
 * The segmentation rules of ACC-2, contract value first ("contract value decides the
 * resources"): Enterprise from the enterprise ACV, Mid-Market from the mid-market ACV, SMB below.
 * Employees break ties (an ACV just below a threshold, by {@code tie-band-percent}, with the
 * employees of the segment above) and fill a missing (zero) ACV; a 1,000-person company paying
 * $5K is SMB. {@code employees: EITHER} restores the rule where either figure reaches a segment.
 */
@Component
public class Segmentation {

	private final SegmentationProperties props;

	public Segmentation(SegmentationProperties props) {
		this.props = props;
	}

	public Segment segmentFor(int employees, Money acv) {
		BigDecimal usd = toUsd(acv);
		if (props.employees() == SegmentationProperties.EmployeeRule.EITHER) {
			if (employees >= props.enterpriseMinEmployees() || usd.compareTo(props.enterpriseMinAcvUsd()) >= 0) {
				return Segment.ENTERPRISE;
			}
			if (usd.compareTo(props.midMarketMinAcvUsd()) >= 0 || employees >= props.midMarketMinEmployees()) {
				return Segment.MID_MARKET;
			}
			return Segment.SMB;
		}
		if (usd.signum() == 0) {
			return byEmployees(employees);
		}
		Segment byAcv = usd.compareTo(props.enterpriseMinAcvUsd()) >= 0 ? Segment.ENTERPRISE
				: usd.compareTo(props.midMarketMinAcvUsd()) >= 0 ? Segment.MID_MARKET : Segment.SMB;
		if (props.employees() == SegmentationProperties.EmployeeRule.TIE_BREAK) {
			if (byAcv == Segment.MID_MARKET && nearBelow(usd, props.enterpriseMinAcvUsd())
					&& employees >= props.enterpriseMinEmployees()) {
				return Segment.ENTERPRISE;
			}
			if (byAcv == Segment.SMB && nearBelow(usd, props.midMarketMinAcvUsd())
					&& employees >= props.midMarketMinEmployees()) {
				return Segment.MID_MARKET;
			}
		}
		return byAcv;
	}

	private Segment byEmployees(int employees) {
		if (employees >= props.enterpriseMinEmployees()) return Segment.ENTERPRISE;
		if (employees >= props.midMarketMinEmployees()) return Segment.MID_MARKET;
		return Segment.SMB;
	}

	/** Within tie-band-percent below the threshold. */
	private boolean nearBelow(BigDecimal usd, BigDecimal threshold) {
		BigDecimal from = threshold.multiply(BigDecimal.valueOf(100 - props.tieBandPercent()))
			.divide(BigDecimal.valueOf(100));
		return usd.compareTo(from) >= 0 && usd.compareTo(threshold) < 0;
	}

	public BigDecimal toUsd(Money money) {
		BigDecimal rate = props.usdPerUnit().get(money.currency());
		if (rate == null) {
			throw new IllegalStateException("No USD rate configured for " + money.currency());
		}
		return money.amount().multiply(rate);
	}
}
