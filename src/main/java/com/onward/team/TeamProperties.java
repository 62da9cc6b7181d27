package com.onward.team;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

/**
 * Team defaults from the seeds (PPL-1, PPL-5): capacity in active onboardings per role and
 * segment, which roles are assigned automatically, and hours per week per role on a project.
 */
@ConfigurationProperties("onward.team")
public record TeamProperties(Map<TeamRole, Map<Segment, Integer>> capacity, List<TeamRole> autoAssign,
		Map<OwnerRole, Hours> hoursPerWeek) {

	public record Hours(int min, int max) {
	}

	public int defaultCapacity(TeamRole role, Segment segment) {
		Map<Segment, Integer> byRole = capacity.getOrDefault(role, Map.of());
		return byRole.getOrDefault(segment == null ? Segment.MID_MARKET : segment, 10);
	}
}
