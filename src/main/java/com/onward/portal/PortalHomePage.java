package com.onward.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;

import com.onward.shared.ViewText;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal home as HTML, rendered by its Thymeleaf template once per state of what it shows and
 * kept (bounded by size). The key is everything the page is rendered from (the whole
 * {@link PortalHome.View} read for this request, the signed-in contact, the language and the
 * {@code answered} notice), so any change to the data is a new key at once, never a stale page; the
 * cache only saves rendering the same page again. The one per-request part, the CSRF token of the
 * page's forms, is rendered as a placeholder and the request's own (masked) token put in its place.
 * Pages are kept as UTF-8 bytes cut at the placeholders, so a view costs copying them around the
 * token, not encoding the whole text again.
 */
@Component
class PortalHomePage {

	/** Stands in for the CSRF token while rendering; never a valid token (the real ones are base64url). */
	static final String CSRF_PLACEHOLDER = "portal.csrf.placeholder";

	private record Key(PortalHome.View view, PortalUser user, Locale locale, boolean answered) {
	}

	private final ViewText views;
	/** A rendered page in UTF-8, in the pieces between its CSRF placeholders. */
	private record Rendered(List<byte[]> pieces, int length) {

		static Rendered of(String html) {
			var pieces = new ArrayList<byte[]>();
			int from = 0;
			for (int at; (at = html.indexOf(CSRF_PLACEHOLDER, from)) >= 0; from = at + CSRF_PLACEHOLDER.length()) {
				pieces.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
			}
			pieces.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
			return new Rendered(List.copyOf(pieces), pieces.stream().mapToInt(p -> p.length).sum());
		}

		/** The page with {@code token} in every placeholder's place. */
		byte[] with(String token) {
			byte[] t = token.getBytes(StandardCharsets.UTF_8);
			byte[] page = new byte[length + (pieces.size() - 1) * t.length];
			int at = 0;
			for (int i = 0; i < pieces.size(); i++) {
				if (i > 0) {
					System.arraycopy(t, 0, page, at, t.length);
					at += t.length;
				}
				byte[] piece = pieces.get(i);
				System.arraycopy(piece, 0, page, at, piece.length);
				at += piece.length;
			}
			return page;
		}
	}

	private final Cache<Key, Rendered> pages;

	PortalHomePage(ViewText views, PortalProperties props) {
		this.views = views;
		this.pages = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
			.maximumWeight(props.homePageCacheChars()).weigher((Key k, Rendered v) -> v.length()).build();
	}

	/** The page for this request in UTF-8; {@code model} is what the template is rendered with on a miss. */
	byte[] html(PortalHome.View view, PortalUser user, Map<String, Object> model, HttpServletRequest request,
			HttpServletResponse response) {
		Locale locale = LocaleContextHolder.getLocale();
		var key = new Key(view, user, locale, request.getParameter("answered") != null);
		Rendered page = pages.get(key, k -> Rendered.of(
				views.render("portal/home", model, locale, new PlaceholderCsrf(request), response)));
		var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return page.with(csrf == null ? CSRF_PLACEHOLDER : csrf.getToken());
	}

	/** The request as the template sees it, with the placeholder for the CSRF token. */
	private static final class PlaceholderCsrf extends HttpServletRequestWrapper {

		private final CsrfToken placeholder;

		PlaceholderCsrf(HttpServletRequest request) {
			super(request);
			var real = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			this.placeholder = real == null ? null
					: new DefaultCsrfToken(real.getHeaderName(), real.getParameterName(), CSRF_PLACEHOLDER);
		}

		@Override
		public Object getAttribute(String name) {
			if (placeholder != null
					&& (CsrfToken.class.getName().equals(name) || placeholder.getParameterName().equals(name))) {
				return placeholder;
			}
			return super.getAttribute(name);
		}
	}
}
