package com.onward.messaging;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The outbox page: every message and its status, pending ones visibly not sent. */
@Controller
class MessagingController {

	private final Outbox outbox;

	MessagingController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/messages")
	String messages(@RequestParam(required = false) Message.Status status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) java.util.UUID accountId, Model model,
			org.springframework.security.core.Authentication auth) {
		var messages = outbox.page(accountId, status, Math.max(0, page), 50);
		model.addAttribute("messages", MessagingApi.isAdmin(auth) ? messages
				: messages.map(Message::masked));
		model.addAttribute("statuses", Message.Status.values());
		model.addAttribute("status", status);
		return "messaging/messages";
	}

	@GetMapping("/messages/preview")
	String preview(@RequestParam(defaultValue = "welcome") String template, @RequestParam(required = false) String language,
			@RequestParam(required = false) java.util.UUID accountId, Model model) {
		String lang = language == null || language.isBlank() || !com.onward.shared.LocalizedText.LANGUAGES.contains(language) ? null
				: language;
		String chosen = Outbox.TEMPLATES.contains(template) ? template : "welcome";
		model.addAttribute("templates", Outbox.TEMPLATES);
		model.addAttribute("accounts", outbox.previewAccounts());
		model.addAttribute("template", chosen);
		model.addAttribute("language", lang);
		model.addAttribute("accountId", accountId == null ? null : accountId.toString());
		model.addAttribute("preview", outbox.preview(chosen, lang, accountId));
		return "messaging/preview";
	}
}
