package com.onward.usage;

import java.util.regex.Pattern;

/**
 * What a feature key may look like. A key is shown to staff and, once a person marks it core, named in emails to
 * customers, so anything that looks like markup, SQL or a control sequence is refused at ingestion instead of
 * being stored: letters and digits of any script, spaces and {@code . _ - : / + & ( )} only, starting with a letter
 * or digit, at most 200 characters.
 */
public final class FeatureKeys {

	static final int MAX = EventBatch.MAX_TEXT;
	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M} ._:/+&()-]*");

	private FeatureKeys() {
	}

	/** Why {@code key} is refused (the API's English message), or null when it is a fine feature key. */
	public static String problem(String key) {
		if (key == null || key.isBlank()) {
			return "must not be blank";
		}
		if (key.length() > MAX) {
			return "must be at most " + MAX + " characters";
		}
		if (key.chars().anyMatch(Character::isISOControl)) {
			return "must not contain control characters";
		}
		if (!ALLOWED.matcher(key).matches()) {
			return "is not a feature key: use letters, digits, spaces and . _ - : / + & ( ) only, starting with a letter "
					+ "or digit (no markup, quotes, semicolons or SQL)";
		}
		if (key.contains("--") || key.contains("/*")) {
			return "is not a feature key: no comment sequences (-- or /*)";
		}
		return null;
	}
}
