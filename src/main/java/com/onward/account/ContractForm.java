package com.onward.account;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;

import com.onward.shared.ContactRole;
import com.onward.shared.Currency;
import com.onward.shared.Texts;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The staff UI's "sign a contract" form: a new account and its contract in one go. */
public record ContractForm(@NotBlank @Size(max = 200) String contractExternalId,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedOn, @Size(max = 200) String externalId,
		@NotBlank @Size(max = 200) String name, @Size(max = 100) String industry,
		@NotNull @Min(0) @Max(10_000_000) Integer employees, @NotNull @DecimalMin("0") BigDecimal acvAmount,
		@NotNull Currency acvCurrency, @Min(0) @Max(10_000_000) Integer licensedSeats, @NotNull ProductType productType,
		Boolean technical, @Size(max = 500) String useCase, String language, OnboardingFactors.Level complexity,
		@Min(0) @Max(100) Integer integrations, OnboardingFactors.Level dataVolume, Boolean limitedCustomerResources,
		Boolean busySeason, @Size(max = 200) String contactName, @Email @Size(max = 200) String contactEmail,
		ContactRole contactRole) {

	public static ContractForm empty(LocalDate today) {
		return new ContractForm(null, today, null, null, null, null, null, Currency.USD, null, ProductType.DAILY, false,
				null, "en", OnboardingFactors.Level.LOW, 1, OnboardingFactors.Level.LOW, false, false, null, null,
				ContactRole.PROJECT_LEAD);
	}

	SignContract toCommand() {
		List<NewAccount.NewContact> contacts = contactName == null || contactName.isBlank() ? List.of()
				: List.of(new NewAccount.NewContact(contactName, Texts.blankToNull(contactEmail), null, null,
						contactRole == null ? ContactRole.PROJECT_LEAD : contactRole));
		var account = new NewAccount(Texts.blankToNull(externalId), name, industry, employees,
				new NewAccount.MoneyInput(acvAmount, acvCurrency), licensedSeats, productType, technical, useCase,
				language, null, contacts);
		return new SignContract(contractExternalId.strip(), signedOn.atTime(9, 0).toInstant(ZoneOffset.UTC), account, null,
				null, new OnboardingFactors(complexity, integrations, dataVolume, limitedCustomerResources, busySeason));
	}

}
