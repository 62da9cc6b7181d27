package com.onward.messaging;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A message template's name in the reader's language ({@code templateName.<key>} in the workspace
 * bundle), for pages that list templates: {@code ${@templateNames.name(m.template())}}. A template
 * without a name (a webhook's event type) shows its key.
 */
@Component("templateNames")
public class TemplateNames {

	private final MessageSource messages;

	TemplateNames(MessageSource messages) {
		this.messages = messages;
	}

	public String name(String key) {
		if (key == null) return "";
		return messages.getMessage("templateName." + key, null, key, LocaleContextHolder.getLocale());
	}
}
