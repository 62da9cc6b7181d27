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
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
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

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ObjectMapper json,
			@Value("${onward.bootstrap.admin-token:}") String bootstrapToken) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(tokens, json, bootstrapToken), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers("/api/v1/admin/**", "/api/v1/health/recompute", "/api/v1/messages/delivery",
						"/api/v1/automation/sweeps", "/api/v1/webhooks", "/api/v1/webhooks/**", "/api/v1/privacy/**").hasRole("ADMIN");
				// Personal data of a whole account leaves or goes only by a manager's hand.
				auth.requestMatchers("/api/v1/accounts/*/export", "/api/v1/accounts/*/deletion").hasAnyRole(MANAGERS);
				// Products post usage with an ingestion-scoped token; that token reaches nothing else.
				auth.requestMatchers(HttpMethod.POST, "/api/v1/events").hasAnyAuthority(TokenScope.INGEST_AUTHORITY,
						StaffRole.ADMIN.authority());
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
	SecurityFilterChain ui(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(auth -> {
			auth.requestMatchers("/login", "/unsubscribe", "/survey/**", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
					"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
					"/swagger-ui.html").permitAll();
			auth.requestMatchers("/admin/**").hasRole("ADMIN");
			roleRules(auth, "");
			auth.requestMatchers(HttpMethod.GET, "/**").authenticated();
			auth.anyRequest().hasAnyRole(EDITORS);
		})
			.csrf(csrf -> csrf.csrfTokenRequestHandler(xorCsrfTokens()))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.httpBasic(b -> b.disable());
		return http.build();
	}

	/**
	 * The default BREACH-safe (XOR-masked) CSRF tokens, but masked with a DRBG: the default
	 * SecureRandom reads /dev/urandom under a lock, which showed up as 13 % of a page's time.
	 */
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

	/** Changes only managers may make, in the API ({@code /api/v1}) and the UI (no prefix). */
	private static void roleRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
			String prefix) {
		for (String path : List.of("/accounts/*/segment-override", "/features", "/features/*", "/content", "/playbooks", "/playbooks/**", "/team/members",
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
			if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				chain.doFilter(request, response);
				return;
			}
			String token = header.substring(7).trim();
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
