package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every rule the migrations ship names a trigger Onward knows, of the kind the rule is stored with (a SWEEP rule's
 * trigger has a hit query; an EVENT rule's trigger is a domain event the listeners hand over).
 */
class TriggerTests {

	@Test
	void everyShippedRuleHasAKnownTriggerOfItsKind() throws IOException {
		Pattern rule = Pattern.compile(",\\s*\\d+,\\s*'(SWEEP|EVENT)',\\s*'([A-Z_]+)'"); // (code, position, kind, trigger, …
		int rules = 0;
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
			for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
				Matcher m = rule.matcher(Files.readString(f));
				while (m.find()) {
					rules++;
					assertThat(Trigger.valueOf(m.group(2)).kind()).as(m.group(2)).isEqualTo(Trigger.Kind.valueOf(m.group(1)));
				}
			}
		}
		assertThat(rules).as("shipped rules found").isGreaterThan(15);
	}
}
