package com.onward.shared;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers and money as people type them in their language: {@code 450.000.000} and {@code 48,5} in
 * Bahasa Indonesia, {@code 450,000,000} and {@code 48.5} in English and Malay (the separators are the
 * locale's own). Input that could be read two ways ({@code 1.500} in English: one and a half, or
 * fifteen hundred as written in Indonesia?) and input written with the other language's separators is
 * refused with a {@link Refused} that names a message key and the readings, never silently misread.
 * Every numeric form field of the staff UI is parsed here (registered as the web binder's formatter).
 */
public final class LocalizedNumbers {

	/** Input refused: {@code code} is a message key of {@code i18n/forms}, {@code args} its arguments. */
	public static final class Refused extends IllegalArgumentException {

		private final String code;
		private final transient Object[] args;

		Refused(String code, Object... args) {
			super(code);
			this.code = code;
			this.args = args;
		}

		public String code() {
			return code;
		}

		public Object[] args() {
			return args.clone();
		}
	}

	private static final Pattern CURRENCY_PREFIX = Pattern.compile("^(?i)(rp|rm|us\\$|s\\$|\\$|€|usd|idr|myr|sgd|eur)\\s*");
	private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u202f]");

	private LocalizedNumbers() {
	}

	/** The locale whose separators a person of {@code language} writes (id-ID, ms-MY, en-US). */
	public static Locale numberLocale(Locale language) {
		return switch (language == null ? "en" : language.getLanguage()) {
			case "id", "in" -> Locale.forLanguageTag("id-ID");
			case "ms" -> Locale.forLanguageTag("ms-MY");
			default -> Locale.forLanguageTag("en-US");
		};
	}

	/** Reads {@code text} as a person of {@code language} writes numbers; null for blank input. */
	public static BigDecimal parse(String text, Locale language) {
		if (text == null || text.isBlank()) return null;
		Locale locale = numberLocale(language);
		DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
		char dec = symbols.getDecimalSeparator();
		char grp = symbols.getGroupingSeparator();
		String original = text.strip();
		String s = CURRENCY_PREFIX.matcher(original).replaceFirst("");
		boolean negative = false;
		if (s.startsWith("-") || s.startsWith("−") || s.startsWith("+")) {
			negative = s.charAt(0) != '+';
			s = s.substring(1).strip();
		}
		// Spaces between digit groups (1 500 000) are a grouping every language reads the same way.
		boolean spaced = SPACES.matcher(s).find();
		if (spaced) {
			if (!s.matches("\\d{1,3}([\\s\\u00a0\\u202f]\\d{3})*([.,]\\d+)?")) throw new Refused("number.refused.notANumber", original);
			s = SPACES.matcher(s).replaceAll("");
			if (s.indexOf(grp) >= 0) throw new Refused("number.refused.otherSeparators", original, example(locale));
		}
		if (s.isEmpty() || !s.matches("[0-9.,]+") || !Character.isDigit(s.charAt(s.length() - 1))) {
			throw new Refused("number.refused.notANumber", original);
		}
		int firstDec = s.indexOf(dec);
		if (firstDec >= 0 && s.indexOf(dec, firstDec + 1) >= 0) {
			// 450.000.000 in English or 1,5,0 in Indonesian: the decimal mark twice.
			throw new Refused("number.refused.otherSeparators", original, example(locale));
		}
		String integerPart = firstDec >= 0 ? s.substring(0, firstDec) : s;
		String fraction = firstDec >= 0 ? s.substring(firstDec + 1) : "";
		if (fraction.indexOf(grp) >= 0) throw new Refused("number.refused.otherSeparators", original, example(locale));
		if (integerPart.indexOf(grp) >= 0) {
			String[] groups = integerPart.split(Pattern.quote(String.valueOf(grp)), -1);
			boolean valid = groups[0].length() >= 1 && groups[0].length() <= 3;
			for (int i = 1; i < groups.length; i++) valid &= groups[i].length() == 3;
			if (!valid) throw new Refused("number.refused.otherSeparators", original, example(locale));
			integerPart = String.join("", groups);
		}
		else if (firstDec >= 0 && fraction.length() == 3 && integerPart.length() >= 1 && integerPart.length() <= 3
				&& integerPart.charAt(0) != '0' && !spaced) {
			// 1.500 in English is one and a half to some and fifteen hundred to others: ask.
			BigDecimal asGroup = new BigDecimal(integerPart + fraction);
			BigDecimal asDecimal = new BigDecimal(integerPart + "." + fraction);
			throw new Refused("number.refused.ambiguous", original, format(asGroup, language), format(asDecimal, language));
		}
		String canonical = (integerPart.isEmpty() ? "0" : integerPart) + (fraction.isEmpty() ? "" : "." + fraction);
		BigDecimal value = new BigDecimal(canonical);
		return negative ? value.negate() : value;
	}

	/** As {@link #parse}, and the value must be a whole number. */
	public static Long parseWhole(String text, Locale language) {
		BigDecimal value = parse(text, language);
		if (value == null) return null;
		if (value.stripTrailingZeros().scale() > 0) throw new Refused("number.refused.whole", text.strip());
		try {
			return value.longValueExact();
		}
		catch (ArithmeticException e) {
			throw new Refused("number.refused.tooLarge", text.strip());
		}
	}

	/** {@code value} as a person of {@code language} writes it, with digit grouping and no trailing zeros. */
	public static String format(Number value, Locale language) {
		if (value == null) return "";
		NumberFormat f = NumberFormat.getNumberInstance(numberLocale(language));
		f.setMaximumFractionDigits(10);
		if (f instanceof DecimalFormat d) d.setParseBigDecimal(true);
		return f.format(value instanceof BigDecimal b ? b.stripTrailingZeros() : value);
	}

	/** As {@link #format}, without digit grouping: for values people edit in a small field. */
	public static String formatPlain(Number value, Locale language) {
		if (value == null) return "";
		NumberFormat f = NumberFormat.getNumberInstance(numberLocale(language));
		f.setMaximumFractionDigits(10);
		f.setGroupingUsed(false);
		return f.format(value instanceof BigDecimal b ? b.stripTrailingZeros() : value);
	}

	/** How this language writes four and a half million and a half, for messages. */
	static String example(Locale locale) {
		NumberFormat f = NumberFormat.getNumberInstance(locale);
		f.setMaximumFractionDigits(2);
		return f.format(4_500_000.5);
	}
}
