package com.onward.messaging;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.BusinessRuleException;
import com.onward.shared.FormErrors;
import com.onward.shared.NotFoundException;

/**
 * The outbox page, which answers "what went out?": messages filtered by account, template, status and
 * the day they were queued, paged; one message opened with its headers, attempts and errors; a failed
 * one resent.
 */
@Controller
class MessagingController {

	static final int PAGE_SIZE = 50;

	private final Outbox outbox;

	MessagingController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/messages")
	String messages(@RequestParam(required = false) Message.Status status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) UUID accountId, @RequestParam(required = false) String account,
			@RequestParam(required = false) String template,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model,
			Authentication auth) {
		String name = account == null || account.isBlank() ? null : account.strip();
		String chosen = template == null || template.isBlank() ? null : template.strip();
		var query = new Outbox.Query(accountId, name, chosen, status, from, to);
		var messages = outbox.page(query, Math.max(0, page), PAGE_SIZE);
		model.addAttribute("messages", MessagingApi.isAdmin(auth) ? messages : messages.map(Message::masked));
		model.addAttribute("statuses", Message.Status.values());
		model.addAttribute("templates", outbox.templatesUsed());
		model.addAttribute("status", status);
		model.addAttribute("accountId", accountId);
		model.addAttribute("account", name);
		model.addAttribute("template", chosen);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "messaging/messages";
	}

	@GetMapping("/messages/{id}")
	String message(@PathVariable UUID id, Model model, Authentication auth) {
		Outbox.Detail detail = outbox.detail(id).orElseThrow(() -> new NotFoundException("Message", id));
		model.addAttribute("m", MessagingApi.isAdmin(auth) ? detail : detail.masked());
		return "messaging/message";
	}

	@PostMapping("/messages/{id}/resend")
	String resend(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			outbox.resend(id);
			redirect.addFlashAttribute("resent", true);
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("resendError", FormErrors.describe(e).message());
		}
		return "redirect:/messages/" + id;
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
