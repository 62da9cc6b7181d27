package com.onward.usage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.onward.shared.InvalidInputException.FieldError;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads a posted batch and checks every event before anything is stored (ADO-1): one error
 * per bad field, named like {@code events[3].occurredAt}. Account references are checked
 * later against the database, in one query for the whole batch.
 */
final class EventBatch {

	static final int MAX_TEXT = 200;
	static final int MAX_PROPERTIES_CHARS = 16_384;

	/** An event whose fields have the right types; {@code accountRef} is an id or an external id. */
	record Parsed(int index, String id, UUID accountId, String accountExternalId, String userId, UsageEventType type,
			String feature, Instant occurredAt, String properties) {
	}

	final List<Parsed> events = new ArrayList<>();
	final List<FieldError> errors = new ArrayList<>();

	/** Reads {@code events}; {@code null} body or a missing array is an error on {@code events}. */
	static EventBatch read(JsonNode body, Instant earliest, Instant latest) {
		var batch = new EventBatch();
		JsonNode list = body == null ? null : body.get("events");
		if (list == null || !list.isArray()) {
			batch.errors.add(new FieldError("events", "must be an array of events"));
			return batch;
		}
		if (list.isEmpty()) {
			batch.errors.add(new FieldError("events", "must contain at least one event"));
			return batch;
		}
		for (int i = 0; i < list.size(); i++) {
			batch.readEvent(i, list.get(i), earliest, latest);
		}
		return batch;
	}

	/**
	 * Reads {@code {"events": [...]}} from a stream one event at a time: only the events read so far
	 * are held (never the whole body or its tree), and reading stops at the first event over
	 * {@code maxBatch} ({@link BatchTooLargeException}), whatever follows it. Other top-level fields
	 * are skipped. Malformed JSON is a {@link JacksonException} for the caller.
	 */
	static EventBatch stream(JsonParser parser, int maxBatch, Instant earliest, Instant latest) {
		var batch = new EventBatch();
		JsonToken token = parser.nextToken();
		if (token != JsonToken.START_OBJECT) {
			if (token != null) parser.skipChildren();
			batch.errors.add(new FieldError("events", "must be an array of events"));
			return batch;
		}
		boolean seen = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (!"events".equals(name) || seen) {
				parser.skipChildren();
				continue;
			}
			seen = true;
			if (value != JsonToken.START_ARRAY) {
				parser.skipChildren();
				batch.errors.add(new FieldError("events", "must be an array of events"));
				continue;
			}
			int i = 0;
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				if (i == maxBatch) throw BatchTooLargeException.over(maxBatch);
				JsonNode event = parser.readValueAsTree();
				batch.readEvent(i++, event, earliest, latest);
			}
			if (i == 0) batch.errors.add(new FieldError("events", "must contain at least one event"));
		}
		if (!seen) batch.errors.add(new FieldError("events", "must be an array of events"));
		return batch;
	}

	private void readEvent(int i, JsonNode e, Instant earliest, Instant latest) {
		String at = "events[" + i + "]";
		if (e == null || !e.isObject()) {
			errors.add(new FieldError(at, "must be an object"));
			return;
		}
		int before = errors.size();
		String id = text(e, at, "id", false);
		UUID accountId = null;
		String accountIdText = text(e, at, "accountId", false);
		if (accountIdText != null) {
			try {
				accountId = UUID.fromString(accountIdText);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError(at + ".accountId", "is not an account id (a UUID)"));
			}
		}
		String external = text(e, at, "accountExternalId", false);
		if (accountIdText == null && external == null && errors.size() == before) {
			errors.add(new FieldError(at + ".accountId", "accountId or accountExternalId is required"));
		}
		String userId = text(e, at, "userId", true);
		UsageEventType type = null;
		String typeText = text(e, at, "type", true);
		if (typeText != null) {
			try {
				type = UsageEventType.valueOf(typeText);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError(at + ".type", "unknown type '" + typeText + "'; one of "
						+ java.util.Arrays.toString(UsageEventType.values())));
			}
		}
		int beforeFeature = errors.size();
		String feature = text(e, at, "feature", false);
		if (type == UsageEventType.FEATURE_USED && feature == null && !e.has("feature")) {
			errors.add(new FieldError(at + ".feature", "is required for FEATURE_USED"));
		}
		// Suspicious keys (markup, SQL, control characters) never reach the catalogue.
		String featureProblem = feature == null || errors.size() > beforeFeature ? null : FeatureKeys.problem(feature);
		if (featureProblem != null) {
			errors.add(new FieldError(at + ".feature", featureProblem));
			feature = null;
		}
		Instant occurredAt = null;
		String when = text(e, at, "occurredAt", true);
		if (when != null) {
			try {
				occurredAt = Instant.parse(when);
				if (occurredAt.isAfter(latest)) {
					errors.add(new FieldError(at + ".occurredAt", "is too far in the future (after " + latest + ")"));
				}
				else if (occurredAt.isBefore(earliest)) {
					errors.add(new FieldError(at + ".occurredAt", "is older than the raw-event retention (" + earliest + ")"));
				}
			}
			catch (DateTimeParseException ex) {
				errors.add(new FieldError(at + ".occurredAt", "must be an ISO-8601 instant like 2026-03-03T08:15:00Z"));
			}
		}
		String properties = null;
		JsonNode props = e.get("properties");
		if (props != null && !props.isNull()) {
			if (!props.isObject()) {
				errors.add(new FieldError(at + ".properties", "must be a JSON object"));
			}
			else {
				properties = props.toString();
				if (properties.contains("\\u0000")) {
					// PostgreSQL's jsonb cannot hold NUL characters.
					errors.add(new FieldError(at + ".properties", "must not contain NUL (\\u0000) characters"));
				}
				else if (properties.length() > MAX_PROPERTIES_CHARS) {
					errors.add(new FieldError(at + ".properties", "must be at most " + MAX_PROPERTIES_CHARS + " characters of JSON"));
				}
			}
		}
		if (errors.size() == before) {
			events.add(new Parsed(i, id, accountId, external, userId, type, feature, occurredAt, properties));
		}
	}

	/** A string field: wrong JSON types, blanks, overlong text and control characters are errors. */
	private String text(JsonNode e, String at, String field, boolean required) {
		JsonNode v = e.get(field);
		if (v == null || v.isNull()) {
			if (required) {
				errors.add(new FieldError(at + "." + field, "is required"));
			}
			return null;
		}
		if (!v.isString()) {
			errors.add(new FieldError(at + "." + field, "must be a string"));
			return null;
		}
		String s = v.asString().strip();
		if (s.isEmpty()) {
			errors.add(new FieldError(at + "." + field, "must not be blank"));
			return null;
		}
		if (s.length() > MAX_TEXT) {
			errors.add(new FieldError(at + "." + field, "must be at most " + MAX_TEXT + " characters"));
			return null;
		}
		if (hasControlCharacter(s)) {
			errors.add(new FieldError(at + "." + field, "must not contain control characters"));
			return null;
		}
		return s;
	}

	/** A plain loop: this runs for every field of every event, where a stream per field showed in profiles. */
	private static boolean hasControlCharacter(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) < 0x20) return true;
		}
		return false;
	}
}
