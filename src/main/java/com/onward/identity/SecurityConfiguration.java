package com.onward.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

import com.onward.shared.ApiProblems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Two filter chains: the API ({@code /api/**}) is stateless with bearer tokens and answers
 * 401/403 as problem details; the UI uses form sign-in with a session and CSRF protection.
 * The same role rules apply to both, so a VIEWER can read everything and change nothing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] MANAGERS = { "ADMIN", "CS_MANAGER" };
	private static final String[] EDITORS = { "ADMIN", "CS_MANAGER", "CSM", "IMPLEMENTATION_SPECIALIST", "TRAINING_LEAD" };
	private static final String[] STAFF = { "ADMIN", "CS_MANAGER", "CSM", "IMPLEMENTATION_SPECIALIST", "TRAINING_LEAD",
			"VIEWER" };

	@Bean
	PasswordEncoder passwordEncoder() {
		// Delegating encoder: bcrypt today, upgradable without invalidating stored hashes.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * No per-filter security observations: wrapping each of a dozen filters in an observation
	 * cost a measured quarter of an API request. Request metrics (http.server.requests) stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * A URL the firewall refuses (encoded %, NUL, "..") is the client's mistake: a 400 problem detail
	 * like every other, not the framework's error JSON.
	 */
	@Bean
	org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
		return (request, response, e) -> problem(json, response, HttpStatus.BAD_REQUEST, "Invalid request",
				"The request URL contains characters that are not allowed");
	}

	/** The shortest bootstrap admin token accepted. */
	static final int MIN_BOOTSTRAP_TOKEN = 32;

	/**
	 * The configured bootstrap admin token, or null; a short one refuses the start, because it is an
	 * admin credential that can be guessed online.
	 */
	static String bootstrapToken(String configured) {
		if (configured == null || configured.isBlank()) return null;
		if (configured.strip().length() < MIN_BOOTSTRAP_TOKEN) {
			throw new IllegalStateException("onward.bootstrap.admin-token (ONWARD_BOOTSTRAP_ADMIN_TOKEN) must have at least "
					+ MIN_BOOTSTRAP_TOKEN + " random characters, e.g. the output of: openssl rand -hex 32");
		}
		org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class)
			.warn("The bootstrap admin token (ONWARD_BOOTSTRAP_ADMIN_TOKEN) is set and grants ADMIN to any API request "
					+ "carrying it; unset it once you have created an admin and real API tokens.");
		return configured.strip();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ObjectMapper json,
			@Value("${onward.bootstrap.admin-token}") String configuredBootstrapToken) throws Exception {
		String bootstrapToken = bootstrapToken(configuredBootstrapToken);
		secureHeaders(http);
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(tokens, json, bootstrapToken), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers("/api/v1/admin/**", "/api/v1/health/recompute", "/api/v1/messages/delivery",
						"/api/v1/automation/sweeps", "/api/v1/webhooks", "/api/v1/webhooks/**", "/api/v1/privacy/**").hasRole("ADMIN");
				auth.requestMatchers(HttpMethod.PUT, "/api/v1/delivery-policy").hasRole("ADMIN");
				auth.requestMatchers(HttpMethod.DELETE, "/api/v1/delivery-policy").hasRole("ADMIN");
				// Personal data of a whole account leaves or goes only by a manager's hand.
				auth.requestMatchers("/api/v1/accounts/*/export", "/api/v1/accounts/*/deletion").hasAnyRole(MANAGERS);
				// Products post usage with an ingestion-scoped token; that token reaches nothing else.
				auth.requestMatchers(HttpMethod.POST, "/api/v1/events").hasAnyAuthority(TokenScope.INGEST_AUTHORITY,
						StaffRole.ADMIN.authority());
				// A CRM connection's receiver is authenticated by the connection's own HMAC signature.
				auth.requestMatchers(HttpMethod.POST, "/api/v1/integrations/crm/*").permitAll();
				// Help-desk tickets and the integration receivers (Segment, Zendesk, Freshdesk) take the same tokens.
				auth.requestMatchers(HttpMethod.POST, "/api/v1/tickets", "/api/v1/integrations/**")
					.hasAnyAuthority(TokenScope.INGEST_AUTHORITY, StaffRole.ADMIN.authority());
				roleRules(auth, "/api/v1");
				auth.requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(STAFF);
				auth.anyRequest().hasAnyRole(EDITORS);
			})
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> problem(json, res, HttpStatus.UNAUTHORIZED, "Unauthorized",
						"A valid bearer token is required"))
				.accessDeniedHandler((req, res, ex) -> problem(json, res, HttpStatus.FORBIDDEN, "Forbidden",
						"Your role may not do this")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain ui(HttpSecurity http, Users users, SignInThrottle throttle, AuditLog audit, java.time.Clock clock,
			org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> ssoRegistrations,
			org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.userinfo.OAuth2UserService<org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest, org.springframework.security.oauth2.core.oidc.user.OidcUser>> ssoUsers)
			throws Exception {
		secureHeaders(http);
		var sso = ssoRegistrations.getIfAvailable();
		if (sso != null) {
			// Single sign-on (SingleSignOn): the same session, audit and checks as a password sign-in.
			http.oauth2Login(o -> o.loginPage("/login").clientRegistrationRepository(sso)
				.userInfoEndpoint(u -> u.oidcUserService(ssoUsers.getObject()))
				.successHandler((req, res, authentication) -> {
					audit.recordAs(authentication.getName(), "sign-in.succeeded", "user", null,
							"single sign-on from " + req.getRemoteAddr());
					req.getSession().setAttribute(SessionCheckFilter.SIGNED_IN_AT, clock.instant());
					makeCsrfToken(req);
					res.sendRedirect(req.getContextPath() + "/");
				})
				.failureHandler((req, res, ex) -> {
					if (!(ex instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException denied
							&& "access_denied".equals(denied.getError().getErrorCode()))) {
						audit.recordAs("sso", "sign-in.failed", "user", null, "single sign-on from " + req.getRemoteAddr()
								+ ": " + ex.getMessage());
					}
					res.sendRedirect(req.getContextPath() + "/login?sso-failed");
				}));
		}
		http.addFilterAfter(new SessionCheckFilter(users),
				org.springframework.security.web.context.SecurityContextHolderFilter.class);
		http.addFilterBefore(new SignInLockFilter(throttle, audit),
				org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
		http.authorizeHttpRequests(auth -> {
			auth.requestMatchers("/account/**").authenticated();
			auth.requestMatchers("/login", "/setup", "/reset", "/unsubscribe", "/survey/**", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
					"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
					"/swagger-ui.html").permitAll();
			auth.requestMatchers("/admin/**").hasRole("ADMIN");
			roleRules(auth, "");
			auth.requestMatchers(HttpMethod.GET, "/**").authenticated();
			auth.anyRequest().hasAnyRole(EDITORS);
		})
			.csrf(csrf -> csrf.csrfTokenRequestHandler(xorCsrfTokens()))
			.formLogin(form -> form.loginPage("/login").permitAll()
				.successHandler((req, res, authentication) -> {
					throttle.succeeded(authentication.getName());
					audit.recordAs(authentication.getName(), "sign-in.succeeded", "user", null, "from " + req.getRemoteAddr());
					req.getSession().setAttribute(SessionCheckFilter.SIGNED_IN_AT, clock.instant());
					makeCsrfToken(req);
					res.sendRedirect(req.getContextPath() + "/");
				})
				.failureHandler((req, res, ex) -> {
					String name = attemptedName(req);
					throttle.failed(name, req.getRemoteAddr());
					audit.recordAs(name, "sign-in.failed", "user", null, "from " + req.getRemoteAddr());
					res.sendRedirect(req.getContextPath() + "/login?error");
				}))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.httpBasic(b -> b.disable());
		return http.build();
	}

	/**
	 * Only our own scripts run (no inline script, handler or {@code javascript:} URL), nothing frames
	 * us, no plug-ins, no {@code <base>}; inline styles stay allowed for ECharts and htmx. HSTS is sent
	 * on HTTPS requests, which behind a TLS proxy means {@code server.forward-headers-strategy}.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static void secureHeaders(HttpSecurity http) throws Exception {
		http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
			.frameOptions(f -> f.deny())
			.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
	}

	/**
	 * The default BREACH-safe (XOR-masked) CSRF tokens, but masked with a DRBG: the default
	 * SecureRandom reads /dev/urandom under a lock, which showed up as 13 % of a page's time.
	 */
	/**
	 * Makes the new session's CSRF token with the sign-in. Made lazily, the first pages opened at once
	 * (several tabs, a restored browser) would each make and store their own, and only the last one
	 * stored would accept its page's forms.
	 */
	private static void makeCsrfToken(jakarta.servlet.http.HttpServletRequest request) {
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
	}

	private static XorCsrfTokenRequestAttributeHandler xorCsrfTokens() {
		var handler = new XorCsrfTokenRequestAttributeHandler();
		try {
			handler.setSecureRandom(SecureRandom.getInstance("DRBG"));
		}
		catch (NoSuchAlgorithmException e) {
			// Keep the default generator.
		}
		return handler;
	}

	/** The user name of a sign-in attempt, shortened for the audit log. */
	static String attemptedName(HttpServletRequest request) {
		String name = Users.normalise(request.getParameter("username"));
		return name.length() > 100 ? name.substring(0, 100) : name;
	}

	/** Refuses sign-in attempts for a locked user name or client address before any password is checked. */
	static final class SignInLockFilter extends OncePerRequestFilter {

		private final SignInThrottle throttle;
		private final AuditLog audit;

		SignInLockFilter(SignInThrottle throttle, AuditLog audit) {
			this.throttle = throttle;
			this.audit = audit;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String name = attemptedName(request);
			if (throttle.lockedUntil(name, request.getRemoteAddr()).isPresent()) {
				audit.recordAs(name, "sign-in.locked", "user", null, "from " + request.getRemoteAddr());
				response.sendRedirect(request.getContextPath() + "/login?locked");
				return;
			}
			chain.doFilter(request, response);
		}
	}

	/** Changes only managers may make, in the API ({@code /api/v1}) and the UI (no prefix). */
	private static void roleRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
			String prefix) {
		for (String path : List.of("/accounts/*/segment-override", "/features", "/features/*", "/features/*/merge", "/content", "/playbooks", "/playbooks/**", "/team/members",
				"/team/members/**", "/projects/*/team/**", "/projects/*/extensions/*/decision", "/automation/rules/*")) {
			auth.requestMatchers(HttpMethod.POST, prefix + path).hasAnyRole(MANAGERS);
			auth.requestMatchers(HttpMethod.PUT, prefix + path).hasAnyRole(MANAGERS);
			auth.requestMatchers(HttpMethod.PATCH, prefix + path).hasAnyRole(MANAGERS);
		}
	}

	/** The same problem detail as the API's own errors, written before any controller is reached. */
	static void problem(ObjectMapper json, HttpServletResponse res, HttpStatus status, String title, String detail)
			throws IOException {
		res.setStatus(status.value());
		res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		res.setCharacterEncoding(StandardCharsets.UTF_8.name());
		ProblemDetail problem = ApiProblems.problem(status, title, detail, List.of());
		var body = new LinkedHashMap<String, Object>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		json.writeValue(res.getWriter(), body);
	}

	/** Authenticates {@code Authorization: Bearer ...}; a present but unknown token is a 401 at once. */
	static final class BearerTokenFilter extends OncePerRequestFilter {

		static final String SEGMENT_PATH = "/api/v1/integrations/segment/";

		private static String basicUser(String encoded) {
			try {
				String pair = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
				int colon = pair.indexOf(':');
				return (colon < 0 ? pair : pair.substring(0, colon)).trim();
			}
			catch (IllegalArgumentException e) {
				return "";
			}
		}

		private final ApiTokens tokens;
		private final ObjectMapper json;
		private final byte[] bootstrap;

		BearerTokenFilter(ApiTokens tokens, ObjectMapper json, String bootstrapToken) {
			this.tokens = tokens;
			this.json = json;
			this.bootstrap = bootstrapToken == null || bootstrapToken.isBlank() ? null
					: bootstrapToken.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			String token;
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				token = header.substring(7).trim();
			}
			else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)
					&& request.getRequestURI().startsWith(request.getContextPath() + SEGMENT_PATH)) {
				// Segment's HTTP API sends the write key as the Basic user with an empty password.
				token = basicUser(header.substring(6).trim());
			}
			else {
				chain.doFilter(request, response);
				return;
			}
			ApiTokens.Principal principal = null;
			if (bootstrap != null && MessageDigest.isEqual(bootstrap, token.getBytes(StandardCharsets.UTF_8))) {
				principal = new ApiTokens.Principal("bootstrap-admin", StaffRole.ADMIN, TokenScope.FULL);
			}
			else if (!token.isEmpty()) {
				principal = tokens.authenticate(token).orElse(null);
			}
			if (principal == null) {
				problem(json, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "The bearer token is unknown or revoked");
				return;
			}
			var auth = new UsernamePasswordAuthenticationToken(principal.name(), null,
					List.of(new SimpleGrantedAuthority(principal.authority())));
			if (principal.ownerId() != null) auth.setDetails(new ApiTokens.Owner(principal.ownerId()));
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(auth);
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}
	}
}
