package com.onward.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.identity.ApiTokens;
import com.onward.identity.StaffRole;
import com.onward.identity.TokenScope;
import com.onward.shared.InvalidInputException;
import com.onward.support.TicketSources;
import com.onward.usage.SegmentDeliveries;
import com.onward.usage.SegmentMappings;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The admins' Integrations page: write keys for Segment and the help desks, the Zendesk and
 * Freshdesk receivers with their last deliveries, Segment's event-name mapping and last deliveries, and the CRM
 * connections with their mapping, a preview of a pasted payload and their last deliveries.
 * Secrets are shown once, right after they are made.
 */
@Controller
class IntegrationsController {

	private static final String PAGE = "redirect:/admin/integrations";

	private final TicketSources sources;
	private final SegmentMappings mappings;
	private final SegmentDeliveries segmentDeliveries;
	private final CrmConnections crm;
	private final ApiTokens tokens;
	private final ObjectMapper json;

	IntegrationsController(TicketSources sources, SegmentMappings mappings, SegmentDeliveries segmentDeliveries,
			CrmConnections crm, ApiTokens tokens, ObjectMapper json) {
		this.sources = sources;
		this.mappings = mappings;
		this.segmentDeliveries = segmentDeliveries;
		this.crm = crm;
		this.tokens = tokens;
		this.json = json;
	}

	@GetMapping("/admin/integrations")
	String page(Model model) {
		model.addAttribute("helpDesks", sources.connections());
		model.addAttribute("zendeskDeliveries", sources.deliveries("zendesk"));
		model.addAttribute("freshdeskDeliveries", sources.deliveries("freshdesk"));
		model.addAttribute("mappings", mappings.all());
		model.addAttribute("segmentDeliveries", segmentDeliveries.recent());
		var connections = crm.all();
		model.addAttribute("connections", connections);
		var mappingText = new LinkedHashMap<UUID, String>();
		var deliveries = new LinkedHashMap<UUID, Object>();
		for (var c : connections) {
			mappingText.put(c.id(), json.writerWithDefaultPrettyPrinter().writeValueAsString(c.mapping()));
			deliveries.put(c.id(), crm.deliveries(c.id()));
		}
		model.addAttribute("mappingText", mappingText);
		model.addAttribute("crmDeliveries", deliveries);
		model.addAttribute("writeKeys", tokens.all().stream().filter(t -> t.scope() == TokenScope.INGEST && t.active()).toList());
		return "integration/integrations";
	}

	@PostMapping("/admin/integrations/write-key")
	String writeKey(@RequestParam String name, RedirectAttributes redirect) {
		if (name.isBlank() || name.length() > 100) {
			redirect.addFlashAttribute("error", "integrations.error.name");
			return PAGE;
		}
		redirect.addFlashAttribute("newSecret", tokens.create(name.strip(), StaffRole.VIEWER, TokenScope.INGEST).token());
		return PAGE;
	}

	@PostMapping("/admin/integrations/zendesk")
	String zendesk(@RequestParam String signingSecret, RedirectAttributes redirect) {
		if (signingSecret.isBlank() || signingSecret.length() > 200) {
			redirect.addFlashAttribute("error", "integrations.error.secret");
			return PAGE;
		}
		sources.setZendeskSecret(signingSecret.strip());
		redirect.addFlashAttribute("saved", true);
		return PAGE;
	}

	@PostMapping("/admin/integrations/freshdesk")
	String freshdesk(RedirectAttributes redirect) {
		redirect.addFlashAttribute("newSecret", sources.newFreshdeskSecret());
		return PAGE;
	}

	@PostMapping("/admin/integrations/segment/mappings")
	String mapping(@RequestParam String event, @RequestParam String type,
			@RequestParam(required = false) String feature, RedirectAttributes redirect) {
		try {
			mappings.put(event, type, feature);
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("problem", e.getMessage());
		}
		return PAGE;
	}

	@PostMapping("/admin/integrations/segment/mappings/delete")
	String deleteMapping(@RequestParam String event, RedirectAttributes redirect) {
		try {
			mappings.delete(event);
		}
		catch (RuntimeException e) {
			redirect.addFlashAttribute("problem", e.getMessage());
		}
		return PAGE;
	}

	@PostMapping("/admin/integrations/crm")
	String createCrm(@RequestParam String name, @RequestParam String preset, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("newSecret", crm.create(name, preset, null).secret());
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("problem", e.getMessage());
		}
		return PAGE;
	}

	@PostMapping("/admin/integrations/crm/{id}/mapping")
	String saveMapping(@PathVariable UUID id, @RequestParam String mapping, RedirectAttributes redirect) {
		try {
			crm.updateMapping(id, parse(mapping));
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("problem", e.errors().stream().map(f -> f.field() + ": " + f.message())
				.reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
		}
		return PAGE;
	}

	/** htmx: the contract a pasted payload maps to with the mapping in the editor (nothing is saved). */
	@PostMapping("/admin/integrations/crm/{id}/preview")
	String preview(@PathVariable UUID id, @RequestParam String mapping, @RequestParam String payload, Model model) {
		crm.get(id);
		try {
			CrmConnections.Preview p = crm.preview(parse(mapping), payload);
			model.addAttribute("contract", p.contract() == null ? null
					: json.writerWithDefaultPrettyPrinter().writeValueAsString(p.contract()));
			model.addAttribute("problems", p.errors());
		}
		catch (InvalidInputException e) {
			model.addAttribute("contract", null);
			model.addAttribute("problems", e.errors());
		}
		return "integration/integrations :: preview";
	}

	private Map<String, String> parse(String mapping) {
		try {
			Map<String, String> m = json.readValue(mapping, new TypeReference<LinkedHashMap<String, String>>() {
			});
			if (m == null) throw InvalidInputException.of("mapping", "must be a JSON object of field: expression");
			return m;
		}
		catch (JacksonException e) {
			throw InvalidInputException.of("mapping", "must be a JSON object of field: expression");
		}
	}
}
