package com.onward.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.onward.shared.Money;
import com.onward.shared.Segment;
import com.onward.shared.TouchModel;

/**
 * An account (ACC-1) as other modules and the API see it. {@code timeZone} is the customer's (from
 * its country or set by hand), null when the vendor's {@code onward.time-zone} applies.
 */
public record Account(UUID id, String externalId, String name, String industry, int employees, Money acv,
		boolean technical, String useCase, ProductType productType, int licensedSeats, String language,
		LocalDate contractSignedDate, LocalDate renewalDate, UUID ownerCsmId, AccountStatus status, Segment segment,
		TouchModel touchModel, boolean segmentOverridden, Instant createdAt, String country, String timeZone) {
}
