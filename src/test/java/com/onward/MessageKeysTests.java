package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message key the product names literally, in a template ({@code #{key}}) or in code
 * ({@code getMessage("key", …)}, {@code Text.of("key", …)}, {@code msg("key", …)}), exists in English, Indonesian
 * and Malay in one of the bundles {@code spring.messages.basename} actually loads (a key in a bundle that is not
 * listed there would show as its code at run time).
 */
class MessageKeysTests {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([\\w.\\-]+)[}(]");

	private static final Pattern CODE_KEY = Pattern.compile("(?:getMessage|\\bText\\.of|\\bmsg)\\(\\s*\"([\\w.\\-]+)\"\\s*[,)]");

	/** A broken business rule said by its key: {@code BusinessRuleException.of(field, "key", …)}. */
	private static final Pattern RULE_KEY = Pattern.compile(
			"(?:BusinessRuleException\\.of|InvalidInputException\\.keyed)\\(\\s*[^,;]+,\\s*\"([\\w.\\-]+)\"");

	@Test
	void everyLiteralKeyExistsInAllThreeLanguagesOfALoadedBundle() throws IOException {
		Map<String, Set<String>> keysByLanguage = loadedKeys();
		Map<String, Set<String>> used = new TreeMap<>();
		scan(Path.of("src/main/resources/templates"), ".html", TEMPLATE_KEY, used);
		scan(Path.of("src/main/java"), ".java", CODE_KEY, used);
		scan(Path.of("src/main/java"), ".java", RULE_KEY, used);
		assertThat(used).as("keys found (the scan works)").hasSizeGreaterThan(100);
		var missing = new TreeMap<String, Set<String>>();
		used.forEach((key, files) -> keysByLanguage.forEach((language, keys) -> {
			if (!keys.contains(key)) {
				missing.computeIfAbsent(key + " [" + language + "]", k -> new TreeSet<>()).addAll(files);
			}
		}));
		assertThat(missing).as("message keys used but missing").isEmpty();
	}

	/**
	 * A business rule is never refused in English only: every {@code new BusinessRuleException(…)} names a message
	 * key, so the API's problem detail and the staff form speak the reader's language.
	 */
	@Test
	void everyBrokenBusinessRuleCarriesAMessageKey() throws IOException {
		Pattern construction = Pattern.compile("new BusinessRuleException\\((.*?)\\);", Pattern.DOTALL);
		Pattern key = Pattern.compile("\"[a-z]+\\.[\\w.\\-]+\"");
		var englishOnly = new TreeSet<String>();
		int keyed = 0;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
				if (f.endsWith("BusinessRuleException.java")) continue;
				String text = Files.readString(f);
				Matcher m = construction.matcher(text);
				while (m.find()) {
					if (key.matcher(m.group(1)).find()) keyed++;
					else englishOnly.add(f.getFileName() + ": " + m.group(1).strip());
				}
				Matcher of = RULE_KEY.matcher(text);
				while (of.find()) keyed++;
			}
		}
		assertThat(keyed).as("keyed business rules found (the scan works)").isGreaterThan(40);
		assertThat(englishOnly).as("business rules refused in English only").isEmpty();
	}

	/** Language → keys of all bundles listed in spring.messages.basename. */
	static Map<String, Set<String>> loadedKeys() throws IOException {
		String yml = Files.readString(Path.of("src/main/resources/application.yml"));
		Matcher m = Pattern.compile("(?m)^\\s+basename:\\s*(\\S+)").matcher(yml);
		assertThat(m.find()).as("spring.messages.basename in application.yml").isTrue();
		var result = new TreeMap<String, Set<String>>();
		for (String language : List.of("", "_id", "_ms")) {
			var keys = new TreeSet<String>();
			for (String base : m.group(1).split(",")) {
				Path file = Path.of("src/main/resources", base.strip() + language + ".properties");
				if (!Files.exists(file)) {
					continue;
				}
				var props = new Properties();
				try (InputStream in = Files.newInputStream(file)) {
					props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
				}
				keys.addAll(props.stringPropertyNames());
			}
			result.put(language.isEmpty() ? "en" : language.substring(1), keys);
		}
		return result;
	}

	private static void scan(Path root, String suffix, Pattern key, Map<String, Set<String>> used) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			files.filter(f -> f.toString().endsWith(suffix)).forEach(f -> {
				try {
					Matcher m = key.matcher(Files.readString(f));
					while (m.find()) {
						used.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(root.relativize(f).toString());
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}
}
