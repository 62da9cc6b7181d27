package com.onward.shared;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Texts stored as a message key with arguments (inbox notices, tasks, staff emails, flag evidence),
 * written out for the reader when they are read, not when they were made: the same notice reads in
 * Indonesian for one user and in English for another. Templates call {@code ${@phrases.message(key, args)}}.
 * <p>
 * An argument is shown as the reader expects it in a sentence:
 * <ul>
 * <li>{@code {"key": "flag.HANDOFF_OVERDUE.title"}}: that message in the reader's language (how a code is
 * stored when its kind is known, e.g. a red flag or a contact role);</li>
 * <li>{@code {"en": …, "id": …, "ms": …}}: a name kept in the product's languages (a plan item), the reader's;</li>
 * <li>an ISO date ({@code 2026-11-13}): written the way the reader's language writes dates;</li>
 * <li>a bare code ({@code PROJECT_LEAD}, {@code HUMAN_FOLLOW_UP}): by its name in the reader's language, looked
 * up where codes are named (texts stored before their kind was recorded);</li>
 * <li>anything else as it is.</li>
 * </ul>
 */
@Component("phrases")
public class Phrases {

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{3,}");

	/** Where the codes an argument may hold are named for people, the likeliest first. */
	private static final List<String> CODE_NAMES = List.of("contactRole.%s", "role.%s", "ownerRole.%s", "rule.%s.name",
			"engagement.%s", "sentiment.%s", "band.%s", "flag.%s.title");

	private final MessageSource messages;

	Phrases(MessageSource messages) {
		this.messages = messages;
	}

	/** The message in the current request's language. */
	public String message(String key, List<?> args) {
		return message(key, args, LocaleContextHolder.getLocale());
	}

	/** The message in {@code locale}; the key itself when the bundles do not know it. */
	public String message(String key, List<?> args, Locale locale) {
		return messages.getMessage(key, spelledOut(args == null ? new Object[0] : args.toArray(), locale), key, locale);
	}

	/** The arguments as the reader expects them in a sentence (see the class comment). */
	public Object[] spelledOut(Object[] args, Locale locale) {
		Object[] out = args.clone();
		for (int i = 0; i < out.length; i++) {
			out[i] = spelledOut(out[i], locale);
		}
		return out;
	}

	private Object spelledOut(Object arg, Locale locale) {
		if (arg instanceof Map<?, ?> map) {
			if (map.get("key") instanceof String key) {
				return messages.getMessage(key, null, key, locale);
			}
			if (map.get("en") instanceof String en) {
				Object own = map.get(locale.getLanguage());
				return own instanceof String s && !s.isBlank() ? s : en;
			}
			return arg;
		}
		if (arg instanceof LocalDate date) {
			return date(date, locale);
		}
		if (!(arg instanceof String s)) {
			return arg;
		}
		if (ISO_DATE.matcher(s).matches()) {
			try {
				return date(LocalDate.parse(s), locale);
			}
			catch (DateTimeParseException notADate) {
				return s;
			}
		}
		if (CODE.matcher(s).matches()) {
			for (String pattern : CODE_NAMES) {
				String name = messages.getMessage(pattern.formatted(s), null, null, locale);
				if (name != null) {
					return name;
				}
			}
		}
		return s;
	}

	/** A date as the reader's language writes it in a sentence ({@code 13 Nov 2026}, {@code 13 Nov 2026} in id). */
	public static String date(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocalizedNumbers.numberLocale(locale))
			.format(date);
	}
}
