package com.onward.shared;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount of money in one currency; never negative. */
public record Money(BigDecimal amount, Currency currency) {

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("amount must not be negative");
		}
	}

	public static Money of(long amount, Currency currency) {
		return new Money(BigDecimal.valueOf(amount), currency);
	}
}
