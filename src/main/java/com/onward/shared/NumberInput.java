package com.onward.shared;

import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.beans.PropertyAccessException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.onward.shared.LocalizedNumbers.Refused;

/**
 * Wires {@link LocalizedNumbers} into the web layer: every {@code Integer}, {@code Long},
 * {@code Double} and {@code BigDecimal} bound from a staff form is read in the viewer's language and
 * shown back in it ({@code th:field}); a refused number becomes a field error with a translated
 * message, the typed text kept. The JSON/API side ({@code /api/**}) keeps the canonical
 * {@code 1234.5} notation. {@code GET /numbers/read} tells the page how a typed value will be read.
 */
final class NumberInput {

	private NumberInput() {
	}

	static void register(FormatterRegistry registry) {
		registry.addFormatterForFieldType(BigDecimal.class, new Localized<>(v -> v, false));
		registry.addFormatterForFieldType(Double.class, new Localized<>(BigDecimal::doubleValue, false));
		registry.addFormatterForFieldType(Integer.class, new Localized<>(v -> {
			if (v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
				throw new Refused("number.refused.tooLarge", v.toPlainString());
			}
			return v.intValue();
		}, true));
		registry.addFormatterForFieldType(Long.class, new Localized<>(BigDecimal::longValue, true));
	}

	private static boolean apiRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
				&& attrs.getRequest().getRequestURI().startsWith(attrs.getRequest().getContextPath() + "/api/");
	}

	private record Localized<T extends Number>(Function<BigDecimal, T> convert, boolean whole) implements Formatter<T> {

		@Override
		public T parse(String text, Locale locale) throws ParseException {
			if (apiRequest()) {
				try {
					BigDecimal canonical = new BigDecimal(text.strip());
					if (whole && canonical.stripTrailingZeros().scale() > 0) throw new ParseException(text, 0);
					return convert.apply(canonical);
				}
				catch (NumberFormatException e) {
					throw new ParseException(text, 0);
				}
			}
			if (whole) {
				Long value = LocalizedNumbers.parseWhole(text, locale);
				return value == null ? null : convert.apply(BigDecimal.valueOf(value));
			}
			BigDecimal value = LocalizedNumbers.parse(text, locale);
			return value == null ? null : convert.apply(value);
		}

		@Override
		public String print(T value, Locale locale) {
			return apiRequest() ? String.valueOf(value) : LocalizedNumbers.formatPlain(value, locale);
		}
	}

	/** Refused numbers in a form object become field errors with the refusal's message key. */
	@ControllerAdvice
	static class Binding {

		@InitBinder
		void numbers(WebDataBinder binder) {
			// Editors rather than only converters: a failed conversion would otherwise fall back to
			// the JDK's own reading (1.500 → 1.5), exactly the silent misreading this prevents.
			binder.registerCustomEditor(BigDecimal.class, new Editor(v -> v, false, false));
			binder.registerCustomEditor(Double.class, new Editor(BigDecimal::doubleValue, false, false));
			binder.registerCustomEditor(double.class, new Editor(BigDecimal::doubleValue, false, true));
			binder.registerCustomEditor(Integer.class, new Editor(NumberInput::toInt, true, false));
			binder.registerCustomEditor(int.class, new Editor(NumberInput::toInt, true, true));
			binder.registerCustomEditor(Long.class, new Editor(BigDecimal::longValueExact, true, false));
			binder.registerCustomEditor(long.class, new Editor(BigDecimal::longValueExact, true, true));
			binder.setBindingErrorProcessor(new DefaultBindingErrorProcessor() {
				@Override
				public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
					Refused refused = refusal(ex);
					if (refused == null) {
						super.processPropertyAccessException(ex, result);
						return;
					}
					String field = ex.getPropertyName();
					result.addError(new FieldError(result.getObjectName(), field, ex.getValue(), true,
							new String[] { refused.code() }, refused.args(), refused.code()));
				}
			});
		}
	}

	static Integer toInt(BigDecimal v) {
		if (v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
			throw new Refused("number.refused.tooLarge", v.toPlainString());
		}
		return v.intValue();
	}

	/** A number property read and written in the viewer's language (canonical under {@code /api}). */
	static final class Editor extends java.beans.PropertyEditorSupport {

		private final Function<BigDecimal, ? extends Number> convert;
		private final boolean whole;
		private final boolean primitive;

		Editor(Function<BigDecimal, ? extends Number> convert, boolean whole, boolean primitive) {
			this.convert = convert;
			this.whole = whole;
			this.primitive = primitive;
		}

		@Override
		public void setAsText(String text) {
			Locale locale = LocaleContextHolder.getLocale();
			BigDecimal value;
			if (text == null || text.isBlank()) {
				if (primitive) throw new IllegalArgumentException("a number is required");
				setValue(null);
				return;
			}
			if (apiRequest()) {
				value = new BigDecimal(text.strip()); // NumberFormatException is an IllegalArgumentException
				if (whole && value.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("not whole: " + text);
			}
			else {
				value = whole ? BigDecimal.valueOf(LocalizedNumbers.parseWhole(text, locale)) : LocalizedNumbers.parse(text, locale);
			}
			setValue(convert.apply(value));
		}

		@Override
		public String getAsText() {
			Object value = getValue();
			if (!(value instanceof Number n)) return "";
			return apiRequest() ? String.valueOf(n) : LocalizedNumbers.formatPlain(n, LocaleContextHolder.getLocale());
		}
	}

	/** The refusal behind a failed conversion, if that is why it failed. */
	static Refused refusal(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof Refused r) return r;
		}
		return null;
	}

	/** How a typed number will be read, for the hint under the field. */
	@RestController
	static class Reader {

		private final MessageSource messages;

		Reader(MessageSource messages) {
			this.messages = messages;
		}

		@GetMapping("/numbers/read")
		Map<String, Object> read(@RequestParam(defaultValue = "") String value,
				@RequestParam(defaultValue = "false") boolean whole, @RequestParam(required = false) String currency) {
			Locale locale = LocaleContextHolder.getLocale();
			try {
				BigDecimal parsed = whole ? toDecimal(LocalizedNumbers.parseWhole(value, locale))
						: LocalizedNumbers.parse(value, locale);
				if (parsed == null) return Map.of("ok", true, "shown", "");
				String shown = LocalizedNumbers.format(parsed, locale);
				if (currency != null && !currency.isBlank()) {
					try {
						var money = java.text.NumberFormat.getCurrencyInstance(LocalizedNumbers.numberLocale(locale));
						money.setCurrency(java.util.Currency.getInstance(Currency.valueOf(currency).name()));
						money.setMinimumFractionDigits(0);
						money.setMaximumFractionDigits(2);
						shown = money.format(parsed);
					}
					catch (IllegalArgumentException e) {
						// an unknown currency: the plain number is still the reading
					}
				}
				return Map.of("ok", true, "shown", messages.getMessage("number.readAs", new Object[] { shown }, locale),
						"value", parsed.toPlainString());
			}
			catch (Refused r) {
				return Map.of("ok", false, "shown", messages.getMessage(r.code(), r.args(), locale));
			}
		}

		private static BigDecimal toDecimal(Long v) {
			return v == null ? null : BigDecimal.valueOf(v);
		}
	}
}
