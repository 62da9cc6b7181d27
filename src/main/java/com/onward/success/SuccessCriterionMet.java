package com.onward.success;

import java.time.LocalDate;
import java.util.UUID;

/** A success criterion reached its target (or the customer confirmed a qualitative one) for the first time. */
public record SuccessCriterionMet(UUID criterionId, UUID projectId, UUID accountId, String kpi, LocalDate metOn) {
}
