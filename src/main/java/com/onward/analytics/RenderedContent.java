package com.onward.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.onward.shared.ViewText;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	private final ViewText views;
	private final boolean enabled;
	private final Cache<Object, Rendered> rendered;

	RenderedContent(ViewText views, AnalyticsProperties props) {
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
			HttpServletRequest request, HttpServletResponse response) {
		Rendered held = enabled ? rendered.getIfPresent(key) : null;
		if (held != null && same(held.answers(), answers)) return held.html();
		String html = views.render(template, model.get(), locale, request, response);
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
}
