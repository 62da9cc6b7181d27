package com.onward.identity;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;

/** Sign-in page and the admin pages: users, API tokens and the audit log. */
@Controller
class AdminController {

	private final Users users;
	private final ApiTokens tokens;
	private final AuditLog audit;
	private final PasswordResets resets;
	private final SsoProperties sso;

	AdminController(Users users, ApiTokens tokens, AuditLog audit, PasswordResets resets, SsoProperties sso) {
		this.sso = sso;
		this.resets = resets;
		this.users = users;
		this.tokens = tokens;
		this.audit = audit;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("sso", sso.enabled());
		return "identity/login";
	}

	@GetMapping("/admin")
	String admin(Model model, @RequestParam(defaultValue = "0") int page) {
		model.addAttribute("users", users.all());
		model.addAttribute("tokens", tokens.all());
		model.addAttribute("audit", audit.page(Math.max(0, page), 50, null, null));
		model.addAttribute("roles", StaffRole.values());
		model.addAttribute("scopes", TokenScope.values());
		return "identity/admin";
	}

	@PostMapping("/admin/tokens")
	String createToken(@RequestParam String name, @RequestParam StaffRole role,
			@RequestParam(defaultValue = "FULL") TokenScope scope, RedirectAttributes redirect) {
		if (name == null || name.isBlank()) {
			redirect.addFlashAttribute("error", "name");
			return "redirect:/admin";
		}
		redirect.addFlashAttribute("newToken", tokens.create(name.strip(), role, scope).token());
		return "redirect:/admin";
	}

	@PostMapping("/admin/tokens/{id}/revoke")
	String revoke(@PathVariable UUID id) {
		tokens.revoke(id);
		return "redirect:/admin";
	}

	@PostMapping("/admin/users")
	String createUser(@RequestParam String username, @RequestParam String displayName, @RequestParam String email,
			@RequestParam StaffRole role, @RequestParam String password, RedirectAttributes redirect) {
		try {
			if (username.isBlank() || displayName.isBlank()) throw BusinessRuleException.of("username", "error.user.nameRequired");
			users.create(username.strip(), displayName.strip(), email.isBlank() ? null : email.strip(), role, password);
			redirect.addFlashAttribute("ok", "user");
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("userError", e.field() + ": " + FormErrors.describe(e).message());
		}
		return "redirect:/admin";
	}

	@PostMapping("/admin/users/{id}/password-reset")
	String resetPassword(@PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("resetLink", resets.issue(id).url());
		redirect.addFlashAttribute("resetUser", users.find(id).map(Users.StaffUser::username).orElse(""));
		return "redirect:/admin";
	}

	@PostMapping("/admin/users/{id}/enabled")
	String enable(@PathVariable UUID id, @RequestParam boolean enabled) {
		users.setEnabled(id, enabled);
		return "redirect:/admin";
	}
}
