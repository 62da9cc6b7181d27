package com.onward.shared;

/** Small text rules every form and API shares. */
public final class Texts {

	private Texts() {
	}

	/** Optional text as stored: stripped, and null when nothing is left. */
	public static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	/** {@code text} as a literal inside a LIKE pattern with {@code escape '\\'}: %, _ and \\ match themselves. */
	public static String likeLiteral(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
