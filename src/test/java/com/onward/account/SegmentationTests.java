package com.onward.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.shared.Currency;
import com.onward.shared.Money;
import com.onward.shared.Segment;

class SegmentationTests {

	final Segmentation segmentation = new Segmentation(new SegmentationProperties(1000, new BigDecimal("50000"), 100,
			new BigDecimal("10000"), Map.of(Currency.USD, BigDecimal.ONE, Currency.IDR, new BigDecimal("0.0001")), null, null));

	@Test
	void contractValueDecides() {
		// The seeds: a 1,000-person company paying $5K is not high-touch.
		assertThat(segmentation.segmentFor(1000, Money.of(5_000, Currency.USD))).isEqualTo(Segment.SMB);
		assertThat(segmentation.segmentFor(5000, Money.of(20_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(10, Money.of(50_000, Currency.USD))).isEqualTo(Segment.ENTERPRISE);
		assertThat(segmentation.segmentFor(999, Money.of(49_999, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(20, Money.of(10_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(99, Money.of(9_999, Currency.USD))).isEqualTo(Segment.SMB);
		assertThat(segmentation.segmentFor(500, Money.of(2_000, Currency.USD))).isEqualTo(Segment.SMB);
	}

	@Test
	void employeesBreakTiesJustBelowAThresholdAndFillAMissingAcv() {
		// Within 10 % below the enterprise ACV, 1,000+ employees tip it; 44,999 is no tie.
		assertThat(segmentation.segmentFor(1000, Money.of(45_000, Currency.USD))).isEqualTo(Segment.ENTERPRISE);
		assertThat(segmentation.segmentFor(999, Money.of(45_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(1000, Money.of(44_999, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(100, Money.of(9_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(99, Money.of(9_000, Currency.USD))).isEqualTo(Segment.SMB);
		// No ACV: employees decide.
		assertThat(segmentation.segmentFor(1500, Money.of(0, Currency.USD))).isEqualTo(Segment.ENTERPRISE);
		assertThat(segmentation.segmentFor(150, Money.of(0, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(segmentation.segmentFor(15, Money.of(0, Currency.USD))).isEqualTo(Segment.SMB);
	}

	@Test
	void theOldEitherRuleStaysAvailable() {
		var either = new Segmentation(new SegmentationProperties(1000, new BigDecimal("50000"), 100,
				new BigDecimal("10000"), Map.of(Currency.USD, BigDecimal.ONE), SegmentationProperties.EmployeeRule.EITHER,
				null));
		assertThat(either.segmentFor(1000, Money.of(5_000, Currency.USD))).isEqualTo(Segment.ENTERPRISE);
		assertThat(either.segmentFor(100, Money.of(2_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		var fallback = new Segmentation(new SegmentationProperties(1000, new BigDecimal("50000"), 100,
				new BigDecimal("10000"), Map.of(Currency.USD, BigDecimal.ONE), SegmentationProperties.EmployeeRule.FALLBACK,
				null));
		assertThat(fallback.segmentFor(1000, Money.of(45_000, Currency.USD))).isEqualTo(Segment.MID_MARKET);
		assertThat(fallback.segmentFor(1000, Money.of(0, Currency.USD))).isEqualTo(Segment.ENTERPRISE);
	}

	@Test
	void smallCompaniesBelowTheSmbFloorAreStillSmb() {
		assertThat(segmentation.segmentFor(3, Money.of(500, Currency.USD))).isEqualTo(Segment.SMB);
	}

	@Test
	void convertsOtherCurrenciesToUsdBeforeApplyingThresholds() {
		// 500,000,000 IDR at 0.0001 USD per IDR = 50,000 USD.
		assertThat(segmentation.segmentFor(10, Money.of(500_000_000, Currency.IDR))).isEqualTo(Segment.ENTERPRISE);
		assertThat(segmentation.segmentFor(10, Money.of(499_990_000, Currency.IDR))).isEqualTo(Segment.MID_MARKET);
	}

	@Test
	void touchModelFollowsTheSegment() {
		assertThat(Segment.ENTERPRISE.touchModel().name()).isEqualTo("HIGH_TOUCH");
		assertThat(Segment.MID_MARKET.touchModel().name()).isEqualTo("LOW_TOUCH");
		assertThat(Segment.SMB.touchModel().name()).isEqualTo("TECH_TOUCH");
	}
}
