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

	/** The named rules raise their code in its category (RedFlagRules builds each finding from its FlagCode). */
	@Test
	void everyRaisedCodeIsAFlagCodeOfItsCategory() throws IOException {
		HealthInputs silentLead = HealthInputsFixture.account().onDay(60)
			.contact(HealthInputsFixture.projectLead("Siti").neverMet()).build();
		var context = new RedFlagRules.Context(HealthRulesTests.PROPS.flags(), SupportLoadProperties.DEFAULTS,
				FeedbackFlagProperties.SHIPPED, java.util.List.of());
		var raised = RedFlagRules.evaluate(silentLead, context);
		assertThat(raised).isNotEmpty();
		raised.forEach(f -> assertThat(FlagCode.valueOf(f.code()).category()).as(f.code()).isEqualTo(f.category()));
		assertThat(RedFlagRules.RULES).hasSizeGreaterThan(15).allSatisfy(r -> assertThat(r.code().category()).isNotNull());
		String rules = Files.readString(Path.of("src/main/java/com/onward/health/HealthRules.java"));
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
