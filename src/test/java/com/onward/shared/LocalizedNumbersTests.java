package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.onward.shared.LocalizedNumbers.Refused;

class LocalizedNumbersTests {

	static final Locale EN = Locale.ENGLISH, ID = Locale.forLanguageTag("id"), MS = Locale.forLanguageTag("ms");

	@Test
	void readsIndonesianGroupingAndDecimalComma() {
		assertThat(LocalizedNumbers.parse("450.000.000", ID)).isEqualByComparingTo("450000000");
		assertThat(LocalizedNumbers.parse("48,5", ID)).isEqualByComparingTo("48.5");
		assertThat(LocalizedNumbers.parse("Rp 1.250.000,75", ID)).isEqualByComparingTo("1250000.75");
		assertThat(LocalizedNumbers.parse("450000000", ID)).isEqualByComparingTo("450000000");
	}

	@Test
	void readsEnglishAndMalayTheEnglishWay() {
		assertThat(LocalizedNumbers.parse("450,000,000", EN)).isEqualByComparingTo("450000000");
		assertThat(LocalizedNumbers.parse("48.5", EN)).isEqualByComparingTo("48.5");
		assertThat(LocalizedNumbers.parse("RM1,234.50", MS)).isEqualByComparingTo("1234.5");
		assertThat(LocalizedNumbers.parse("0.900", EN)).isEqualByComparingTo("0.9");
		assertThat(LocalizedNumbers.parse("1 500 000", EN)).isEqualByComparingTo("1500000");
		assertThat(LocalizedNumbers.parse("-3", EN)).isEqualByComparingTo("-3");
		assertThat(LocalizedNumbers.parse("  ", EN)).isNull();
	}

	@Test
	void refusesTheOtherLanguagesSeparatorsInsteadOfMisreadingThem() {
		assertRefused("450.000.000", EN, "number.refused.otherSeparators");
		assertRefused("48,5", EN, "number.refused.otherSeparators");
		assertRefused("48.5", ID, "number.refused.otherSeparators");
		assertRefused("1.000,5.5", ID, "number.refused.otherSeparators");
		assertRefused("48,5", MS, "number.refused.otherSeparators");
	}

	@Test
	void refusesInputThatReadsTwoWaysAndOffersBoth() {
		assertThatThrownBy(() -> LocalizedNumbers.parse("1.500", EN)).isInstanceOfSatisfying(Refused.class, r -> {
			assertThat(r.code()).isEqualTo("number.refused.ambiguous");
			assertThat(r.args()).containsExactly("1.500", "1,500", "1.5");
		});
		assertThatThrownBy(() -> LocalizedNumbers.parse("2,250", ID)).isInstanceOfSatisfying(Refused.class,
				r -> assertThat(r.args()).containsExactly("2,250", "2.250", "2,25"));
	}

	@Test
	void refusesWhatIsNotANumberOrNotWhole() {
		assertRefused("12abc", EN, "number.refused.notANumber");
		assertRefused("1.", EN, "number.refused.notANumber");
		assertRefused("1e5", EN, "number.refused.notANumber");
		assertThatThrownBy(() -> LocalizedNumbers.parseWhole("48,5", ID)).isInstanceOfSatisfying(Refused.class,
				r -> assertThat(r.code()).isEqualTo("number.refused.whole"));
		assertThat(LocalizedNumbers.parseWhole("1.200", ID)).isEqualTo(1200L);
	}

	@Test
	void writesNumbersTheWayTheyAreRead() {
		assertThat(LocalizedNumbers.format(new BigDecimal("450000000.50"), ID)).isEqualTo("450.000.000,5");
		assertThat(LocalizedNumbers.format(new BigDecimal("450000000"), EN)).isEqualTo("450,000,000");
		assertThat(LocalizedNumbers.formatPlain(48.5, ID)).isEqualTo("48,5");
		for (Locale l : new Locale[] { EN, ID, MS }) {
			for (String v : new String[] { "0.25", "48.5", "450000000", "1234567.89" }) {
				BigDecimal n = new BigDecimal(v);
				assertThat(LocalizedNumbers.parse(LocalizedNumbers.format(n, l), l)).isEqualByComparingTo(n);
				assertThat(LocalizedNumbers.parse(LocalizedNumbers.formatPlain(n, l), l)).isEqualByComparingTo(n);
			}
		}
	}

	private static void assertRefused(String text, Locale locale, String code) {
		assertThatThrownBy(() -> LocalizedNumbers.parse(text, locale)).isInstanceOfSatisfying(Refused.class,
				r -> assertThat(r.code()).isEqualTo(code));
	}
}
