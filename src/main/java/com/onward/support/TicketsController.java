package com.onward.support;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The tickets card on the account page (loaded with htmx). */
@Controller
class TicketsController {

	private final Tickets tickets;

	TicketsController(Tickets tickets) {
		this.tickets = tickets;
	}

	@GetMapping("/accounts/{id}/tickets")
	String card(@PathVariable UUID id, Model model) {
		model.addAttribute("tickets", tickets.forAccount(id, 20));
		return "support/tickets :: card";
	}
}
