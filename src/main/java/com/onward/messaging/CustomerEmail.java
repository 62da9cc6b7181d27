package com.onward.messaging;

import java.util.Map;
import java.util.UUID;

/**
 * A customer email to queue in bulk ({@link Outbox#enqueueAll(java.util.List)}): its idempotency key, the
 * template, the account, the recipient (none: skipped), the language and the template's values. It is rendered
 * when first shown or sent.
 */
public record CustomerEmail(String key, String template, UUID accountId, String recipient, String language,
		Map<String, ?> values) {
	public CustomerEmail {
		values = values == null ? Map.of() : values;
	}
}
