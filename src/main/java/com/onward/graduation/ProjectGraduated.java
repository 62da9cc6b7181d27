package com.onward.graduation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A project graduated (GRD-7). Carries the celebration message, already written in the
 * account's language with its achievements, for the messaging module to send.
 */
public record ProjectGraduated(UUID projectId, UUID accountId, LocalDate graduatedOn, String language, String subject,
		String body, boolean testimonialRequested) {
}
