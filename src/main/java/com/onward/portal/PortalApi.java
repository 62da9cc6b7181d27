package com.onward.portal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Staff side of the portal: invitations, access switches, the sign-in audit, customer activity, branding. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Customer portal")
class PortalApi {

	record AccessChange(@NotNull Boolean enabled) {
	}

	record AccountPortal(boolean enabled, List<PortalAccess.ContactAccess> contacts) {
	}

	record BrandingChange(String vendorName, String logoUrl, String accentColour) {
	}

	private final PortalAccess access;
	private final PortalActivity activity;
	private final Branding branding;

	PortalApi(PortalAccess access, PortalActivity activity, Branding branding) {
		this.access = access;
		this.activity = activity;
		this.branding = branding;
	}

	@PostMapping("/accounts/{id}/contacts/{contactId}/portal-invite")
	ResponseEntity<Void> invite(@PathVariable UUID id, @PathVariable UUID contactId) {
		access.invite(id, contactId);
		return ResponseEntity.accepted().build();
	}

	@PutMapping("/accounts/{id}/contacts/{contactId}/portal")
	AccountPortal contactAccess(@PathVariable UUID id, @PathVariable UUID contactId, @Valid @RequestBody AccessChange body) {
		access.setContactAccess(id, contactId, body.enabled());
		return portal(id);
	}

	@GetMapping("/accounts/{id}/portal")
	AccountPortal portal(@PathVariable UUID id) {
		var contacts = access.contacts(id);
		return new AccountPortal(access.accountEnabled(id), contacts);
	}

	@PutMapping("/accounts/{id}/portal")
	AccountPortal accountAccess(@PathVariable UUID id, @Valid @RequestBody AccessChange body) {
		access.setAccountAccess(id, body.enabled());
		return portal(id);
	}

	@GetMapping("/accounts/{id}/portal/sign-ins")
	List<PortalAccess.SignIn> signIns(@PathVariable UUID id) {
		return access.signIns(id, 200);
	}

	@GetMapping("/projects/{id}/portal-activity")
	List<PortalActivity.ItemActivity> activity(@PathVariable UUID id) {
		return activity.forProject(id);
	}

	@GetMapping("/admin/portal-branding")
	Branding.Brand branding() {
		return branding.current();
	}

	@PutMapping("/admin/portal-branding")
	Branding.Brand setBranding(@RequestBody BrandingChange body) {
		return branding.update(body.vendorName(), body.logoUrl(), body.accentColour());
	}
}
