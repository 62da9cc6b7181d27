package com.onward.success;

import java.time.LocalDate;
import java.util.UUID;

/** VAL-4: a quick win planned at 30, 60 or 90 days, with owner, impact and whether it was communicated. */
public record QuickWin(UUID id, UUID projectId, int horizonDays, String title, String owner, LocalDate targetDate,
		String measuredImpact, Status status, boolean communicated) {

	public enum Status {
		PLANNED, ACHIEVED, MISSED
	}
}
