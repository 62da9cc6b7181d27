package com.onward.onboarding;

import java.util.UUID;

/**
 * An item of a project's plan changed status or due date (completion also publishes {@link ItemCompleted}):
 * what depends on the plan's progress and overdue items, such as the health score, is out of date.
 */
public record PlanItemsChanged(UUID projectId, UUID accountId) {
}
