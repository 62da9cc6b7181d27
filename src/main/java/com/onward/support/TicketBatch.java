package com.onward.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.onward.shared.InvalidInputException.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * Reads tickets in Onward's own shape and checks every field before anything is stored: one
 * error per bad field, named like {@code tickets[2].status}. Webhook receivers translate their
 * payloads into this shape first, so every source obeys the same rules.
 */
final class TicketBatch {

	static final int MAX_TEXT = 200;
	static final int MAX_SUBJECT = 500;

	/** A ticket whose fields have the right types; the account is resolved later in one pass. */
	record Parsed(String field, String externalId, UUID accountId, String accountExternalId, String requesterEmail,
			String subject, String category, String priority, String status, Instant createdAt, Instant updatedAt,
			Instant solvedAt) {
	}

	final List<Parsed> tickets = new ArrayList<>();
	final List<FieldError> errors = new ArrayList<>();

	static TicketBatch read(JsonNode body, Instant now) {
		var batch = new TicketBatch();
		JsonNode list = body == null ? null : body.get("tickets");
		if (list == null || !list.isArray()) {
			batch.errors.add(new FieldError("tickets", "must be an array of tickets"));
			return batch;
		}
		if (list.isEmpty()) {
			batch.errors.add(new FieldError("tickets", "must contain at least one ticket"));
			return batch;
		}
		for (int i = 0; i < list.size(); i++) {
			batch.readTicket("tickets[" + i + "]", list.get(i), now);
		}
		return batch;
	}

	/** One ticket (a webhook's payload translated), its errors named under {@code at}. */
	static TicketBatch one(String at, JsonNode ticket, Instant now) {
		var batch = new TicketBatch();
		batch.readTicket(at, ticket, now);
		return batch;
	}

	private void readTicket(String at, JsonNode t, Instant now) {
		if (t == null || !t.isObject()) {
			errors.add(new FieldError(at, "must be an object"));
			return;
		}
		int before = errors.size();
		String externalId = text(t, at, "externalId", true, MAX_TEXT);
		UUID accountId = null;
		String accountIdText = text(t, at, "accountId", false, MAX_TEXT);
		if (accountIdText != null) {
			try {
				accountId = UUID.fromString(accountIdText);
			}
			catch (IllegalArgumentException e) {
				errors.add(new FieldError(at + ".accountId", "is not an account id (a UUID)"));
			}
		}
		String accountExternal = text(t, at, "accountExternalId", false, MAX_TEXT);
		if (accountIdText == null && accountExternal == null) {
			errors.add(new FieldError(at + ".accountId", "accountId or accountExternalId is required"));
		}
		String email = text(t, at, "requesterEmail", false, MAX_TEXT);
		if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
			errors.add(new FieldError(at + ".requesterEmail", "is not an email address"));
		}
		String subject = text(t, at, "subject", true, MAX_SUBJECT);
		String category = choice(t, at, "category", true, "TECHNICAL", "HOW_TO", "BILLING", "OTHER");
		String priority = choice(t, at, "priority", false, "LOW", "NORMAL", "HIGH", "URGENT");
		String status = choice(t, at, "status", true, "OPEN", "PENDING_CUSTOMER", "SOLVED", "CLOSED");
		Instant created = instant(t, at, "createdAt", true, now);
		Instant updated = instant(t, at, "updatedAt", false, now);
		Instant solved = instant(t, at, "solvedAt", false, now);
		if (created != null && updated != null && updated.isBefore(created)) {
			errors.add(new FieldError(at + ".updatedAt", "must not be before createdAt"));
		}
		if (created != null && solved != null && solved.isBefore(created)) {
			errors.add(new FieldError(at + ".solvedAt", "must not be before createdAt"));
		}
		if (errors.size() == before) {
			tickets.add(new Parsed(at, externalId, accountId, accountExternal, email, subject, category,
					priority == null ? "NORMAL" : priority, status, created, updated == null ? created : updated,
					solved == null && ("SOLVED".equals(status) || "CLOSED".equals(status)) ? updated : solved));
		}
	}

	/** Case and separators are forgiven: {@code how-to}, {@code How to} and {@code HOW_TO} are the same. */
	private String choice(JsonNode t, String at, String field, boolean required, String... allowed) {
		String s = text(t, at, field, required, MAX_TEXT);
		if (s == null) {
			return null;
		}
		String norm = s.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		if ("PENDING".equals(norm) || "PENDING_ON_CUSTOMER".equals(norm)) norm = "PENDING_CUSTOMER";
		for (String a : allowed) {
			if (a.equals(norm)) {
				return a;
			}
		}
		errors.add(new FieldError(at + "." + field, "unknown value '" + s + "'; one of "
				+ String.join(", ", java.util.Arrays.stream(allowed).map(a -> a.toLowerCase(Locale.ROOT)).toList())));
		return null;
	}

	private Instant instant(JsonNode t, String at, String field, boolean required, Instant now) {
		String s = text(t, at, field, required, MAX_TEXT);
		if (s == null) {
			return null;
		}
		Instant i;
		try {
			i = OffsetDateTime.parse(s).toInstant();
		}
		catch (DateTimeParseException e) {
			errors.add(new FieldError(at + "." + field, "must be an ISO-8601 time like 2026-03-03T08:15:00Z"));
			return null;
		}
		if (i.isAfter(now.plus(java.time.Duration.ofDays(1)))) {
			errors.add(new FieldError(at + "." + field, "is in the future"));
			return null;
		}
		return i;
	}

	private String text(JsonNode t, String at, String field, boolean required, int max) {
		JsonNode v = t.get(field);
		if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
			if (required) {
				errors.add(new FieldError(at + "." + field, "is required"));
			}
			return null;
		}
		if (!v.isString() && !v.isNumber()) {
			errors.add(new FieldError(at + "." + field, "must be a string"));
			return null;
		}
		String s = v.asString().strip();
		if (s.length() > max) {
			errors.add(new FieldError(at + "." + field, "must be at most " + max + " characters"));
			return null;
		}
		if (s.chars().anyMatch(c -> c < 0x20)) {
			errors.add(new FieldError(at + "." + field, "must not contain control characters"));
			return null;
		}
		return s;
	}
}
