package com.onward.planning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import com.onward.analytics.Retention;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Currency;
import com.onward.shared.Money;
import com.onward.shared.ReturnOnInvestment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The planning calculators with their derivation in words: capacity by Little's law (ANL-6),
 * onboarding-investment ROI (ANL-5) and LTV impact of time to value (ANL-4).
 */
@Service
public class Calculators {

	public record MoneyInput(@NotNull @PositiveOrZero BigDecimal amount, @NotNull Currency currency) {
		Money money() {
			return new Money(amount, currency);
		}
	}

	public record CapacityInput(@NotNull @PositiveOrZero @Max(1_000_000) Double newCustomersPerPeriod,
			@NotNull @Positive @Max(520) Double periodWeeks, @NotNull @Positive @Max(520) Double avgDurationWeeks,
			@NotNull @Positive @Max(10_000) Double onboardingsPerSpecialist, @Min(0) @Max(500) Double bufferPercent) {
	}

	public record CapacityResult(double arrivalsPerWeek, double concurrentOnboardings, double withBuffer,
			int specialistsNeeded, String derivation) {
	}

	public record RoiInput(@NotNull @PositiveOrZero @Max(10_000_000) Double newCustomersPerYear,
			@NotNull @Valid MoneyInput acv, @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal retentionBefore,
			@NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal retentionAfter, @NotNull @Valid MoneyInput investment) {
	}

	public record RoiResult(BigDecimal additionalCustomersRetained, Money additionalRevenue, BigDecimal netBenefit,
			BigDecimal roiPercent, BigDecimal grossRatio, String derivation, List<RoiYear> years) {
	}

	/**
	 * One year of the five-year view: a new cohort joins every year and the investment continues;
	 * each cohort keeps its customers at the scenario's own retention, so in year y the extra
	 * customers are the sum over the cohorts so far of N × (after^t − before^t), t = renewals
	 * behind that cohort (year 1: N × (after − before), the first-year figure).
	 */
	public record RoiYear(int year, BigDecimal additionalCustomers, Money additionalRevenue, Money investment,
			BigDecimal netBenefit, BigDecimal cumulativeNet, BigDecimal cumulativeRoiPercent) {
	}

	/** Years in the ROI's multi-year view. */
	static final int ROI_YEARS = 5;

	public record Lifetime(@Min(0) @Max(365 * 5) Integer ttvDays, @Positive @Max(100) Double lifetimeYears) {
	}

	public record LtvInput(@NotNull @Valid MoneyInput acv, @PositiveOrZero @Max(10_000_000) Integer customers,
			@NotNull @Valid Lifetime fast, @NotNull @Valid Lifetime slow) {
	}

	public enum LifetimeSource {
		INPUT, VENDOR_RETENTION
	}

	public record LtvResult(Money fastLtv, Money slowLtv, Money lossPerCustomer, Money totalLoss, double fastLifetimeYears,
			double slowLifetimeYears, LifetimeSource fastLifetimeSource, LifetimeSource slowLifetimeSource,
			Double fastRetentionRate, Double slowRetentionRate, String derivation) {
	}

	private final MessageSource messages;
	private final Retention retention;
	private final PlanningProperties props;

	Calculators(MessageSource messages, Retention retention, PlanningProperties props) {
		this.messages = messages;
		this.retention = retention;
		this.props = props;
	}

	/** Little's law: concurrent = arrivals per week × weeks per onboarding; then the buffer; then whole people. */
	public CapacityResult capacity(CapacityInput in, Locale locale) {
		double buffer = in.bufferPercent() == null ? 0 : in.bufferPercent();
		double perWeek = in.newCustomersPerPeriod() / in.periodWeeks();
		double concurrent = perWeek * in.avgDurationWeeks();
		double withBuffer = concurrent * (1 + buffer / 100);
		int needed = (int) Math.ceil(withBuffer / in.onboardingsPerSpecialist() - 1e-9);
		String derivation = messages.getMessage("planning.capacity.derivation",
				new Object[] { num(in.newCustomersPerPeriod()), num(in.periodWeeks()), num2(perWeek),
						num(in.avgDurationWeeks()), num1(concurrent), num(buffer), num1(withBuffer),
						num(in.onboardingsPerSpecialist()), num2(withBuffer / in.onboardingsPerSpecialist()), needed },
				locale);
		return new CapacityResult(round(perWeek, 3), round(concurrent, 1), round(withBuffer, 1), needed, derivation);
	}

	/** First-year ROI: extra customers kept × ACV against the investment; net (170 %) and gross (2.7×). */
	private static List<RoiYear> years(RoiInput in) {
		var out = new java.util.ArrayList<RoiYear>();
		Currency c = in.acv().currency();
		java.math.MathContext mc = java.math.MathContext.DECIMAL64;
		BigDecimal n = BigDecimal.valueOf(in.newCustomersPerYear());
		BigDecimal investment = in.investment().amount();
		BigDecimal cumulativeNet = BigDecimal.ZERO, cumulativeInvestment = BigDecimal.ZERO;
		for (int year = 1; year <= ROI_YEARS; year++) {
			BigDecimal extra = BigDecimal.ZERO;
			for (int t = 1; t <= year; t++) {
				extra = extra.add(n.multiply(in.retentionAfter().pow(t, mc).subtract(in.retentionBefore().pow(t, mc)), mc));
			}
			extra = extra.setScale(2, RoundingMode.HALF_UP);
			BigDecimal revenue = extra.multiply(in.acv().amount()).setScale(2, RoundingMode.HALF_UP);
			BigDecimal net = revenue.subtract(investment);
			cumulativeNet = cumulativeNet.add(net);
			cumulativeInvestment = cumulativeInvestment.add(investment);
			BigDecimal roi = cumulativeInvestment.signum() == 0 ? null
					: cumulativeNet.multiply(BigDecimal.valueOf(100)).divide(cumulativeInvestment, 1, RoundingMode.HALF_UP);
			out.add(new RoiYear(year, clean(extra), new Money(clean(revenue), c), new Money(clean(investment), c),
					clean(net), clean(cumulativeNet), roi == null ? null : clean(roi)));
		}
		return out;
	}

