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
			Model model) {
		model.addAttribute("messages", outbox.page(null, status, Math.max(0, page), 50));
		model.addAttribute("statuses", Message.Status.values());
		model.addAttribute("status", status);
		return "messaging/messages";
	}
}
