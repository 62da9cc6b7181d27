package com.onward.team;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.OwnerRole;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Team")
class TeamApi {

	record Reassignment(@NotNull UUID memberId) {
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

	@GetMapping("/projects/{projectId}/team")
	ProjectTeam projectTeam(@PathVariable UUID projectId) {
		return new ProjectTeam(team.assignments(projectId), team.hoursPerWeek(), team.phaseTotalHours());
	}

	@PutMapping("/projects/{projectId}/team/{role}")
	Assignment reassign(@PathVariable UUID projectId, @PathVariable TeamRole role, @Valid @RequestBody Reassignment body) {
		return team.reassign(projectId, role, body.memberId());
	}
}
