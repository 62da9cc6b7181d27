package com.onward.identity;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in user and their role checks into every page's model. One method for all four:
 * Spring MVC builds and invokes each {@code @ModelAttribute} method of an advice on every request to a
 * controller (pages, the API and the portal alike), so four methods cost four times as much.
 */
@ControllerAdvice(annotations = Controller.class)
class UiModel {

	@ModelAttribute
	void user(Authentication auth, Model model) {
		model.addAttribute("currentUser", auth == null ? null : auth.getName());
		boolean admin = has(auth, StaffRole.ADMIN);
		model.addAttribute("isAdmin", admin);
		model.addAttribute("isManager", admin || has(auth, StaffRole.CS_MANAGER));
		model.addAttribute("canEdit", auth != null && auth.isAuthenticated() && !has(auth, StaffRole.VIEWER)
				&& auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().startsWith("ROLE_")));
	}

	private static boolean has(Authentication auth, StaffRole role) {
		return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
	}
}
