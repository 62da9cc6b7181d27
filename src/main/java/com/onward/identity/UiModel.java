package com.onward.identity;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.stereotype.Controller;

/** Puts the signed-in user and their role checks into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class UiModel {

	@ModelAttribute("currentUser")
	String currentUser(Authentication auth) {
		return auth == null ? null : auth.getName();
	}

	@ModelAttribute("isAdmin")
	boolean isAdmin(Authentication auth) {
		return has(auth, StaffRole.ADMIN);
	}

	@ModelAttribute("isManager")
	boolean isManager(Authentication auth) {
		return has(auth, StaffRole.ADMIN) || has(auth, StaffRole.CS_MANAGER);
	}

	@ModelAttribute("canEdit")
	boolean canEdit(Authentication auth) {
		return auth != null && auth.isAuthenticated() && !has(auth, StaffRole.VIEWER) && auth.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().startsWith("ROLE_"));
	}

	private static boolean has(Authentication auth, StaffRole role) {
		return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
	}
}
