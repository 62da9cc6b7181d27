package com.onward.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox message as the API shows it ({@code GET /api/v1/messages}); channel EMAIL, SLACK, TEAMS or WEBHOOK.
 * A PENDING message waiting for the daily cap, the sending hours or the weekly digest names why in
 * {@code heldReason} (DAILY_CAP, QUIET_HOURS, DIGEST) and until when in {@code heldUntil}.
 */
public record Message(UUID id, String template, UUID accountId, String recipient, String language, String subject,
		String body, Status status, int attempts, String lastError, Instant createdAt, Instant sentAt, String channel,
		Priority priority, String heldReason, Instant heldUntil) {

	/** SKIPPED: a second nudge about the same topic, never sent; DIGESTED: sent inside a weekly digest. */
	public enum Status {
		PENDING, SENT, FAILED, SKIPPED, DIGESTED
	}
}
