package com.onward.training;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A training session of a project's plan with its attendance (TRN-1, TRN-2). */
public record Session(UUID id, UUID projectId, int position, String code, String title, Audience audience,
		Format format, int durationMinutes, LocalDate plannedOn, boolean optional, Status status,
		List<Attendance> attendance) {

	public enum Audience {
		ADMIN, MANAGER, END_USER, EXECUTIVE, POWER_USER
	}

	public enum Format {
		LIVE_WEBINAR, RECORDED_VIDEO, WRITTEN_GUIDE, HANDS_ON, OFFICE_HOURS
	}

	public enum Status {
		PLANNED, SCHEDULED, DONE, CANCELLED
	}

	/** An attendee's record; {@code feedback}: their 1–5 rating of the session (null when not given). */
	public record Attendance(String attendee, boolean attended, boolean completed, Integer assessmentScore,
			Integer feedback) {
	}
}
