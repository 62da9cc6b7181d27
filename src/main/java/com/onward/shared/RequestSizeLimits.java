package com.onward.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A size limit on every request body (multipart uploads have their own): {@code body} by default,
 * {@code large-body} on the paths that take batches and imports. A declared Content-Length above the
 * limit is answered at once with 413; a body without one is cut off when it passes the limit, and
 * the API answers 413 as well. Runs before sign-in, so nobody can make the server buffer a huge body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimits extends OncePerRequestFilter {

	@ConfigurationProperties("onward.limits")
	public record LimitProperties(DataSize body, DataSize largeBody, List<String> largePaths) {
		public LimitProperties {
			if (body == null) body = DataSize.ofMegabytes(1);
			if (largeBody == null) largeBody = DataSize.ofMegabytes(25);
			if (largePaths == null) largePaths = List.of("/api/v1/events", "/api/v1/imports/**");
		}
	}

	/** The body went past the limit while it was read. */
	public static final class TooLarge extends IOException {
		private final long limit;

		TooLarge(long limit) {
			super("The request body is larger than " + limit + " bytes");
			this.limit = limit;
		}

		public long limit() {
			return limit;
		}
	}

	private final LimitProperties props;
	private final AntPathMatcher paths = new AntPathMatcher();

	RequestSizeLimits(LimitProperties props) {
		this.props = props;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase().startsWith("multipart/")) {
			chain.doFilter(request, response); // spring.servlet.multipart limits apply
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		long limit = props.largePaths().stream().anyMatch(p -> paths.match(p, path)) ? props.largeBody().toBytes()
				: props.body().toBytes();
		if (request.getContentLengthLong() > limit) {
			tooLarge(response, limit);
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	/** The 413 problem detail, written without a controller. */
	public static void tooLarge(HttpServletResponse response, long limit) throws IOException {
		response.setStatus(413);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":413,"
				+ "\"detail\":\"The request body may have at most " + limit + " bytes\"}");
	}

	private static final class Limited extends HttpServletRequestWrapper {
		private final long limit;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) stream = new Counting(super.getInputStream(), limit);
			return stream;
		}

		@Override
		public java.io.BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
		}
	}

	private static final class Counting extends ServletInputStream {
		private final ServletInputStream in;
		private final long limit;
		private long read;

		Counting(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		private void count(long n) throws TooLarge {
			if (n > 0 && (read += n) > limit) throw new TooLarge(limit);
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) count(1);
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = in.read(b, off, len);
			count(n);
			return n;
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
