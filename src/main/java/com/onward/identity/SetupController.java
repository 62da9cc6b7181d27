package com.onward.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.shared.BusinessRuleException;

/** The one-time set-up page that creates the first admin (public, but only with a valid link). */
@Controller
class SetupController {

	private final AdminSetup setup;

	SetupController(AdminSetup setup) {
		this.setup = setup;
	}

	@GetMapping("/setup")
	String form(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("token", token);
		if (!setup.valid(token)) model.addAttribute("invalid", true);
		return "identity/setup";
	}

	@PostMapping("/setup")
	String create(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String password, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("username", username);
		model.addAttribute("displayName", displayName);
		model.addAttribute("email", email);
		if (!setup.valid(token)) {
			model.addAttribute("invalid", true);
			return "identity/setup";
		}
		String error = username.isBlank() ? "username" : displayName.isBlank() ? "displayName"
				: password.length() < 12 ? "password" : null;
		if (error == null) {
			try {
				if (setup.complete(token, username.strip(), displayName.strip(), email.isBlank() ? null : email.strip(),
						password)) {
					return "redirect:/login?setup";
				}
				model.addAttribute("invalid", true);
				return "identity/setup";
			}
			catch (BusinessRuleException e) {
				error = e.field();
			}
		}
		model.addAttribute("error", error);
		return "identity/setup";
	}
}
