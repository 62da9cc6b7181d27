package com.onward.analytics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A page's content rendered to HTML once per set of held answers and reused while they are held. The
 * answers come from memory ({@link AnalyticsCache}), but turning them into tables, links and chart
 * options costs more CPU than reading them, and twenty people opening the page at once queue behind
 * that work. A rendering is reused only when every answer the page would show now is the very object
 * it was rendered from: it is retired with them (a change to one of their inputs, their maximum age,
 * the day rolling over), so the page never shows a figure the API would not. The content must not depend
 * on who asks (no user, no CSRF token): the layout around it is rendered for every request.
 */
@Component
class RenderedContent {

	private record Rendered(List<Object> answers, String html) {
	}

	private final ThymeleafViewResolver views;
	private final boolean enabled;
	private final Cache<Object, Rendered> rendered;

	RenderedContent(ThymeleafViewResolver views, AnalyticsProperties props) {
		this.views = views;
		this.enabled = !props.cache().maxAge().isZero();
		this.rendered = Caffeine.newBuilder().maximumSize(props.cache().maxEntries())
			.expireAfterWrite(enabled ? props.cache().maxAge() : java.time.Duration.ofSeconds(1)).build();
	}

	/**
	 * The HTML of {@code template} for {@code key} (which names everything the content depends on besides
	 * the answers: the locale, the filters), rendered with {@code model} unless a rendering from exactly
	 * these {@code answers} is held.
	 */
	String html(Object key, List<Object> answers, String template, Supplier<Map<String, Object>> model, Locale locale,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Rendered held = enabled ? rendered.getIfPresent(key) : null;
		if (held != null && same(held.answers(), answers)) return held.html();
		String html = render(template, model.get(), locale, request, response);
		if (enabled) rendered.put(key, new Rendered(answers, html));
		return html;
	}

	/** The same objects, not equal ones: an answer computed afresh means the rendering is retired. */
	private static boolean same(List<Object> held, List<Object> now) {
		if (held.size() != now.size()) return false;
		for (int i = 0; i < held.size(); i++) {
			if (held.get(i) != now.get(i)) return false;
		}
		return true;
	}

	/** Renders through the application's Thymeleaf view (messages, beans, links as on any page) into a string. */
	private String render(String template, Map<String, Object> model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		View view = views.resolveViewName(template, locale);
		var html = new StringWriter(32 * 1024);
		var out = new PrintWriter(html);
		view.render(model, request, new HttpServletResponseWrapper(response) {
			@Override
			public PrintWriter getWriter() {
				return out;
			}

			@Override
			public ServletOutputStream getOutputStream() {
				throw new IllegalStateException("content is rendered as text");
			}

			// The headers are the page's business: the content is only a part of it.
			@Override
			public void setContentType(String type) {
			}

			@Override
			public void setCharacterEncoding(String encoding) {
			}

			@Override
			public void setLocale(Locale locale) {
			}
		});
		out.flush();
		return html.toString();
	}
}
