package com.onward.team;

import java.util.Set;

import com.onward.shared.Segment;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A team member to add; capacity defaults from the role and first segment served. */
public record NewMember(@NotBlank @Size(max = 200) String name, @Email @Size(max = 200) String email,
		@NotNull TeamRole role, Set<Segment> segments, @Min(1) @Max(1000) Integer capacity) {
}
