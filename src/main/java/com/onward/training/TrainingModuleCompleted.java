package com.onward.training;

import java.util.UUID;

/** An attendee completed a training session for the first time. */
public record TrainingModuleCompleted(UUID sessionId, UUID projectId, UUID accountId, String attendee,
		Integer assessmentScore) {
}
