package com.onward.portal;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * PRT-2 in one place: before any portal handler runs, every id in its path must belong to the
 * signed-in contact's account, or the answer is 404 and the handler never runs. A path variable
 * this class does not know is refused too, so a new route cannot skip the check. Handlers then
 * read with {@link #user()}, whose account is the only one they may query.
 */
@Component
class PortalScope implements HandlerInterceptor, WebMvcConfigurer {

	/** Path variable → the query telling whether that id belongs to the account. */
	private static final Map<String, String> OWNED = Map.of(
			"itemId", "select exists (select 1 from onboarding_customer_item_v where id = :id and account_id = :a)",
			"fileId", "select exists (select 1 from portal_file where id = :id and account_id = :a)",
			"commentId", "select exists (select 1 from portal_comment where id = :id and account_id = :a)",
			"surveyId", "select exists (select 1 from survey_request_v where id = :id and account_id = :a)",
			"criterionId", "select exists (select 1 from success_criterion_v where criterion_id = :id and account_id = :a)");

	private final JdbcClient jdbc;

	PortalScope(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/portal", "/portal/**");
	}

	/** The signed-in contact (the filter chain guarantees one on every page but sign-in and links). */
	static PortalUser user() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof PortalUser user) return user;
		throw new IllegalStateException("no portal session");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		@SuppressWarnings("unchecked")
		var variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables == null || variables.isEmpty()) return true;
		var auth = SecurityContextHolder.getContext().getAuthentication();
		PortalUser user = auth != null && auth.getPrincipal() instanceof PortalUser u ? u : null;
		for (var variable : variables.entrySet()) {
			if ("token".equals(variable.getKey())) continue; // a magic link: proves itself
			if (user == null || !owned(variable.getKey(), variable.getValue(), user.accountId())) {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
				return false;
			}
		}
		return true;
	}

	private boolean owned(String variable, String value, UUID accountId) {
		String sql = OWNED.get(variable);
		if (sql == null) return false;
		UUID id;
		try {
			id = UUID.fromString(value);
		}
		catch (IllegalArgumentException e) {
			return false;
		}
		return jdbc.sql(sql).param("id", id).param("a", accountId).query(Boolean.class).single();
	}
}
