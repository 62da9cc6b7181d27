package com.onward.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates Zendesk and Freshdesk webhook payloads into Onward's ticket shape, so one set of
 * rules checks them all. Statuses, priorities and types use each help desk's own vocabulary;
 * the category comes from an explicit {@code category}, else from the tags, else from the type.
 */
final class HelpDeskPayloads {

	private HelpDeskPayloads() {
	}

	/**
	 * A Zendesk trigger webhook whose JSON body is {@code {"ticket": {...}}} with the placeholders of
	 * docs/integrations.md ({@code {{ticket.id}}}, {@code {{ticket.status}}}, ...).
	 */
	static ObjectNode zendesk(JsonNode body) {
		JsonNode t = body == null ? null : body.get("ticket");
		ObjectNode out = JsonNodeFactory.instance.objectNode();
		if (t == null || !t.isObject()) {
			return null;
		}
		copy(t, "id", out, "externalId");
		account(t, out, "organization_external_id");
		copy(t, "requester_email", out, "requesterEmail");
		copy(t, "subject", out, "subject");
		if (!out.has("subject")) copy(t, "title", out, "subject");
		String status = lower(t, "status");
		if (status != null) {
			out.put("status", switch (status) {
				case "new", "open", "hold", "on-hold", "on_hold" -> "OPEN";
				case "pending" -> "PENDING_CUSTOMER";
				default -> status; // solved, closed; anything else is reported by the checks
			});
		}
		String priority = lower(t, "priority");
		if (priority != null && !priority.equals("-")) out.put("priority", priority);
		out.put("category", category(t.get("category"), tags(t.get("tags")), lower(t, "type")));
		copy(t, "created_at", out, "createdAt");
		copy(t, "updated_at", out, "updatedAt");
		copy(t, "solved_at", out, "solvedAt");
		return out;
	}

	/**
	 * A Freshdesk automation webhook whose JSON body is {@code {"freshdesk_webhook": {"ticket_id": ...}}}
	 * (Freshdesk's own naming of the ticket placeholders).
	 */
	static ObjectNode freshdesk(JsonNode body) {
		JsonNode t = body == null ? null : body.get("freshdesk_webhook");
		if (t == null || !t.isObject()) {
			return null;
		}
		ObjectNode out = JsonNodeFactory.instance.objectNode();
		copy(t, "ticket_id", out, "externalId");
		account(t, out, "ticket_company_external_id");
		copy(t, "ticket_contact_email", out, "requesterEmail");
		copy(t, "ticket_subject", out, "subject");
		String status = lower(t, "ticket_status");
		if (status != null) {
			out.put("status", switch (status) {
				case "open", "waiting on third party" -> "OPEN";
				case "pending", "waiting on customer" -> "PENDING_CUSTOMER";
				case "resolved" -> "SOLVED";
				default -> status;
			});
		}
		String priority = lower(t, "ticket_priority");
		if (priority != null) out.put("priority", "medium".equals(priority) ? "NORMAL" : priority);
		String type = lower(t, "ticket_type");
		if (type == null) type = lower(t, "ticket_ticket_type");
		out.put("category", category(t.get("ticket_category"), tags(t.get("ticket_tags")), type));
		copy(t, "ticket_created_at", out, "createdAt");
		copy(t, "ticket_updated_at", out, "updatedAt");
		copy(t, "ticket_resolved_at", out, "solvedAt");
		return out;
	}

	/** {@code onward_account} (an account id or external id) wins over the help desk's organization id. */
	private static void account(JsonNode t, ObjectNode out, String organizationField) {
		String ref = text(t, "onward_account");
		if (ref == null) ref = text(t, organizationField);
		if (ref == null) {
			return;
		}
		try {
			java.util.UUID.fromString(ref);
			out.put("accountId", ref);
		}
		catch (IllegalArgumentException e) {
			out.put("accountExternalId", ref);
		}
	}

	static String category(JsonNode explicit, List<String> tags, String type) {
		if (explicit != null && explicit.isString() && !explicit.asString().isBlank()) {
			return explicit.asString();
		}
		for (String tag : tags) {
			switch (tag.replace('-', '_')) {
				case "technical", "bug", "integration", "api", "sso", "outage" -> { return "TECHNICAL"; }
				case "how_to", "howto", "question", "training" -> { return "HOW_TO"; }
				case "billing", "invoice", "payment" -> { return "BILLING"; }
				default -> { }
			}
		}
		if (type != null) {
			switch (type) {
				case "problem", "incident" -> { return "TECHNICAL"; }
				case "question" -> { return "HOW_TO"; }
				case "billing" -> { return "BILLING"; }
				default -> { }
			}
		}
		return "OTHER";
	}

	/** Tags as a JSON array or as Zendesk's and Freshdesk's space- or comma-separated text. */
	private static List<String> tags(JsonNode v) {
		var list = new ArrayList<String>();
		if (v == null || v.isNull()) {
			return list;
		}
		if (v.isArray()) {
			v.forEach(n -> list.add(n.asString().strip().toLowerCase(Locale.ROOT)));
		}
		else {
			for (String s : v.asString().split("[,\\s]+")) {
				if (!s.isBlank()) list.add(s.strip().toLowerCase(Locale.ROOT));
			}
		}
		return list;
	}

	private static void copy(JsonNode from, String field, ObjectNode to, String as) {
		JsonNode v = from.get(field);
		if (v != null && !v.isNull()) {
			to.set(as, v.isNumber() ? JsonNodeFactory.instance.stringNode(v.asString()) : v);
		}
	}

	private static String text(JsonNode t, String field) {
		JsonNode v = t.get(field);
		return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString().strip();
	}

	private static String lower(JsonNode t, String field) {
		String s = text(t, field);
		return s == null ? null : s.toLowerCase(Locale.ROOT);
	}
}
