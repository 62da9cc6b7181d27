package com.onward.onboarding;

import java.time.LocalDate;
import java.util.UUID;

import com.onward.playbook.ItemKind;

/** A milestone, task or deliverable of a project was marked done. */
public record ItemCompleted(UUID projectId, UUID accountId, UUID itemId, String itemKey, ItemKind kind, boolean goLive,
		LocalDate completedOn) {
}
