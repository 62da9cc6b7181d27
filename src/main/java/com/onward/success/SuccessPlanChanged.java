package com.onward.success;

import java.util.UUID;

/** A success criterion was defined or measured: what the health score reads about value changed. */
public record SuccessPlanChanged(UUID projectId, UUID accountId) {
}
