package com.onward.shared;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and money formatted for the viewer's language (PLT-3); templates call it as
 * {@code ${@fmt.date(d)}} and {@code ${@fmt.money(m)}}.
 */
@Component("fmt")
public class Formats {

	// Formatters are built once per locale: a page formats hundreds of values.
	private record Formatters(DateTimeFormatter date, DateTimeFormatter shortDate, DateTimeFormatter instant) {
	}

	private final Map<Locale, Formatters> formatters = new ConcurrentHashMap<>();
	private final java.time.Clock clock;

	Formats(java.time.Clock clock) {
		this.clock = clock;
	}
	private final Map<String, NumberFormat> moneyFormats = new ConcurrentHashMap<>();
	private final Map<Locale, NumberFormat> numberFormats = new ConcurrentHashMap<>();

	private Formatters formatters() {
		return formatters.computeIfAbsent(locale(), l -> new Formatters(
				DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l),
				DateTimeFormatter.ofPattern("d MMM", l),
				DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(l).withZone(clock.getZone())));
	}

	public String date(LocalDate date) {
		return date == null ? "—" : formatters().date().format(date);
	}

	public String shortDate(LocalDate date) {
		return date == null ? "—" : formatters().shortDate().format(date);
	}

	public String instant(Instant instant) {
		return instant == null ? "—" : formatters().instant().format(instant);
	}

	public String money(Money money) {
		if (money == null) return "—";
		Locale locale = locale();
		// NumberFormat is not thread-safe: each call clones a prototype built once per locale and currency.
		NumberFormat prototype = moneyFormats.computeIfAbsent(locale + "/" + money.currency(), k -> {
			NumberFormat f = NumberFormat.getCurrencyInstance(locale);
			f.setCurrency(java.util.Currency.getInstance(money.currency().name()));
			f.setMaximumFractionDigits(0);
			return f;
		});
		return ((NumberFormat) prototype.clone()).format(money.amount());
	}

	public String number(Number n) {
		if (n == null) return "—";
		// A page formats dozens of numbers: clone a prototype per locale instead of building a format each time.
		NumberFormat prototype = numberFormats.computeIfAbsent(locale(), NumberFormat::getNumberInstance);
		return ((NumberFormat) prototype.clone()).format(n);
	}

	/** A number as the viewer types it, for an input's value (no grouping): {@code 48,5} in Indonesian. */
	public String input(Object n) {
		if (n == null) return "";
		if (n instanceof Number number) return LocalizedNumbers.formatPlain(number, LocaleContextHolder.getLocale());
		String text = n.toString().strip();
		try {
			return LocalizedNumbers.formatPlain(new java.math.BigDecimal(text), LocaleContextHolder.getLocale());
		}
		catch (NumberFormatException e) {
			return text;
		}
	}

	private static Locale locale() {
		Locale l = LocaleContextHolder.getLocale();
		// Currency and date formats need a country for id/ms to look local.
		return switch (l.getLanguage()) {
			case "id", "in" -> Locale.forLanguageTag("id-ID");
			case "ms" -> Locale.forLanguageTag("ms-MY");
			default -> Locale.forLanguageTag("en-US");
		};
	}
}
