package com.onward.success;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.onward.account.Accounts;
import com.onward.onboarding.Projects;

/** Titles of the VAL-6 default criteria in the project's account language (they become the customer's KPIs). */
@Component
class OutcomeTitles {

	private final MessageSource messages;
	private final Projects projects;
	private final Accounts accounts;

	OutcomeTitles(MessageSource messages, Projects projects, Accounts accounts) {
		this.messages = messages;
		this.projects = projects;
		this.accounts = accounts;
	}

	Function<String, String> forProject(UUID projectId) {
		Locale locale = Locale.forLanguageTag(accounts.get(projects.get(projectId).accountId()).language());
		return code -> messages.getMessage("outcome." + code, null, code, locale);
	}
}
