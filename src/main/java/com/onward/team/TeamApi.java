package com.onward.team;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Team")
class TeamApi {

	record Reassignment(@NotNull UUID memberId) {
	}

	/** Why a reassignment deserves a second look; the same warnings the staff UI asks to confirm. */
	enum WarningCode {
		/** The member serves other segments than the project's. */
		OUTSIDE_SEGMENT,
		/** The member would have more active projects than their capacity. */
		OVER_CAPACITY
	}

	record Warning(WarningCode code, String message) {
	}

	/** The role's assignment after a reassignment, with what the caller should know about it. */
	record Reassigned(UUID projectId, TeamRole role, UUID memberId, String memberName, boolean overCapacity,
			Instant assignedAt, String assignedBy, List<Warning> warnings) {
	}

	/** Whether giving the role to the member would warn, without changing anything. */
	record ReassignCheck(UUID memberId, String memberName, Segment segment, UUID currentMemberId, List<Warning> warnings) {
	}

	record ProjectTeam(List<Assignment> assignments, Map<OwnerRole, TeamProperties.Hours> hoursPerWeek,
			Map<OwnerRole, TeamProperties.Hours> phaseTotalHours) {
	}

	private final Team team;

	TeamApi(Team team) {
		this.team = team;
	}

	@GetMapping("/team/members")
	List<TeamMember> members() {
		return team.members();
	}

	@PostMapping("/team/members")
	ResponseEntity<TeamMember> add(@Valid @RequestBody NewMember body) {
		TeamMember m = team.add(body);
		return ResponseEntity.created(URI.create("/api/v1/team/members/" + m.id())).body(m);
	}

	@PatchMapping("/team/members/{id}")
	TeamMember update(@PathVariable UUID id, @Valid @RequestBody MemberUpdate body) {
		return team.update(id, body);
	}

	record UserLink(UUID userId) {
	}

	@PutMapping("/team/members/{id}/user")
	@Operation(summary = "Link a team member to the staff user they sign in as (userId null: unlink)",
			description = "What the automation hands to the member (notices, tasks) then reaches that user's inbox. "
					+ "A user is linked to one member at most: 422 naming `userId` otherwise, or when the user does not exist.")
	TeamMember link(@PathVariable UUID id, @RequestBody UserLink body) {
		return team.linkUser(id, body == null ? null : body.userId());
	}

	@GetMapping("/projects/{projectId}/team")
	ProjectTeam projectTeam(@PathVariable UUID projectId) {
		return new ProjectTeam(team.assignments(projectId), team.hoursPerWeek(), team.phaseTotalHours());
	}

	@PutMapping("/projects/{projectId}/team/{role}")
	@Operation(summary = "Give a project's role to a team member",
			description = "Applies the reassignment and answers the new assignment with `warnings`: `OUTSIDE_SEGMENT` when "
					+ "the member does not serve the project's segment, `OVER_CAPACITY` when they now have more active "
					+ "projects than their capacity (empty when neither). To ask first, as the staff UI does, use "
					+ "`GET /projects/{projectId}/team/{role}/check?memberId=…`.")
	Reassigned reassign(@PathVariable UUID projectId, @PathVariable TeamRole role, @Valid @RequestBody Reassignment body) {
		// Judged before the change: afterwards the member's load already counts this project.
		List<Warning> warnings = warnings(team.checkReassign(projectId, role, body.memberId()));
		Assignment a = team.reassign(projectId, role, body.memberId());
		return new Reassigned(a.projectId(), a.role(), a.memberId(), a.memberName(), a.overCapacity(), a.assignedAt(),
				a.assignedBy(), warnings);
	}

	@GetMapping("/projects/{projectId}/team/{role}/check")
	@Operation(summary = "What giving a project's role to a member would warn about (changes nothing)")
	ReassignCheck check(@PathVariable UUID projectId, @PathVariable TeamRole role, @RequestParam UUID memberId) {
		Team.ReassignCheck c = team.checkReassign(projectId, role, memberId);
		return new ReassignCheck(memberId, c.member().name(), c.segment(), c.currentMemberId(), warnings(c));
	}

	private static List<Warning> warnings(Team.ReassignCheck c) {
		var warnings = new ArrayList<Warning>();
		if (c.outsideSegment()) {
			warnings.add(new Warning(WarningCode.OUTSIDE_SEGMENT, c.member().name() + " serves "
					+ c.member().segments().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")) + ", not "
					+ c.segment()));
		}
		if (c.overCapacity()) {
			warnings.add(new Warning(WarningCode.OVER_CAPACITY, c.member().name() + " would have " + (c.member().load() + 1)
					+ " active projects for a capacity of " + c.member().capacity()));
		}
		return warnings;
	}
}
