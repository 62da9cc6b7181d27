package com.onward.portal;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal's own filter chain for {@code /portal/**}, ahead of the staff chains: no HTTP
 * session (a staff sign-in is never read here, and a portal session is never written to the
 * staff session), its own cookie on path {@code /portal} (so it never reaches staff pages or
 * the API), CSRF tokens in a cookie of its own, and {@code Referrer-Policy: no-referrer} so a
 * link token or page address never leaks to another site.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

	static final String COOKIE = "onward_portal";
	static final String ROLE = "ROLE_PORTAL_CONTACT";

	@Bean
	@Order(0)
	SecurityFilterChain portal(HttpSecurity http, PortalSessions sessions, PortalProperties props) throws Exception {
		var csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("onward_portal_csrf");
		csrfTokens.setCookiePath("/portal");
		csrfTokens.setCookieCustomizer(c -> c.sameSite("Lax").secure(props.secureCookie()));
		var csrfHandler = new XorCsrfTokenRequestAttributeHandler();
		try {
			csrfHandler.setSecureRandom(SecureRandom.getInstance("DRBG"));
		}
		catch (NoSuchAlgorithmException e) {
			// Keep the default generator.
		}
		http.securityMatcher("/portal", "/portal/**")
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.disable())
			// Every request authenticates from the cookie: that is no new sign-in, so the token is not rotated.
			.csrf(c -> c.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(csrfHandler)
				.sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
			.addFilterBefore(new SessionCookieFilter(sessions), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers("/portal/sign-in", "/portal/magic/*").permitAll();
				auth.anyRequest().hasAuthority(ROLE);
			})
			.exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/portal/sign-in")))
			.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.cacheControl(c -> {
				}))
			.formLogin(f -> f.disable())
			.httpBasic(b -> b.disable())
			.logout(l -> l.disable());
		return http.build();
	}

	/**
	 * As strict as the staff pages' policy (no inline script, no plugins, no framing), except that
	 * images may come from any https address: the vendor's logo is configured as a URL.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	static ResponseCookie cookie(String value, java.time.Duration maxAge, boolean secure) {
		return ResponseCookie.from(COOKIE, value).path("/portal").httpOnly(true).secure(secure).sameSite("Lax")
			.maxAge(maxAge).build();
	}

	/** Authenticates the portal cookie for this request only (nothing is kept in an HTTP session). */
	static final class SessionCookieFilter extends OncePerRequestFilter {

		private static final RequestAttributeSecurityContextRepository CONTEXTS = new RequestAttributeSecurityContextRepository();

		private final PortalSessions sessions;

		SessionCookieFilter(PortalSessions sessions) {
			this.sessions = sessions;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String token = null;
			if (request.getCookies() != null) {
				for (Cookie c : request.getCookies()) {
					if (COOKIE.equals(c.getName())) token = c.getValue();
				}
			}
			PortalUser user = token == null ? null : sessions.find(token).orElse(null);
			if (user == null) {
				chain.doFilter(request, response);
				return;
			}
			var auth = new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority(ROLE)));
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(auth);
			SecurityContextHolder.setContext(context);
			// Known to the request's context repository, so session management does not take it for a
			// fresh sign-in on every request (which would rotate the CSRF token each time).
			CONTEXTS.saveContext(context, request, response);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}
	}
}
