package com.onward.messaging;

import java.time.Instant;
import java.util.UUID;

/** An outbox message as the API shows it ({@code GET /api/v1/messages}); channel EMAIL, SLACK, TEAMS or WEBHOOK. */
public record Message(UUID id, String template, UUID accountId, String recipient, String language, String subject,
		String body, Status status, int attempts, String lastError, Instant createdAt, Instant sentAt, String channel) {

	public enum Status {
		PENDING, SENT, FAILED
	}
}
