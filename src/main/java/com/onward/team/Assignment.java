package com.onward.team;

import java.time.Instant;
import java.util.UUID;

/** Who holds a role on a project; {@code overCapacity} marks an assignment beyond capacity. */
public record Assignment(UUID projectId, TeamRole role, UUID memberId, String memberName, boolean overCapacity,
		Instant assignedAt, String assignedBy) {

	public boolean unassigned() {
		return memberId == null;
	}
}
