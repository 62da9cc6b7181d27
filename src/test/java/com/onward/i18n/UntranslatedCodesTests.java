package com.onward.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Indonesian and Malay texts never spell out a code: no enum constant of the application
 * (READY, NOT_READY, CADENCE_MISSED, PROJECT_LEAD …) and no ISO date written into a sentence.
 * Acronyms that read the same in every language (CSM, KPI, UAT …) are allowed.
 */
public class UntranslatedCodesTests {

	/** Said the same way in English, Bahasa Indonesia and Bahasa Melayu. */
	public static final Set<String> SAME_IN_EVERY_LANGUAGE = Set.of("CSM", "SMB", "SME", "KPI", "UAT", "CSAT", "NPS", "API", "CRM", "SSO",
			"CSV", "URL", "ACV", "ARR", "ROI", "LTV", "TTV", "RACI", "SLA", "HTML", "JSON", "SMTP", "HTTP", "HTTPS", "IDR",
			"MYR", "USD", "SGD", "EUR", "SQL", "OIDC", "SAML", "PDF", "MRR", "CEO", "CFO", "CTO", "COO", "HR", "IT", "QBR", "EBR",
			"SSL", "TLS", "DNS", "SDK", "ID", "OK", "AI", "FAQ", "ERP", "POS", "GDPR", "PDPA", "PDP", "TOTP", "MFA", "DAU", "MAU",
			"WAU", "CES", "HMAC", "SHA", "UTC", "WIB", "MYT", "JWT", "MOCK", "CSP");

	/** Texts that describe a file or input format, where the code or the ISO date is what is to be typed. */
	static final Pattern FORMAT_KEYS = Pattern.compile("history\\.error\\.expected\\..*|renewal\\.error\\.date\\.invalid");

	public static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\d_{.-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![\\p{L}\\d_}-])");

	public static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");

	@Test
	void indonesianAndMalayMessagesSpellOutNoCodeAndNoIsoDate() throws IOException {
		Set<String> codes = enumConstants();
		assertThat(codes).contains("READY", "NOT_READY");
		List<String> leaks = new ArrayList<>();
		for (Path bundle : bundles()) {
			Properties texts = load(bundle);
			for (String key : texts.stringPropertyNames()) {
				String text = texts.getProperty(key);
				if (FORMAT_KEYS.matcher(key).matches()) continue;
				Matcher m = CODE.matcher(text);
				while (m.find()) {
					String token = m.group();
					if (token.length() > 1 && !SAME_IN_EVERY_LANGUAGE.contains(token) && (codes.contains(token) || token.contains("_"))) {
						leaks.add(bundle.getFileName() + " " + key + ": " + token + " in \"" + text + "\"");
					}
				}
				if (ISO_DATE.matcher(text).find()) leaks.add(bundle.getFileName() + " " + key + ": ISO date in \"" + text + "\"");
			}
		}
		assertThat(leaks).isEmpty();
	}

	@Test
	void theCheckFindsACodeInASentence() {
		assertThat(CODE.matcher("READY memerlukan total 8").find()).isTrue();
		assertThat(CODE.matcher("Ahmad (PROJECT_LEAD): check-in").results().map(r -> r.group()).toList()).contains("PROJECT_LEAD");
		assertThat(CODE.matcher("{0} hari").find()).isFalse();
	}

	static List<Path> bundles() throws IOException {
		Path root = Path.of("src/main/resources");
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(p -> p.getFileName().toString().matches(".*_(id|ms)\\.properties")).sorted().toList();
		}
	}

	static Properties load(Path file) throws IOException {
		var p = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return p;
	}

	/** Every constant of every enum of the application (from the compiled classes). */
	public static Set<String> enumConstants() throws IOException {
		Path classes = Path.of("target/classes");
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
				if (!name.startsWith("com.onward.")) continue;
				try {
					Class<?> type = Class.forName(name, false, UntranslatedCodesTests.class.getClassLoader());
					if (type.isEnum()) for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name());
				}
				catch (Throwable ignored) {
					// not loadable on its own (e.g. a lambda's synthetic class): no enum
				}
			}
		}
		return names;
	}
}
