package com.onward.stakeholder;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.ContactRole;
import com.onward.shared.OwnerRole;

import jakarta.validation.Valid;

/** The contacts panel of the account page and the RACI panel of the project page (htmx fragments). */
@Controller
class StakeholderController {

	private final Stakeholders stakeholders;

	StakeholderController(Stakeholders stakeholders) {
		this.stakeholders = stakeholders;
	}

	@GetMapping("/accounts/{id}/contacts")
	String contacts(@PathVariable UUID id, Model model) {
		model.addAttribute("contactForm", new ContactForm(null, null, null, null, ContactRole.CHAMPION, null, null, null));
		return contactsPanel(id, model);
	}

	@PostMapping("/accounts/{id}/contacts")
	String add(@PathVariable UUID id, @Valid @ModelAttribute("contactForm") ContactForm form, BindingResult errors,
			Model model) {
		if (!errors.hasErrors()) {
			stakeholders.add(id, form);
			model.addAttribute("contactForm", new ContactForm(null, null, null, null, ContactRole.CHAMPION, null, null, null));
		}
		return contactsPanel(id, model);
	}

	/** Inline update of what changes week to week: engagement, sentiment and last contact. */
	@PostMapping("/accounts/{id}/contacts/{contactId}")
	String updateEngagement(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestParam(required = false) Engagement engagement, @RequestParam(required = false) Sentiment sentiment,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
					iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate lastContactOn,
			Model model) {
		Contact c = stakeholders.contacts(id).stream().filter(x -> x.id().equals(contactId)).findFirst()
			.orElseThrow(() -> new com.onward.shared.NotFoundException("Contact", contactId));
		stakeholders.update(id, contactId, new ContactForm(c.name(), c.email(), c.phone(), c.title(), c.role(),
				engagement == null ? c.engagement() : engagement, sentiment == null ? c.sentiment() : sentiment,
				lastContactOn == null ? c.lastContactOn() : lastContactOn));
		model.addAttribute("contactForm", new ContactForm(null, null, null, null, ContactRole.CHAMPION, null, null, null));
		return contactsPanel(id, model);
	}

	private String contactsPanel(UUID id, Model model) {
		model.addAttribute("accountId", id);
		model.addAttribute("contacts", stakeholders.contacts(id));
		model.addAttribute("roles", ContactRole.values());
		model.addAttribute("engagements", Engagement.values());
		model.addAttribute("sentiments", Sentiment.values());
		return "stakeholder/contacts :: panel";
	}

	@GetMapping("/projects/{id}/raci")
	String raci(@PathVariable UUID id, Model model) {
		model.addAttribute("projectId", id);
		model.addAttribute("raci", stakeholders.raci(id));
		return "stakeholder/raci :: panel";
	}

	@PostMapping("/projects/{id}/raci")
	String setRaci(@PathVariable UUID id, @RequestParam String phaseKey, @RequestParam OwnerRole role,
			@RequestParam(defaultValue = "") String value, Model model) {
		try {
			stakeholders.setRaci(id, phaseKey, role, value);
		}
		catch (BusinessRuleException e) {
			model.addAttribute("raciError", FormErrors.describe(e).message());
		}
		return raci(id, model);
	}
}
