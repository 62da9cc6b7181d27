package com.onward.support;

import java.util.List;
import java.util.UUID;

/** Tickets of these accounts were created or changed (published in the storing transaction). */
public record TicketsRecorded(List<UUID> accountIds) {
}
