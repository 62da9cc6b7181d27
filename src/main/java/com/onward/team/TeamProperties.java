package com.onward.team;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

/**
 * Team defaults from the seeds (PPL-1, PPL-5): capacity in active onboardings per role and
 * segment, which roles are assigned automatically, and hours per week per role on a project —
 * except the roles whose hours the seeds give as a total over their phase (training lead 10–15 h,
 * SMEs 5–10 h, end users 3–5 h), which are {@code phase-total-hours}.
 */
@ConfigurationProperties("onward.team")
@Validated
public record TeamProperties(@NotEmpty Map<TeamRole, Map<Segment, @NotNull @PositiveOrZero Integer>> capacity,
		@NotEmpty List<TeamRole> autoAssign, @NotNull Map<OwnerRole, @Valid Hours> hoursPerWeek,
		Map<OwnerRole, @Valid Hours> phaseTotalHours,
		Map<Segment, List<TeamRole>> autoAssignBySegment) {

	public TeamProperties {
		if (phaseTotalHours == null) phaseTotalHours = Map.of();
		if (autoAssignBySegment == null) autoAssignBySegment = Map.of();
	}

	/** The roles assigned automatically to a project of the segment (tech-touch SMB: no specialist). */
	public List<TeamRole> autoAssignFor(Segment segment) {
		return autoAssignBySegment.getOrDefault(segment, autoAssign);
	}

	public record Hours(@PositiveOrZero int min, @PositiveOrZero int max) {

		/** A range: min up to max. */
		@AssertTrue(message = "min must not be above max")
		boolean isOrdered() {
			return min <= max;
		}
	}

	public int defaultCapacity(TeamRole role, Segment segment) {
		Map<Segment, Integer> byRole = capacity.getOrDefault(role, Map.of());
		return byRole.getOrDefault(segment == null ? Segment.MID_MARKET : segment, 10);
	}
}
