package com.onward.account;

import java.time.LocalDate;
import java.util.List;

import com.onward.shared.Segment;

/**
 * How many emails signing contracts would send to customers, answered by whoever sends them (the
 * automation module) so an import preview can say so before anything is stored.
 */
public interface CustomerEmailEstimate {

	/** A contract as an import would sign it. */
	record PlannedContract(Segment segment, String language, LocalDate signedOn, boolean historical,
			boolean hasContactEmail) {
	}

	/** The customer emails these contracts would send on signing and on the first sweep after. */
	int onSigning(List<PlannedContract> contracts);
}
