package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Time comes from the injected {@link java.time.Clock} (the test clock in tests, {@code onward.time-zone} in
 * production): no main code reads the wall clock or the JVM's zone itself, controllers included.
 */
class WallClockTests {

	private static final Pattern WALL_CLOCK = Pattern.compile(
			"\\b(?:LocalDate|LocalDateTime|LocalTime|Instant|ZonedDateTime|OffsetDateTime|YearMonth|Year)\\.now\\(\\s*\\)"
					+ "|ZoneId\\.systemDefault\\(\\)|TimeZone\\.getDefault\\(\\)|System\\.currentTimeMillis\\(\\)"
					+ "|Clock\\.system(?:UTC|DefaultZone)\\(\\)");

	@Test
	void mainCodeTakesTimeFromTheClock() throws IOException {
		var found = new TreeSet<String>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
				try {
					String[] lines = Files.readString(f).split("\n");
					for (int i = 0; i < lines.length; i++) {
						Matcher m = WALL_CLOCK.matcher(lines[i]);
						if (m.find() && !lines[i].strip().startsWith("*") && !lines[i].strip().startsWith("//")) {
							found.add(f + ":" + (i + 1) + " " + m.group());
						}
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		assertThat(found).as("wall-clock reads outside the Clock").isEmpty();
	}
}
