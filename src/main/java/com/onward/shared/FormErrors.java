package com.onward.shared;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A staff form that fails on the server keeps what was typed: the posted values and the error (in the
 * user's language, naming its field) go back to the page in the flash attribute {@code restoredForm},
 * and {@code onward.js} puts them back into the form with the message next to the field. Covers the
 * changes run through {@link FormChanges} and, as an exception resolver, a number refused or a rule
 * broken in any other staff form post.
 */
public final class FormErrors {

	/** What went wrong, for which field (null: the form as a whole). */
	public record Problem(String field, String message) {
	}

	static final String ATTRIBUTE = "restoredForm";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FormErrors() {
	}

	/** The error of {@code e} in the current user's language (its message key when it has one). */
	public static Problem describe(RuntimeException e) {
		Locale locale = LocaleContextHolder.getLocale();
		MessageSource messages = messages();
		LocalizedNumbers.Refused refused = NumberInput.refusal(e);
		if (e instanceof MethodArgumentTypeMismatchException m) {
			if (refused != null) return new Problem(m.getName(), text(messages, refused.code(), refused.args(), locale, e.getMessage()));
			return new Problem(m.getName(), text(messages, "typeMismatch", new Object[0], locale, e.getMessage()));
		}
		if (e instanceof BusinessRuleException b) {
			return new Problem(b.field(), b.messageKey() == null ? b.getMessage()
					: text(messages, b.messageKey(), b.args(), locale, b.getMessage()));
		}
		if (e instanceof InvalidInputException i) {
			String field = i.errors().isEmpty() ? null : i.errors().getFirst().field();
			return new Problem(field, i.messageKey() == null ? i.getMessage()
					: text(messages, i.messageKey(), i.args(), locale, i.getMessage()));
		}
		return new Problem(null, e.getMessage());
	}

	/** The posted values of the current request and {@code problem}, as the page's script reads them. */
	static String typed(Problem problem) {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) return null;
		HttpServletRequest request = attrs.getRequest();
		var values = new LinkedHashMap<String, List<String>>();
		request.getParameterMap().forEach((name, v) -> {
			if (!name.equals("_csrf") && !name.equals("lang")) values.put(name, List.of(v));
		});
		var restored = new LinkedHashMap<String, Object>();
		restored.put("action", request.getRequestURI());
		restored.put("values", values);
		restored.put("field", problem.field());
		restored.put("message", problem.message());
		return JSON.writeValueAsString(restored);
	}

	private static MessageSource messages() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			return RequestContextUtils.findWebApplicationContext(attrs.getRequest());
		}
		return null;
	}

	private static String text(MessageSource messages, String key, Object[] args, Locale locale, String fallback) {
		if (messages == null) return fallback;
		Object[] shown = args.clone();
		for (int i = 0; i < shown.length; i++) {
			if (shown[i] instanceof LocalDate d) {
				shown[i] = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
					.withLocale(LocalizedNumbers.numberLocale(locale)).format(d);
			}
		}
		return messages.getMessage(key, shown, fallback, locale);
	}

	/**
	 * Staff form posts (not the API) that fail with a user's mistake go back to the page they came
	 * from, with what was typed and the error, instead of an error page that loses the input.
	 */
	static final class Resolver implements HandlerExceptionResolver, Ordered {

		@Override
		public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
				Exception ex) {
			if (!"POST".equals(request.getMethod()) || request.getHeader("HX-Request") != null) return null;
			if (!(handler instanceof HandlerMethod method) || method.getBeanType().isAnnotationPresent(RestController.class)
					|| method.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseBody.class)) {
				return null;
			}
			if (!(ex instanceof MethodArgumentTypeMismatchException || ex instanceof BusinessRuleException
					|| ex instanceof InvalidInputException)) {
				return null;
			}
			String back = sameSitePath(request);
			if (back == null) return null;
			FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
			String typed = typed(describe((RuntimeException) ex));
			if (typed != null) flash.put(ATTRIBUTE, typed);
			return new ModelAndView("redirect:" + back);
		}

		/** The page the form was on, when it is one of ours. */
		private static String sameSitePath(HttpServletRequest request) {
			String referer = request.getHeader("Referer");
			if (referer == null) return null;
			try {
				var uri = java.net.URI.create(referer);
				if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) return null;
				String path = uri.getRawPath();
				if (path == null || !path.startsWith("/") || path.startsWith("//")) return null;
				return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
			}
			catch (IllegalArgumentException e) {
				return null;
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}
	}
}
