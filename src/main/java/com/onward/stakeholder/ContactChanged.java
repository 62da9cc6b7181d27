package com.onward.stakeholder;

import java.util.UUID;

/** A contact of an account was added or changed (engagement, sentiment, last contact...). */
public record ContactChanged(UUID accountId, UUID contactId) {
}
