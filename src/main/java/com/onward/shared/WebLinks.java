package com.onward.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Links people store (evidence, content, checklist and handoff documents) are rendered as links
 * to other staff, so only absolute {@code http}/{@code https} URLs with a host are accepted —
 * never {@code javascript:}, {@code data:} or anything else a browser would run.
 */
public final class WebLinks {

	public static final int MAX_LENGTH = 2000;
	public static final String MESSAGE = "must be an http:// or https:// link";

	private WebLinks() {
	}

	public static boolean isWebLink(String value) {
		if (value == null) return false;
		String link = value.strip();
		if (link.isEmpty() || link.length() > MAX_LENGTH) return false;
		for (int i = 0; i < link.length(); i++) {
			char c = link.charAt(i);
			if (c <= 0x20 || c == 0x7f || c == '\\') return false;
		}
		try {
			URI uri = new URI(link);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	/** The link stripped, null when blank, or a 400 naming {@code field} when it is not a web link. */
	public static String require(String field, String value) {
		if (value == null || value.isBlank()) return null;
		if (!isWebLink(value)) throw InvalidInputException.of(field, MESSAGE);
		return value.strip();
	}

	/** Bean Validation of a request field: blank or null passes (combine with {@code @NotBlank}). */
	@Documented
	@Constraint(validatedBy = Check.class)
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
			ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	public @interface WebLink {
		String message() default MESSAGE;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};
	}

	public static final class Check implements ConstraintValidator<WebLink, String> {
		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || value.isBlank() || isWebLink(value);
		}
	}
}
