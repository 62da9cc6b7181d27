package com.onward.messaging;

import java.util.List;
import java.util.UUID;

/**
 * A notice for a staff member ({@link Notifications#notifyAll(java.util.List)}): its idempotency key, the
 * Onward user and/or email address it is for (neither: skipped), the account, the message key of its text and
 * the text's arguments.
 */
public record StaffNotice(String key, UUID userId, String email, UUID accountId, String textKey, List<?> args) {
	public StaffNotice {
		args = args == null ? List.of() : args;
	}
}
