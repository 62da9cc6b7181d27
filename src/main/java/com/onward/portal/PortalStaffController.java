package com.onward.portal;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.account.Accounts;
import com.onward.shared.NotFoundException;

/** Staff pages: portal access of an account, customer activity on a project, branding settings. */
@Controller
class PortalStaffController {

	private final PortalAccess access;
	private final PortalActivity activity;
	private final Homework homework;
	private final Branding branding;
	private final Accounts accounts;

	PortalStaffController(PortalAccess access, PortalActivity activity, Homework homework, Branding branding,
			Accounts accounts) {
		this.access = access;
		this.activity = activity;
		this.homework = homework;
		this.branding = branding;
		this.accounts = accounts;
	}

	@GetMapping("/accounts/{id}/portal")
	String access(@PathVariable UUID id, Model model) {
		model.addAttribute("account", accounts.get(id));
		model.addAttribute("enabled", access.accountEnabled(id));
		model.addAttribute("contacts", access.contacts(id));
		model.addAttribute("signIns", access.signIns(id, 50));
		return "portal/staff-access";
	}

	@PostMapping("/accounts/{id}/portal/invite/{contactId}")
	String invite(@PathVariable UUID id, @PathVariable UUID contactId) {
		access.invite(id, contactId);
		return "redirect:/accounts/" + id + "/portal?invited";
	}

	@PostMapping("/accounts/{id}/portal/contacts/{contactId}")
	String contactAccess(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam boolean enabled) {
		access.setContactAccess(id, contactId, enabled);
		return "redirect:/accounts/" + id + "/portal";
	}

	@PostMapping("/accounts/{id}/portal")
	String accountAccess(@PathVariable UUID id, @RequestParam boolean enabled) {
		access.setAccountAccess(id, enabled);
		return "redirect:/accounts/" + id + "/portal";
	}

	/** The customer's comments and files on the project page (loaded into it by htmx). */
	@GetMapping("/projects/{id}/portal-activity")
	String activity(@PathVariable UUID id, Model model) {
		model.addAttribute("projectId", id);
		model.addAttribute("activity", activity.forProject(id));
		return "portal/staff-activity :: activity";
	}

	@GetMapping("/projects/{id}/portal-files/{fileId}")
	ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable UUID fileId) {
		return PortalController.download(homework.fileForProject(id, fileId)
			.orElseThrow(() -> new NotFoundException("File", fileId)));
	}

	@GetMapping("/admin/portal-branding")
	String branding(Model model) {
		model.addAttribute("brand", branding.current());
		return "portal/staff-branding";
	}

	@PostMapping("/admin/portal-branding")
	String saveBranding(@RequestParam(required = false) String vendorName, @RequestParam(required = false) String logoUrl,
			@RequestParam(required = false) String accentColour, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		try {
			branding.update(vendorName, logoUrl, accentColour);
		}
		catch (com.onward.shared.InvalidInputException e) {
			response.setStatus(400);
			model.addAttribute("brand", new Branding.Brand(vendorName, logoUrl, accentColour));
			model.addAttribute("error", e.errors().get(0).field());
			return "portal/staff-branding";
		}
		return "redirect:/admin/portal-branding?saved";
	}
}
