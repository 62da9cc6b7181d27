package com.onward.shared;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * For a load balancer without active health checks (nginx open source): while the instance drains
 * ({@link GracefulShutdown#stopping()}), a new GET or HEAD request is answered {@code 503} with
 * {@code Connection: close} before anything runs, so the balancer retries it on another instance
 * ({@code proxy_next_upstream http_503}) and leaves this one alone for its {@code fail_timeout};
 * by the time the web server stops listening the balancer sends it nothing, and a refused
 * connection (nothing sent) is retried for any method. Other methods are still served while
 * draining: a balancer must not resend them once sent. Off unless
 * {@code onward.lifecycle.retry-reads-while-draining} is true; health probes are always answered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DrainingReads extends OncePerRequestFilter {

	private final GracefulShutdown lifecycle;
	private final boolean enabled;

	DrainingReads(GracefulShutdown lifecycle,
			@Value("${onward.lifecycle.retry-reads-while-draining}") boolean enabled) {
		this.lifecycle = lifecycle;
		this.enabled = enabled;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (enabled && lifecycle.stopping() && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
				&& !request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Connection", "close");
			response.setHeader("Retry-After", "1");
			response.setContentLength(0);
			return;
		}
		chain.doFilter(request, response);
	}
}
