package com.onward.team;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

/**
 * Team defaults from the seeds (PPL-1, PPL-5): capacity in active onboardings per role and
 * segment, which roles are assigned automatically, and hours per week per role on a project —
 * except the roles whose hours the seeds give as a total over their phase (training lead 10–15 h,
 * SMEs 5–10 h, end users 3–5 h), which are {@code phase-total-hours}.
 */
@ConfigurationProperties("onward.team")
public record TeamProperties(Map<TeamRole, Map<Segment, Integer>> capacity, List<TeamRole> autoAssign,
		Map<OwnerRole, Hours> hoursPerWeek, Map<OwnerRole, Hours> phaseTotalHours,
		Map<Segment, List<TeamRole>> autoAssignBySegment) {

	public TeamProperties {
		if (phaseTotalHours == null) phaseTotalHours = Map.of();
		if (autoAssignBySegment == null) autoAssignBySegment = Map.of();
	}

	/** The roles assigned automatically to a project of the segment (tech-touch SMB: no specialist). */
	public List<TeamRole> autoAssignFor(Segment segment) {
		return autoAssignBySegment.getOrDefault(segment, autoAssign);
	}

	public record Hours(int min, int max) {
	}

	public int defaultCapacity(TeamRole role, Segment segment) {
		Map<Segment, Integer> byRole = capacity.getOrDefault(role, Map.of());
		return byRole.getOrDefault(segment == null ? Segment.MID_MARKET : segment, 10);
	}
}
