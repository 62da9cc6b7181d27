package com.onward.identity;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a UI session whose user was disabled, or whose password changed after the session signed in,
 * at its next request — on whichever instance holds it, because the check reads the database.
 */
final class SessionCheckFilter extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = "onward.signedInAt";

	private final Users users;

	SessionCheckFilter(Users users) {
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (session != null && auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())
				&& !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)) {
			Instant signedIn = session.getAttribute(SIGNED_IN_AT) instanceof Instant at ? at : Instant.EPOCH;
			Optional<Instant> validAfter = users.sessionsValidAfter(auth.getName());
			if (validAfter.isEmpty() || signedIn.isBefore(validAfter.get())) {
				SecurityContextHolder.clearContext();
				session.invalidate();
				if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
					response.sendRedirect(request.getContextPath() + "/login?expired");
				}
				else {
					response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
