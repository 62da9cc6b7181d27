package com.onward.shared;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and money formatted for the viewer's language (PLT-3); templates call it as
 * {@code ${@fmt.date(d)}} and {@code ${@fmt.money(m)}}.
 */
@Component("fmt")
public class Formats {

	public String date(LocalDate date) {
		return date == null ? "—" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
	}

	public String shortDate(LocalDate date) {
		return date == null ? "—" : DateTimeFormatter.ofPattern("d MMM", locale()).format(date);
	}

	public String instant(Instant instant) {
		return instant == null ? "—" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale()).withZone(ZoneId.systemDefault()).format(instant);
	}

	public String money(Money money) {
		if (money == null) return "—";
		NumberFormat format = NumberFormat.getCurrencyInstance(locale());
		format.setCurrency(java.util.Currency.getInstance(money.currency().name()));
		format.setMaximumFractionDigits(0);
		return format.format(money.amount());
	}

	public String number(Number n) {
		return n == null ? "—" : NumberFormat.getNumberInstance(locale()).format(n);
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
