package com.onward.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * While the database cannot be reached, every request (API, pages, sign-in) answers at once with
 * 503 and a problem detail, and {@code Retry-After}: a request waits at most the pool's connection
 * timeout for a connection, and is never turned into a 500 or a hang. Runs before security, as
 * the token and user checks read the database too.
 */
@org.springframework.stereotype.Component
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ObjectMapper json;
	private final MessageSource messages;

	DatabaseUnavailableFilter(ObjectMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Bean
	static FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilterRegistration(
			DatabaseUnavailableFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException e) {
			if (!databaseUnavailable(e) || response.isCommitted()) {
				throw e;
			}
			log.warn("{} {}: database unavailable ({}), answered 503", request.getMethod(), request.getRequestURI(),
					rootMessage(e));
			response.resetBuffer();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader("Retry-After", "10");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			var locale = request.getLocale();
			ProblemDetail problem = ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE,
					messages.getMessage("problem.databaseUnavailable.title", null, "Service unavailable", locale),
					messages.getMessage("problem.databaseUnavailable.detail", null, "The database cannot be reached", locale),
					List.of());
			var body = new LinkedHashMap<String, Object>();
			body.put("type", problem.getType().toString());
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			json.writeValue(response.getWriter(), body);
		}
	}

	/** A connection could not be had or was lost: the pool timed out, or PostgreSQL's connection class 08. */
	static boolean databaseUnavailable(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
					|| t instanceof SQLTransientConnectionException) {
				return true;
			}
			// The database went away inside a transaction: its rollback (or commit) failed on the closed
			// connection, and the error that started the rollback is kept aside.
			if (t instanceof org.springframework.transaction.TransactionSystemException tx) {
				if (tx.getApplicationException() != null && databaseUnavailable(tx.getApplicationException())) return true;
				if (tx.getCause() instanceof SQLException) return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
					|| sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P03"))) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.toString();
	}
}
