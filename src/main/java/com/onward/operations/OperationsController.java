package com.onward.operations;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The admin page of background work: event publications, failures and the listener pool. */
@Controller
class OperationsController {

	private final EventPublications publications;

	OperationsController(EventPublications publications) {
		this.publications = publications;
	}

	@GetMapping("/admin/operations")
	String page(Model model) {
		model.addAttribute("status", publications.status());
		return "operations/operations";
	}

	@PostMapping("/admin/operations/retry")
	String retry() {
		publications.retry(true);
		return "redirect:/admin/operations";
	}
}
