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

	private static final Locale INDONESIAN = Locale.of("id");

	private static final Locale MALAY = Locale.of("ms");

	/**
	 * The product language a locale is served in: Indonesian ({@code id}, or Java's old {@code in}), Malay, and
	 * English for anything else. A request may name any locale; what depends on the language keys on this.
	 */
	public static Locale productLocale(Locale locale) {
		return switch (locale == null ? "" : locale.getLanguage()) {
			case "id", "in" -> INDONESIAN;
			case "ms" -> MALAY;
			default -> Locale.ENGLISH;
		};
	}

	public static LocalizedText of(String en) {
		return new LocalizedText(en, null, null);
	}

	public String in(Locale locale) {
		String value = switch (productLocale(locale).getLanguage()) {
			case "id" -> id;
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
