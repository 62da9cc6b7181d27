package com.onward.onboarding;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

/**
 * A project was created from a playbook. Carries what the team and stakeholder modules
 * need (segment for assignment, phases with their owner roles for the RACI matrix, the go-live
 * item's planned due date for the training schedule; null without a go-live item).
 */
public record ProjectCreated(UUID projectId, UUID accountId, Segment segment, LocalDate startDate,
		LocalDate targetGraduationDate, List<PhaseRoles> phases, LocalDate goLiveDue) {

	public record PhaseRoles(String key, int position, LocalizedText name, List<OwnerRole> ownerRoles) {
	}
}
