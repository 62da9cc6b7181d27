package com.onward.shared;

import java.util.Locale;

/**
 * A user-facing text in the product's languages (en, id, ms). Missing translations fall
 * back to English so a half-translated custom playbook still reads.
 */
public record LocalizedText(String en, String id, String ms) {

	/** The product's languages, as account and message language codes. */
	public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "id", "ms");

	public LocalizedText {
		if (en == null || en.isBlank()) {
			throw new IllegalArgumentException("English text is required");
		}
	}

	public static LocalizedText of(String en) {
		return new LocalizedText(en, null, null);
	}

	public String in(Locale locale) {
		String value = switch (locale == null ? "en" : locale.getLanguage()) {
			case "id", "in" -> id;
			case "ms" -> ms;
			default -> en;
		};
		return value == null || value.isBlank() ? en : value;
	}

	@Override
	public String toString() {
		return en;
	}
}
