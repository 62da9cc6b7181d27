package com.onward.account;

import java.time.LocalDate;
import java.util.List;

import com.onward.shared.ContactRole;
import com.onward.shared.Money;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The data needed to create an account, from the API, the UI form or a CSV row. */
public record NewAccount(
		@Size(max = 200) String externalId,
		@NotBlank @Size(max = 200) String name,
		@Size(max = 100) String industry,
		@NotNull @Min(0) @Max(10_000_000) Integer employees,
		@NotNull @Valid MoneyInput acv,
		@Min(0) @Max(10_000_000) Integer licensedSeats,
		@NotNull ProductType productType,
		Boolean technical,
		@Size(max = 500) String useCase,
		@Pattern(regexp = "en|id|ms", message = "must be en, id or ms") String language,
		LocalDate renewalDate,
		@Valid List<@Valid NewContact> contacts,
		@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code like ID or MY") String country,
		@Size(max = 64) String timeZone) {

	/** Without the country and time zone (then the vendor's time zone applies). */
	public NewAccount(String externalId, String name, String industry, Integer employees, MoneyInput acv,
			Integer licensedSeats, ProductType productType, Boolean technical, String useCase, String language,
			LocalDate renewalDate, List<NewContact> contacts) {
		this(externalId, name, industry, employees, acv, licensedSeats, productType, technical, useCase, language,
				renewalDate, contacts, null, null);
	}

	public record MoneyInput(@NotNull @Min(0) java.math.BigDecimal amount, @NotNull com.onward.shared.Currency currency) {
		public Money toMoney() {
			return new Money(amount, currency);
		}
	}

	public record NewContact(@NotBlank @Size(max = 200) String name, @Email @Size(max = 200) String email,
			@Size(max = 50) String phone, @Size(max = 100) String title, @NotNull ContactRole role) {
	}

	public String languageOrDefault() {
		return language == null || language.isBlank() ? "en" : language;
	}

	public List<NewContact> contactsOrEmpty() {
		return contacts == null ? List.of() : contacts;
	}
}
