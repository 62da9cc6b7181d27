package com.onward.health;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormChanges;
import com.onward.shared.InvalidInputException;

/**
 * Escalations to executives in the staff UI: recorded on the account's health page, listed across the portfolio
 * on the escalations page, resolved there with what was done.
 */
@Controller
class EscalationsController {

	private final Escalations escalations;
	private final java.util.function.Supplier<LocalDate> today;

	EscalationsController(Escalations escalations, java.time.Clock clock) {
		this.escalations = escalations;
		this.today = () -> LocalDate.now(clock);
	}

	@GetMapping("/escalations")
	String page(Model model) {
		model.addAttribute("escalations", escalations.open());
		return "health/escalations";
	}

	@PostMapping("/accounts/{id}/escalations")
	String record(@PathVariable UUID id, @RequestParam(required = false) String raisedBy,
			@RequestParam(required = false) String escalatedTo, @RequestParam(required = false) String summary,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate occurredOn,
			RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "escalationError", "/accounts/" + id + "/health#account-escalations", () -> {
			required("raisedBy", raisedBy, 200);
			required("escalatedTo", escalatedTo, 200);
			required("summary", summary, 2000);
			if (occurredOn == null) {
				throw InvalidInputException.keyed("occurredOn", "escalations.dateRequired");
			}
			if (occurredOn.isAfter(today.get())) {
				throw InvalidInputException.keyed("occurredOn", "escalations.dateInFuture");
			}
			escalations.record(id, new Escalations.NewEscalation(raisedBy, escalatedTo, summary, occurredOn));
		});
	}

	private static void required(String field, String value, int max) {
		if (value == null || value.isBlank() || value.length() > max) {
			throw InvalidInputException.keyed(field, "escalations.fieldRequired", max);
		}
	}

	@PostMapping("/accounts/{id}/escalations/{escalationId}/resolve")
	String resolve(@PathVariable UUID id, @PathVariable UUID escalationId,
			@RequestParam(required = false) String resolution, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "escalationError", "/escalations", () -> {
			if (resolution == null || resolution.isBlank() || resolution.length() > 2000) {
				throw InvalidInputException.keyed("resolution", "escalations.resolutionRequired");
			}
			escalations.resolve(id, escalationId, new Escalations.Resolution(resolution));
			redirect.addFlashAttribute("escalationResolved", true);
		});
	}
}
