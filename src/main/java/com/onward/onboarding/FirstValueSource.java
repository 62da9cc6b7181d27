package com.onward.onboarding;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a project's first value date comes from (ANL-1). The analytics module keeps it (the first success
 * criterion met, or a person's override) and implements this, so the project's page and API show it without
 * onboarding reading analytics' data: analytics depends on onboarding, never the other way round. Without an
 * implementation no project has a first value.
 */
public interface FirstValueSource {

	/** A project's first value: the date, days from the signing, and whether a person set it (with their note). */
	record FirstValueDate(LocalDate date, Integer daysFromSigning, boolean overridden, String note) {
	}

	Optional<FirstValueDate> firstValue(UUID projectId);
}
