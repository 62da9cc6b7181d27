package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The product speaks English, Bahasa Indonesia and Bahasa Melayu: every message bundle (the main one and
 * each {@code i18n/*} bundle) exists in the three languages with the same keys, and every literal
 * {@code #{key}} a template uses exists.
 */
class MessageBundlesTests {

	private static final Pattern LANGUAGE_SUFFIX = Pattern.compile("_(id|ms)$");

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([\\w.\\-]+)[}(]");

	private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

	@Test
	void everyBundleHasTheSameKeysInAllThreeLanguages() throws IOException {
		Map<String, Map<String, Set<String>>> bundles = bundles();
		assertThat(bundles).containsKey("messages");
		bundles.forEach((base, languages) -> {
			assertThat(languages.keySet()).as("languages of bundle %s", base).containsExactlyInAnyOrder("en", "id", "ms");
			Set<String> english = languages.get("en");
			for (String language : Set.of("id", "ms")) {
				Set<String> missing = new TreeSet<>(english);
				missing.removeAll(languages.get(language));
				Set<String> extra = new TreeSet<>(languages.get(language));
				extra.removeAll(english);
				assertThat(missing).as("keys of %s missing in %s", base, language).isEmpty();
				assertThat(extra).as("keys of %s only in %s", base, language).isEmpty();
			}
		});
	}

	@Test
	void everyKeyATemplateNamesExists() throws IOException {
		Set<String> known = new TreeSet<>();
		bundles().values().forEach(languages -> known.addAll(languages.get("en")));
		Map<String, Set<String>> unknown = new TreeMap<>();
		for (Resource template : resolver.getResources("classpath*:templates/**/*.html")) {
			String html = template.getContentAsString(StandardCharsets.UTF_8);
			Matcher m = TEMPLATE_KEY.matcher(html);
			while (m.find()) {
				if (!known.contains(m.group(1))) {
					unknown.computeIfAbsent(template.getFilename(), k -> new TreeSet<>()).add(m.group(1));
				}
			}
		}
		assertThat(unknown).as("message keys used in templates but defined in no bundle").isEmpty();
	}

	/** base name → language → keys, for {@code messages*.properties} and {@code i18n/*.properties}. */
	private Map<String, Map<String, Set<String>>> bundles() throws IOException {
		Map<String, Map<String, Set<String>>> bundles = new TreeMap<>();
		for (String pattern : new String[] { "classpath*:messages*.properties", "classpath*:i18n/*.properties" }) {
			for (Resource resource : resolver.getResources(pattern)) {
				String name = resource.getFilename().replaceFirst("\\.properties$", "");
				Matcher suffix = LANGUAGE_SUFFIX.matcher(name);
				String language = suffix.find() ? suffix.group(1) : "en";
				String base = (pattern.contains("i18n") ? "i18n/" : "") + LANGUAGE_SUFFIX.matcher(name).replaceFirst("");
				Properties properties = new Properties();
				try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
					properties.load(reader);
				}
				bundles.computeIfAbsent(base, b -> new TreeMap<>()).put(language, new TreeSet<>(properties.stringPropertyNames()));
			}
		}
		return bundles;
	}
}
