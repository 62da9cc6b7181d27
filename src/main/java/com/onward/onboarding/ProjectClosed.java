package com.onward.onboarding;

import java.util.UUID;

/** A project was completed or cancelled: its team is free again. */
public record ProjectClosed(UUID projectId, ProjectStatus status) {
}
