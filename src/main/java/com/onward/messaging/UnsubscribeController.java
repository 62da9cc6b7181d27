package com.onward.messaging;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The public unsubscribe page behind every customer email's link (no sign-in: the token is the proof). */
@Controller
class UnsubscribeController {

	private final Unsubscribes unsubscribes;

	UnsubscribeController(Unsubscribes unsubscribes) {
		this.unsubscribes = unsubscribes;
	}

	/** Shows a confirmation button: mail scanners that open links must not unsubscribe anybody. */
	@GetMapping("/unsubscribe")
	String confirm(@RequestParam(name = "t", required = false) String token, Model model, HttpServletResponse response) {
		var address = unsubscribes.verify(token);
		if (address.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("invalid", true);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", address.orElse(null));
		return "messaging/unsubscribe";
	}

	@PostMapping("/unsubscribe")
	String unsubscribe(@RequestParam(name = "t", required = false) String token, Model model,
			HttpServletResponse response) {
		var address = unsubscribes.verify(token);
		if (address.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("invalid", true);
			return "messaging/unsubscribe";
		}
		unsubscribes.unsubscribe(address.get());
		model.addAttribute("done", true);
		model.addAttribute("email", address.get());
		return "messaging/unsubscribe";
	}
}
