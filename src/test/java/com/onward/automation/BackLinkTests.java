package com.onward.automation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After marking a task done the page goes back only to a path on this site. */
class BackLinkTests {

	@Test
	void onlyLocalPathsAreRedirectTargets() {
		assertThat(AutomationController.localPath("/inbox")).isTrue();
		assertThat(AutomationController.localPath("/accounts/1?tab=tasks")).isTrue();
		for (String bad : new String[] { "//evil.example", "/\\evil.example", "https://evil.example", "/x:y",
				"/\tevil", "inbox", null }) {
			assertThat(AutomationController.localPath(bad)).as(bad).isFalse();
		}
	}
}
