package com.onward.team;

import java.util.Set;
import java.util.UUID;

import com.onward.shared.Segment;

/** A vendor team member with their current load (active projects assigned). */
public record TeamMember(UUID id, UUID userId, String name, String email, TeamRole role, Set<Segment> segments,
		int capacity, boolean active, int load) {

	/** Load as a share of capacity: 1.0 is fully booked. */
	public double utilisation() {
		return capacity == 0 ? 0 : (double) load / capacity;
	}

	public int utilisationPercent() {
		return (int) Math.round(utilisation() * 100);
	}

	public boolean overCapacity() {
		return load > capacity;
	}
}
