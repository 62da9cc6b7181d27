package com.onward.team;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.identity.Users;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Segment;

/** The team page with utilisation, and the project page's team panel (an htmx fragment). */
@Controller
class TeamController {

	private final Team team;
	private final Users users;

	TeamController(Team team, Users users) {
		this.team = team;
		this.users = users;
	}

	@GetMapping("/team")
	String team(Model model) {
		model.addAttribute("members", team.members());
		var staff = users.all();
		model.addAttribute("users", staff);
		model.addAttribute("userNames", staff.stream().collect(java.util.stream.Collectors.toMap(Users.StaffUser::id,
				u -> u.displayName() == null || u.displayName().isBlank() ? u.username()
						: u.displayName() + " (" + u.username() + ")")));
		model.addAttribute("roles", TeamRole.values());
		model.addAttribute("segments", Segment.values());
		return "team/team";
	}

	@PostMapping("/team/members")
	String add(@RequestParam String name, @RequestParam(required = false) String email, @RequestParam TeamRole role,
			@RequestParam(required = false) Set<Segment> segments, @RequestParam(required = false) Integer capacity,
			RedirectAttributes redirect) {
		if (name == null || name.isBlank() || (capacity != null && (capacity < 1 || capacity > 1000))) {
			redirect.addFlashAttribute("error", true);
			return "redirect:/team";
		}
		team.add(new NewMember(name, email == null || email.isBlank() ? null : email, role, segments, capacity));
		return "redirect:/team";
	}

	@PostMapping("/team/members/{id}")
	String update(@PathVariable UUID id, @RequestParam Integer capacity, @RequestParam(defaultValue = "true") boolean active,
			RedirectAttributes redirect) {
		if (capacity == null || capacity < 1 || capacity > 1000) {
			redirect.addFlashAttribute("error", true);
			return "redirect:/team";
		}
		team.update(id, new MemberUpdate(capacity, null, active));
		return "redirect:/team";
	}

	/** Links a member to the staff user they sign in as (none: matched by email); a wrong choice comes back to the form. */
	@PostMapping("/team/members/{id}/user")
	String link(@PathVariable UUID id, @RequestParam(required = false) String userId, RedirectAttributes redirect) {
		UUID user;
		try {
			user = userId == null || userId.isBlank() ? null : UUID.fromString(userId.strip());
		}
		catch (IllegalArgumentException e) {
			throw new BusinessRuleException("userId", "no staff user " + userId, "team.error.noSuchUser");
		}
		team.linkUser(id, user);
		redirect.addFlashAttribute("linked", id);
		return "redirect:/team";
	}

	@GetMapping("/projects/{projectId}/team")
	String projectTeam(@PathVariable UUID projectId, Model model) {
		fill(projectId, model);
		return "team/project-team :: panel";
	}

	/**
	 * Reassigns a role. A choice with a warning (the member does not serve the project's segment, or would be over
	 * capacity) is only shown back for confirmation; once applied, the panel offers to undo it.
	 */
	@PostMapping("/projects/{projectId}/team/{role}")
	String reassign(@PathVariable UUID projectId, @PathVariable TeamRole role, @RequestParam(required = false) UUID memberId,
			@RequestParam(defaultValue = "false") boolean confirmed, Model model) {
		try {
			if (memberId != null) {
				Team.ReassignCheck check = team.checkReassign(projectId, role, memberId);
				if (check.warns() && !confirmed) {
					model.addAttribute("pending", check);
					model.addAttribute("pendingRole", role);
				}
				else {
					team.reassign(projectId, role, memberId);
					if (check.currentMemberId() != null && !check.currentMemberId().equals(memberId)) {
						model.addAttribute("undo", check);
						model.addAttribute("undoRole", role);
					}
				}
			}
		}
		catch (BusinessRuleException e) {
			model.addAttribute("teamError", com.onward.shared.FormErrors.describe(e).message());
		}
		fill(projectId, model);
		return "team/project-team :: panel";
	}

	private void fill(UUID projectId, Model model) {
		model.addAttribute("projectId", projectId);
		model.addAttribute("projectSegment", team.segmentOf(projectId).orElse(null));
		model.addAttribute("assignments", team.assignments(projectId));
		model.addAttribute("members", team.members());
		model.addAttribute("hours", team.hoursPerWeek());
		model.addAttribute("phaseHours", team.phaseTotalHours());
	}
}
