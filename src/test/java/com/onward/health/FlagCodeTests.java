package com.onward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every flag the health rules raise has its {@link FlagCode}, in the same category. */
class FlagCodeTests {

	@Test
	void everyRaisedCodeIsAFlagCodeOfItsCategory() throws IOException {
		String rules = Files.readString(Path.of("src/main/java/com/onward/health/HealthRules.java"));
		Matcher m = Pattern.compile("new Finding\\(FlagCategory\\.([A-Z_]+), \"([A-Z0-9_]+)\"").matcher(rules);
		int found = 0;
		while (m.find()) {
			assertThat(FlagCode.valueOf(m.group(2)).category()).as(m.group(2)).isEqualTo(FlagCategory.valueOf(m.group(1)));
			found++;
		}
		assertThat(found).isGreaterThan(15);
		Matcher weeks = Pattern.compile("indicator\\(in, (\\d+),").matcher(rules);
		int indicators = 0;
		while (weeks.find()) {
			assertThat(FlagCode.valueOf("EARLY_WARNING_WEEK_" + weeks.group(1))).isNotNull();
			indicators++;
		}
		assertThat(indicators).isEqualTo(5);
	}

	@Test
	void earlyWarningsTakeTheCategoryOfTheirWeek() {
		assertThat(FlagCode.EARLY_WARNING_WEEK_2.category()).isEqualTo(FlagCategory.STAKEHOLDER_ENGAGEMENT);
		assertThat(FlagCode.EARLY_WARNING_WEEK_4.category()).isEqualTo(FlagCategory.TECHNICAL);
		assertThat(FlagCode.EARLY_WARNING_WEEK_8.category()).isEqualTo(FlagCategory.USER_ADOPTION);
		assertThat(FlagCode.EARLY_WARNING_WEEK_10.category()).isEqualTo(FlagCategory.BUSINESS_OUTCOME);
		assertThat(FlagCode.NO_LOGIN_AFTER_ACCESS.is("NO_LOGIN_AFTER_ACCESS")).isTrue();
	}
}