	public RoiResult roi(RoiInput in, Locale locale) {
		if (in.acv().currency() != in.investment().currency()) {
			throw BusinessRuleException.of("investment.currency", "error.calculator.currency");
		}
		if (in.retentionAfter().compareTo(in.retentionBefore()) < 0) {
			throw new com.onward.shared.InvalidInputException(java.util.List.of(new com.onward.shared.InvalidInputException.FieldError(
					"retentionAfter", "must be at least retentionBefore")));
		}
		BigDecimal customers = BigDecimal.valueOf(in.newCustomersPerYear())
			.multiply(in.retentionAfter().subtract(in.retentionBefore()));
		BigDecimal revenue = customers.multiply(in.acv().amount()).setScale(2, RoundingMode.HALF_UP);
		BigDecimal investment = in.investment().amount();
		ReturnOnInvestment r = ReturnOnInvestment.of(revenue, investment);
		BigDecimal net = r.netBenefit();
		BigDecimal roi = r.percent();
		BigDecimal gross = r.grossRatio();
		Currency c = in.acv().currency();
		String derivation = messages.getMessage("planning.roi.derivation",
				new Object[] { num(in.newCustomersPerYear()), pct(in.retentionBefore()), pct(in.retentionAfter()),
						plain(customers), plain(in.acv().amount()), plain(revenue), plain(investment), plain(net),
						roi == null ? "—" : plain(roi), gross == null ? "—" : plain(gross) },
				locale);
		return new RoiResult(clean(customers), new Money(clean(revenue), c), clean(net),
				roi == null ? null : clean(roi), gross == null ? null : clean(gross), derivation, years(in));
	}

	/**
	 * LTV = ACV × expected lifetime. The lifetime is the input's, or derived from the vendor's own
	 * retention of accounts in the same time-to-value bucket: 1 / (1 − annual retention), capped.
	 */
	public LtvResult ltv(LtvInput in, Locale locale) {
		Retention.Report own = null;
		if (in.fast().lifetimeYears() == null || in.slow().lifetimeYears() == null) {
			own = retention.report(Retention.By.TTV, null, null);
		}
		double[] fast = lifetime(in.fast(), own, "fast");
		double[] slow = lifetime(in.slow(), own, "slow");
		BigDecimal acv = in.acv().amount();
		BigDecimal fastLtv = acv.multiply(BigDecimal.valueOf(fast[0])).setScale(0, RoundingMode.HALF_UP);
		BigDecimal slowLtv = acv.multiply(BigDecimal.valueOf(slow[0])).setScale(0, RoundingMode.HALF_UP);
		BigDecimal loss = fastLtv.subtract(slowLtv);
		int customers = in.customers() == null ? 1 : in.customers();
		BigDecimal total = loss.multiply(BigDecimal.valueOf(customers));
		Currency c = in.acv().currency();
		String derivation = messages.getMessage("planning.ltv.derivation",
				new Object[] { plain(acv), num(fast[0]), plain(fastLtv), num(slow[0]), plain(slowLtv), plain(loss),
						customers, plain(total),
						messages.getMessage("planning.ltv.source." + source(fast), null, locale),
						messages.getMessage("planning.ltv.source." + source(slow), null, locale) },
				locale);
		return new LtvResult(new Money(clean(fastLtv), c), new Money(clean(slowLtv), c),
				new Money(clean(loss.max(BigDecimal.ZERO)), c), new Money(clean(total.max(BigDecimal.ZERO)), c), fast[0], slow[0], source(fast), source(slow),
				fast[1] < 0 ? null : fast[1], slow[1] < 0 ? null : slow[1], derivation);
	}

	private static LifetimeSource source(double[] l) {
		return l[1] < 0 ? LifetimeSource.INPUT : LifetimeSource.VENDOR_RETENTION;
	}

	/** [years, retention rate or −1 when given]. */
	private double[] lifetime(Lifetime l, Retention.Report own, String field) {
		if (l.lifetimeYears() != null) return new double[] { l.lifetimeYears(), -1 };
		if (l.ttvDays() == null) {
			throw BusinessRuleException.of(field + ".ttvDays", "error.calculator.lifetimeOrTtv");
		}
		String key = l.ttvDays() <= 30 ? "LE_30" : l.ttvDays() <= 90 ? "D31_90" : "GT_90";
		Double rate = own.buckets().stream().filter(b -> b.key().equals(key)).findFirst().map(Retention.Bucket::retentionRate)
			.orElse(null);
		if (rate == null) {
			throw BusinessRuleException.of(field + ".lifetimeYears", "error.calculator.noRenewals", key);
		}
		double years = rate >= 1 ? props.maxLifetimeYears() : Math.min(props.maxLifetimeYears(), 1 / (1 - rate));
		return new double[] { round(years, 2), rate };
	}

	/** Without trailing zeros, never in exponent notation (540000, not 5.4E+5). */
	static BigDecimal clean(BigDecimal v) {
		BigDecimal s = v.stripTrailingZeros();
		return s.scale() < 0 ? s.setScale(0) : s;
	}

	static double round(double v, int places) {
		return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
	}

	private static String num(double v) {
		return BigDecimal.valueOf(v).round(MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
	}

	private static String num1(double v) {
		return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

	private static String num2(double v) {
		return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private static String pct(BigDecimal v) {
		return v.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + " %";
	}

	private static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}
}
