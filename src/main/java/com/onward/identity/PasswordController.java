package com.onward.identity;

import java.security.Principal;
import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.BusinessRuleException;

import jakarta.servlet.http.HttpSession;

/** A user's own password change, and the public page behind an admin's one-time reset link. */
@Controller
class PasswordController {

	private final Users users;
	private final PasswordResets resets;
	private final java.time.Clock clock;

	PasswordController(Users users, PasswordResets resets, java.time.Clock clock) {
		this.clock = clock;
		this.users = users;
		this.resets = resets;
	}

	@GetMapping("/account/password")
	String form() {
		return "identity/password";
	}

	@PostMapping("/account/password")
	String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm, Principal principal, HttpSession session,
			RedirectAttributes redirect) {
		try {
			if (!password.equals(confirm)) throw BusinessRuleException.of("confirm", "error.password.confirmMismatch");
			users.changePassword(principal.getName(), currentPassword, password);
			// This session stays; every other session of the user ends.
			session.setAttribute(SessionCheckFilter.SIGNED_IN_AT, clock.instant());
			redirect.addFlashAttribute("passwordChanged", true);
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("passwordError", e.field());
		}
		return "redirect:/account/password";
	}

	@GetMapping("/reset")
	String resetForm(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("token", token);
		if (resets.user(token).isEmpty()) model.addAttribute("invalid", true);
		return "identity/reset";
	}

	@PostMapping("/reset")
	String reset(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm, Model model) {
		model.addAttribute("token", token);
		try {
			if (!password.equals(confirm)) throw BusinessRuleException.of("confirm", "error.password.confirmMismatch");
			if (resets.complete(token, password)) return "redirect:/login?reset";
			model.addAttribute("invalid", true);
		}
		catch (BusinessRuleException e) {
			model.addAttribute("error", e.field());
		}
		return "identity/reset";
	}
}
