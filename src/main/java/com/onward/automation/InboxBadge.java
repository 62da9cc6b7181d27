package com.onward.automation;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

import com.onward.identity.StaffRole;
import com.onward.identity.Users;

/** Puts the number of inbox items that need the signed-in user's attention into every full page (the top bar's badge). */
@ControllerAdvice(annotations = Controller.class)
class InboxBadge {

	private final Inbox inbox;
	private final Users users;

	InboxBadge(Inbox inbox, Users users) {
		this.inbox = inbox;
		this.users = users;
	}

	@ModelAttribute("inboxCount")
	Long inboxCount(Authentication auth, @RequestHeader(value = "HX-Request", required = false) String hx,
			jakarta.servlet.http.HttpServletRequest request) {
		// htmx fragments and the API have no top bar; anonymous pages (sign-in, portal) no inbox.
		if (hx != null || request.getRequestURI().startsWith(request.getContextPath() + "/api/") || auth == null
				|| !auth.isAuthenticated() || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
				|| !staff(auth)) {
			return null;
		}
		try {
			return users.find(auth.getName()).map(inbox::attention).orElse(null);
		}
		catch (org.springframework.dao.DataAccessException e) {
			// A badge is not worth failing the page (or the error page) for.
			return null;
		}
	}

	/** Only staff have an inbox: a portal contact's page does not look for a user of that name. */
	private static boolean staff(Authentication auth) {
		return auth.getAuthorities().stream().anyMatch(a -> java.util.Arrays.stream(StaffRole.values())
			.anyMatch(r -> r.authority().equals(a.getAuthority())));
	}
}
