package com.onward.shared;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import jakarta.validation.Validator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.util.ClassUtil;

/**
 * Every bad field of a JSON request body at once: while an API request body is read, a value of the
 * wrong type (a bad date, text for a number, an unknown enum constant, an object for a string) is
 * noted with its path and read as empty instead of ending the read. After the read, Bean Validation
 * runs over the rest of the body, and the request is refused with one {@code errors} entry per bad
 * field ({@link InvalidInputException}, a 400 problem detail). Outside a request body (stored JSON,
 * outgoing calls) the parser behaves as before.
 */
@ControllerAdvice(annotations = RestController.class)
class RequestBodyFieldErrors extends RequestBodyAdviceAdapter {

	private static final String COLLECTED = RequestBodyFieldErrors.class.getName() + ".collected";

	private final Validator validator;

	RequestBodyFieldErrors(Validator validator) {
		this.validator = validator;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) attributes.setAttribute(COLLECTED, new LinkedHashMap<String, String>(),
				RequestAttributes.SCOPE_REQUEST);
		return input;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		Map<String, String> collected = take();
		if (collected.isEmpty()) return body;
		var errors = new ArrayList<InvalidInputException.FieldError>();
		collected.forEach((field, message) -> errors.add(new InvalidInputException.FieldError(field, message)));
		// The rest of the body is judged too, so one answer names every bad field (a field that could
		// not be read is reported as such, not also as missing).
		for (var violation : validator.validate(body)) {
			String field = violation.getPropertyPath().toString();
			if (!collected.containsKey(field)) errors.add(new InvalidInputException.FieldError(field, violation.getMessage()));
		}
		throw new InvalidInputException(errors);
	}

	@Override
	public Object handleEmptyBody(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		take();
		return body;
	}

	/** The bad fields noted while this request's body was read (and stops noting). */
	@SuppressWarnings("unchecked")
	static Map<String, String> take() {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) return Map.of();
		var collected = (Map<String, String>) attributes.getAttribute(COLLECTED, RequestAttributes.SCOPE_REQUEST);
		attributes.removeAttribute(COLLECTED, RequestAttributes.SCOPE_REQUEST);
		return collected == null ? Map.of() : collected;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> collecting() {
		var attributes = RequestContextHolder.getRequestAttributes();
		return attributes == null ? null
				: (Map<String, String>) attributes.getAttribute(COLLECTED, RequestAttributes.SCOPE_REQUEST);
	}

	/** Registered with the application's JSON mapper; active only while a request body is read. */
	static class Collector extends DeserializationProblemHandler {

		@Override
		public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
				String failureMsg) {
			return note(context.getParser(), targetType, false);
		}

		@Override
		public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
				String failureMsg) {
			return note(context.getParser(), targetType, false);
		}

		@Override
		public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
				JsonParser parser, String failureMsg) {
			if (token == null || token == JsonToken.NOT_AVAILABLE || token == JsonToken.PROPERTY_NAME
					|| token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
				return NOT_HANDLED;
			}
			boolean structured = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
			Object placeholder = note(parser, targetType.getRawClass(), structured);
			if (placeholder != NOT_HANDLED && structured) parser.skipChildren();
			return placeholder;
		}

		private static Object note(JsonParser parser, Class<?> targetType, boolean structured) {
			Map<String, String> collected = collecting();
			if (collected == null || parser == null) return NOT_HANDLED;
			TokenStreamContext context = parser.streamReadContext();
			if (structured && context != null) context = context.getParent();
			collected.putIfAbsent(path(context), "must be " + ApiProblems.expected(targetType));
			return targetType.isPrimitive() ? ClassUtil.defaultValue(targetType) : null;
		}

		/** {@code account.contacts[0].email}, as Bean Validation names it. */
		static String path(TokenStreamContext context) {
			List<String> parts = new ArrayList<>();
			for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
				if (c.inArray()) parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
				else if (c.currentName() != null) parts.addFirst(c.currentName());
			}
			var sb = new StringBuilder();
			for (String part : parts) {
				if (!sb.isEmpty() && !part.startsWith("[")) sb.append('.');
				sb.append(part);
			}
			return sb.isEmpty() ? "body" : sb.toString();
		}
	}
}
