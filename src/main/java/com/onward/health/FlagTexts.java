package com.onward.health;

/**
 * Where a red flag's texts live in the message bundles: {@code flag.<code>.title} and
 * {@code .evidence}; the five early warnings (EARLY_WARNING_WEEK_n) share one pair.
 */
public final class FlagTexts {

	private static final String EARLY_WARNING = "EARLY_WARNING_WEEK_";

	private FlagTexts() {
	}

	static String key(String code) {
		return "flag." + (code.startsWith(EARLY_WARNING) ? "EARLY_WARNING" : code);
	}

	public static String titleKey(String code) {
		return key(code) + ".title";
	}

	static String evidenceKey(String code) {
		return key(code) + ".evidence";
	}

	static boolean earlyWarning(String code) {
		return code.startsWith(EARLY_WARNING);
	}
}
