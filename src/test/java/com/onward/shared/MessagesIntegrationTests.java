package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import com.onward.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application's texts come from every bundle in {@code spring.messages.basename}, merged per
 * language: codes of the first and the last bundle resolve in the three languages, arguments are
 * formatted, a language without its own file falls back to the default texts, and an unknown code
 * is still an error rather than the code itself.
 */
class MessagesIntegrationTests extends IntegrationTest {

	@Autowired
	MessageSource messages;

	private static final Locale ID = Locale.forLanguageTag("id");

	private static final Locale MS = Locale.forLanguageTag("ms");

	@Test
	void codesOfEveryBundleResolveInTheThreeLanguages() {
		// The last bundle in the list.
		assertThat(messages.getMessage("nav.escalations", null, Locale.ENGLISH)).isEqualTo("Escalations");
		assertThat(messages.getMessage("nav.escalations", null, ID)).isNotEqualTo("Escalations").isNotBlank();
		assertThat(messages.getMessage("nav.escalations", null, MS)).isNotBlank();
		// A bundle in the middle, with arguments.
		assertThat(messages.getMessage("health.engagement.explanation.noContact", new Object[] { "80%", null, 2, 3 }, ID))
			.isEqualTo("Partisipasi 80%, belum ada kontak yang dicatat, pekerjaan rumah 2 dari 3 selesai tepat waktu.");
		assertThat(messages.getMessage("health.engagement.explanation.noContact", new Object[] { "80%", null, 2, 3 },
				Locale.ENGLISH))
			.isEqualTo("Participation 80%, no contact recorded yet, homework 2 of 3 done on time.");
		// A language without files of its own reads the default (English) texts, not the machine's language.
		assertThat(messages.getMessage("nav.escalations", null, Locale.JAPANESE)).isEqualTo("Escalations");
		// Any locale is read as one of the three languages: a country, a variant or the old code for Indonesian.
		String indonesian = messages.getMessage("nav.escalations", null, ID);
		assertThat(messages.getMessage("nav.escalations", null, Locale.forLanguageTag("id-ID"))).isEqualTo(indonesian);
		assertThat(messages.getMessage("nav.escalations", null, Locale.of("in"))).isEqualTo(indonesian);
		assertThat(messages.getMessage("nav.escalations", null, Locale.forLanguageTag("ms-MY-x-lvariant-abc")))
			.isEqualTo(messages.getMessage("nav.escalations", null, MS));
		assertThat(LocalizedText.productLocale(Locale.forLanguageTag("en-US-x-lvariant-x1")))
			.isEqualTo(Locale.ENGLISH);
		assertThatThrownBy(() -> messages.getMessage("no.such.code", null, Locale.ENGLISH))
			.isInstanceOf(NoSuchMessageException.class);
	}
}
