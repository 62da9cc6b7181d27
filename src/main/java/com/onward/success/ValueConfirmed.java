package com.onward.success;

import java.util.UUID;

/** The customer confirmed the value of a criterion ("yes, we achieved our goal"). */
public record ValueConfirmed(UUID confirmationId, UUID criterionId, UUID projectId, UUID accountId, String confirmedBy) {
}
