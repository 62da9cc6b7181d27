package com.onward.account;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.shared.Currency;
import com.onward.shared.Money;
import com.onward.shared.Segment;

/**
 * The revenue-share view of ACC-2 beside the rule-based segments: the accounts making up the
 * top 20 % of revenue are Tier 1, the next 40 % Tier 2, the rest Tier 3 (configurable), and for
 * each rule-based segment how many of its accounts and how much revenue fall in each tier, so the
 * rules can be tuned. Churned accounts are left out.
 */
@Service
public class RevenueTiers {

	/** {@code onward.segmentation.revenue-share}: the revenue shares of Tier 1 and Tier 2 in percent. */
	@ConfigurationProperties("onward.segmentation.revenue-share")
	@Validated
	public record Shares(@NotNull @Min(1) @Max(99) Integer tier1Percent, @NotNull @Min(1) @Max(99) Integer tier2Percent) {

		/** Tier 3 is the rest: the first two tiers together cannot pass the whole revenue. */
		@AssertTrue(message = "tier1-percent and tier2-percent must not add up to more than 100")
		boolean isTiersWithinTheWhole() {
			return tier1Percent == null || tier2Percent == null || tier1Percent + tier2Percent <= 100;
		}
	}

	/** One revenue tier: its accounts, revenue in USD and share of all revenue. */
	public record Tier(int tier, long accounts, BigDecimal revenueUsd, BigDecimal revenueSharePercent) {
	}

	/** One rule-based segment: accounts and revenue, and how many of its accounts are in tiers 1, 2, 3. */
	public record SegmentRow(Segment segment, int ruleTier, long accounts, BigDecimal revenueUsd,
			BigDecimal revenueSharePercent, long inTier1, long inTier2, long inTier3) {
	}

	public record View(long accounts, BigDecimal revenueUsd, int tier1Percent, int tier2Percent, List<Tier> tiers,
			List<SegmentRow> segments) {
	}

	private record Row(Segment segment, BigDecimal usd) {
	}

	private final JdbcClient jdbc;
	private final Segmentation segmentation;
	private final Shares shares;

	RevenueTiers(JdbcClient jdbc, Segmentation segmentation, Shares shares) {
		this.jdbc = jdbc;
		this.segmentation = segmentation;
		this.shares = shares;
	}

	public View view() {
		List<Row> rows = new ArrayList<>(jdbc.sql("select segment, acv_amount, acv_currency from account where status <> 'CHURNED'")
			.query((rs, n) -> new Row(Segment.valueOf(rs.getString(1)),
					segmentation.toUsd(new Money(rs.getBigDecimal(2), Currency.valueOf(rs.getString(3))))))
			.list());
		return view(rows.stream().map(Row::segment).toList(), rows.stream().map(Row::usd).toList());
	}

	/** The view of accounts given as parallel lists of segment and ACV in USD. */
	View view(List<Segment> segmentOf, List<BigDecimal> usdOf) {
		int n = usdOf.size();
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		java.util.Arrays.sort(order, (a, b) -> usdOf.get(b).compareTo(usdOf.get(a)));
		BigDecimal total = usdOf.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal hundred = BigDecimal.valueOf(100);
		BigDecimal cut1 = total.multiply(BigDecimal.valueOf(shares.tier1Percent())).divide(hundred);
		BigDecimal cut2 = total.multiply(BigDecimal.valueOf(shares.tier1Percent() + shares.tier2Percent())).divide(hundred);
		long[] tierAccounts = new long[4];
		BigDecimal[] tierRevenue = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
		Map<Segment, long[]> bySegment = new EnumMap<>(Segment.class);
		Map<Segment, BigDecimal> segmentRevenue = new EnumMap<>(Segment.class);
		for (Segment s : Segment.values()) {
			bySegment.put(s, new long[4]);
			segmentRevenue.put(s, BigDecimal.ZERO);
		}
		BigDecimal before = BigDecimal.ZERO;
		for (int i : order) {
			// An account belongs to the tier in which its revenue starts, counted from the largest.
			int tier = before.compareTo(cut1) < 0 ? 1 : before.compareTo(cut2) < 0 ? 2 : 3;
			BigDecimal usd = usdOf.get(i);
			tierAccounts[tier]++;
			tierRevenue[tier] = tierRevenue[tier].add(usd);
			Segment s = segmentOf.get(i);
			bySegment.get(s)[0]++;
			bySegment.get(s)[tier]++;
			segmentRevenue.merge(s, usd, BigDecimal::add);
			before = before.add(usd);
		}
		var tiers = new ArrayList<Tier>();
		for (int t = 1; t <= 3; t++) {
			tiers.add(new Tier(t, tierAccounts[t], tierRevenue[t].setScale(2, RoundingMode.HALF_UP), share(tierRevenue[t], total)));
		}
		var segments = new ArrayList<SegmentRow>();
		for (Segment s : Segment.values()) {
			long[] c = bySegment.get(s);
			segments.add(new SegmentRow(s, s.ordinal() + 1, c[0], segmentRevenue.get(s).setScale(2, RoundingMode.HALF_UP),
					share(segmentRevenue.get(s), total), c[1], c[2], c[3]));
		}
		return new View(n, total.setScale(2, RoundingMode.HALF_UP), shares.tier1Percent(), shares.tier2Percent(), tiers,
				segments);
	}

	private static BigDecimal share(BigDecimal part, BigDecimal total) {
		return total.signum() == 0 ? BigDecimal.ZERO
				: part.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP);
	}
}
