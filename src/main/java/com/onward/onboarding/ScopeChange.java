package com.onward.onboarding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A proposed, accepted or rejected scope change with its measured impact (PLAN-6). */
public record ScopeChange(UUID id, UUID projectId, String name, ScopeTag scopeTag, int durationDays, Impact impact,
		String status, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String reason) {

	/** How the change moves go-live and graduation; weeks count from the project start. */
	public record Impact(LocalDate goLiveBefore, LocalDate goLiveAfter, Integer goLiveWeekBefore,
			Integer goLiveWeekAfter, LocalDate graduationBefore, LocalDate graduationAfter) {

		public boolean movesGoLive() {
			return goLiveBefore != null && !goLiveBefore.equals(goLiveAfter);
		}
	}
}
