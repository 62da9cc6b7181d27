package com.onward.account;

import java.math.BigDecimal;

import org.springframework.stereotype.Component;

import com.onward.shared.Money;
import com.onward.shared.Segment;

/**
 * The segmentation rules of ACC-2: Enterprise when employees or ACV reach the enterprise
 * threshold; Mid-Market when ACV is in the mid band or the company has 100+ employees;
 * SMB otherwise (small companies, including those below the SMB ACV floor).
 */
@Component
public class Segmentation {

	private final SegmentationProperties props;

	public Segmentation(SegmentationProperties props) {
		this.props = props;
	}

	public Segment segmentFor(int employees, Money acv) {
		BigDecimal usd = toUsd(acv);
		if (employees >= props.enterpriseMinEmployees() || usd.compareTo(props.enterpriseMinAcvUsd()) >= 0) {
			return Segment.ENTERPRISE;
		}
		if (usd.compareTo(props.midMarketMinAcvUsd()) >= 0 || employees >= props.midMarketMinEmployees()) {
			return Segment.MID_MARKET;
		}
		return Segment.SMB;
	}

	public BigDecimal toUsd(Money money) {
		BigDecimal rate = props.usdPerUnit().get(money.currency());
		if (rate == null) {
			throw new IllegalStateException("No USD rate configured for " + money.currency());
		}
		return money.amount().multiply(rate);
	}
}
