package com.onward.team;

import java.util.Set;

import com.onward.shared.Segment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Changes to a team member; fields left out stay as they are. */
public record MemberUpdate(@Min(1) @Max(1000) Integer capacity, Set<Segment> segments, Boolean active) {
}
