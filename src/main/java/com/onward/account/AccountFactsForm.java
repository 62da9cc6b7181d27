package com.onward.account;

import java.math.BigDecimal;

import com.onward.shared.Currency;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The account page's "correct the facts" form: what was typed at signing, fixed afterwards (audited). */
public record AccountFactsForm(@NotBlank @Size(max = 200) String name, @Size(max = 100) String industry,
		@NotNull @Min(0) @Max(10_000_000) Integer employees, @NotNull @DecimalMin("0") BigDecimal acvAmount,
		@NotNull Currency acvCurrency, @Min(0) @Max(10_000_000) Integer licensedSeats, @Size(max = 500) String useCase) {

	static AccountFactsForm of(Account a) {
		return new AccountFactsForm(a.name(), a.industry(), a.employees(), a.acv().amount(), a.acv().currency(),
				a.licensedSeats(), a.useCase());
	}
}
