package com.onward.usage;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import com.onward.shared.InvalidInputException;
import com.onward.shared.InvalidInputException.FieldError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Segment's HTTP tracking API (ADO-1): {@code track}, {@code identify}, {@code group},
 * {@code page} and {@code batch} calls are translated into the same internal event batch as
 * {@code POST /events} and stored through {@link Ingestion}, so they get the same checks, the
 * same all-or-nothing transaction and the same deduplication (on {@code messageId}). A
 * {@code group} call ties its user to the account whose external id is the group id; the ties
 * are written in the events' transaction. Problems name the call, like {@code batch[2].event}.
 */
@Service
class SegmentIngestion {

	/** {@code ignored}: calls that carry no usage (identify, group, anonymous calls, events mapped to IGNORE). */
	record Result(int accepted, int duplicates, int ignored) {
	}

	private static final Set<String> TYPES = Set.of("track", "identify", "group", "page", "screen");

	/** Onward's event fields as a Segment call names them. */
	private static final Map<String, String> FIELDS = Map.of("id", "messageId", "userId", "userId", "occurredAt",
			"timestamp", "feature", "event", "type", "event", "properties", "properties", "accountId", "context.groupId",
			"accountExternalId", "context.groupId");

	private final Ingestion ingestion;
	private final SegmentMappings mappings;
	private final JdbcTemplate jdbc;
	private final Clock clock;

	SegmentIngestion(Ingestion ingestion, SegmentMappings mappings, JdbcTemplate jdbc, Clock clock) {
		this.ingestion = ingestion;
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private record Call(String at, String type, String userId, String messageId, String event, Instant timestamp,
			String groupId, String contextGroupId, JsonNode properties) {
	}

	/** {@code type} is the path's call type, or null for {@code /batch}. */
	Result ingest(String type, JsonNode body) {
		var errors = new ArrayList<FieldError>();
		var calls = new ArrayList<Call>();
		int ignored = 0;
		if (type == null) {
			JsonNode list = body == null ? null : body.get("batch");
			if (list == null || !list.isArray() || list.isEmpty()) {
				throw InvalidInputException.of("batch", "must be a non-empty array of calls");
			}
			if (list.size() > ingestion.maxBatch()) {
				throw new BatchTooLargeException(list.size(), ingestion.maxBatch());
			}
			for (int i = 0; i < list.size(); i++) {
				Call c = read("batch[" + i + "]", null, list.get(i), errors);
				if (c != null) calls.add(c);
				else if (errors.isEmpty()) ignored++;
			}
		}
		else {
			Call c = read("", type, body, errors);
			if (c != null) calls.add(c);
			else if (errors.isEmpty()) ignored++;
		}
		// Accounts: the group ids of group calls and of context.groupId, then earlier ties of the users.
		var externals = new HashSet<String>();
		for (Call c : calls) {
			if (c.groupId() != null) externals.add(c.groupId());
			if (c.contextGroupId() != null) externals.add(c.contextGroupId());
		}
		Map<String, UUID> byExternal = accountsByExternalId(externals);
		var ties = new TreeMap<String, UUID>(); // sorted: rows written in key order never deadlock
		for (Call c : calls) {
			if ("group".equals(c.type())) {
				UUID account = byExternal.get(c.groupId());
				if (account == null) {
					errors.add(new FieldError(name(c.at(), "groupId"), "no account has the external id '" + c.groupId() + "'"));
				}
				else {
					ties.put(c.userId(), account);
				}
			}
		}
		var usersToLookUp = new HashSet<String>();
		for (Call c : calls) {
			if (isUsage(c) && c.contextGroupId() == null && !ties.containsKey(c.userId())) usersToLookUp.add(c.userId());
		}
		Map<String, UUID> stored = storedTies(usersToLookUp);
		Map<String, SegmentMappings.Mapping> mapping = mappings.byEvent();
		ArrayNode events = JsonNodeFactory.instance.arrayNode();
		var callOf = new ArrayList<Call>();
		for (Call c : calls) {
			if (!isUsage(c)) {
				ignored++;
				continue;
			}
			UUID account;
			if (c.contextGroupId() != null) {
				account = byExternal.get(c.contextGroupId());
				if (account == null) {
					errors.add(new FieldError(name(c.at(), "context.groupId"), "no account has the external id '"
							+ c.contextGroupId() + "'"));
					continue;
				}
			}
			else {
				account = ties.containsKey(c.userId()) ? ties.get(c.userId()) : stored.get(c.userId());
				if (account == null) {
					errors.add(new FieldError(name(c.at(), "userId"), "user '" + c.userId()
							+ "' belongs to no account yet: send a group call (groupId = the account's external id) or context.groupId"));
					continue;
				}
			}
			String eventName = "track".equals(c.type()) ? c.event() : SegmentMappings.PAGE_EVENT;
			SegmentMappings.Mapping m = mapping.getOrDefault(eventName, mapping.get(SegmentMappings.ANY));
			if (m == null || SegmentMappings.IGNORE.equals(m.type())) {
				ignored++;
				continue;
			}
			ObjectNode e = events.addObject();
			if (c.messageId() != null) e.put("id", c.messageId());
			e.put("accountId", account.toString());
			e.put("userId", c.userId());
			e.put("type", m.type());
			if ("FEATURE_USED".equals(m.type())) e.put("feature", m.feature() != null ? m.feature() : eventName);
			e.put("occurredAt", (c.timestamp() != null ? c.timestamp() : clock.instant()).toString());
			if (c.properties() != null && !c.properties().isNull()) e.set("properties", c.properties());
			callOf.add(c);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		ObjectNode batch = JsonNodeFactory.instance.objectNode();
		batch.set("events", events);
		try {
			Ingestion.Result r = ingestion.ingestTranslated(batch, db -> writeTies(db, ties));
			return new Result(r.accepted(), r.duplicates(), ignored);
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(e.errors().stream().map(f -> renamed(f, callOf)).toList());
		}
	}

	private static boolean isUsage(Call c) {
		return "track".equals(c.type()) || "page".equals(c.type()) || "screen".equals(c.type());
	}

	/** {@code events[3].occurredAt} → {@code batch[5].timestamp}: the call the event came from, in Segment's terms. */
	private static FieldError renamed(FieldError f, List<Call> callOf) {
		String field = f.field();
		if (!field.startsWith("events[")) {
			return f;
		}
		int close = field.indexOf(']');
		Call c = callOf.get(Integer.parseInt(field.substring(7, close)));
		String rest = close + 2 <= field.length() ? field.substring(Math.min(field.length(), close + 2)) : "";
		String name = rest.isEmpty() ? "" : FIELDS.getOrDefault(rest, rest);
		return new FieldError(name.isEmpty() ? (c.at().isEmpty() ? "event" : c.at()) : name(c.at(), name), f.message());
	}

	private static String name(String at, String field) {
		return at.isEmpty() ? field : at + "." + field;
	}

	/** Reads one call; null with no new error means a call that carries nothing (an anonymous one). */
	private Call read(String at, String pathType, JsonNode c, List<FieldError> errors) {
		if (c == null || !c.isObject()) {
			errors.add(new FieldError(at.isEmpty() ? "body" : at, "must be a JSON object (a Segment call)"));
			return null;
		}
		int before = errors.size();
		String type = pathType;
		if (type == null) {
			type = text(c, at, "type", true, errors);
			if (type != null && !TYPES.contains(type)) {
				errors.add(new FieldError(name(at, "type"), "unknown call type '" + type + "'; one of track, identify, group, page"));
				return null;
			}
		}
		String userId = text(c, at, "userId", false, errors);
		if (userId == null && errors.size() == before) {
			if (text(c, at, "anonymousId", false, errors) == null && errors.size() == before) {
				errors.add(new FieldError(name(at, "userId"), "userId or anonymousId is required"));
			}
			return null; // anonymous: nothing to count for a user
		}
		String messageId = text(c, at, "messageId", false, errors);
		String event = "track".equals(type) ? text(c, at, "event", true, errors) : null;
		String groupId = "group".equals(type) ? text(c, at, "groupId", true, errors) : null;
		JsonNode context = c.get("context");
		String contextGroupId = context != null && context.isObject() ? text(context, name(at, "context"), "groupId", false, errors)
				: null;
		Instant timestamp = null;
		String ts = text(c, at, "timestamp", false, errors);
		if (ts == null) ts = text(c, at, "originalTimestamp", false, errors);
		if (ts != null) {
			try {
				timestamp = OffsetDateTime.parse(ts).toInstant();
			}
			catch (DateTimeParseException e) {
				errors.add(new FieldError(name(at, "timestamp"), "must be an ISO-8601 time like 2026-03-03T08:15:00Z"));
			}
		}
		JsonNode properties = c.get("properties");
		if (properties != null && !properties.isNull() && !properties.isObject()) {
			errors.add(new FieldError(name(at, "properties"), "must be a JSON object"));
		}
		if (errors.size() != before) {
			return null;
		}
		return new Call(at, type, userId, messageId, event, timestamp, groupId, contextGroupId,
				"page".equals(type) || "screen".equals(type) ? pageProperties(c, properties) : properties);
	}

	/** A page call's name and category travel with the event's properties. */
	private static JsonNode pageProperties(JsonNode c, JsonNode properties) {
		ObjectNode p = properties != null && properties.isObject() ? ((ObjectNode) properties).deepCopy()
				: JsonNodeFactory.instance.objectNode();
		JsonNode name = c.get("name");
		if (name != null && name.isString()) p.put("pageName", name.asString());
		JsonNode category = c.get("category");
		if (category != null && category.isString()) p.put("pageCategory", category.asString());
		return p;
	}

	/** Segment ids may be strings or numbers. */
	private static String text(JsonNode c, String at, String field, boolean required, List<FieldError> errors) {
		JsonNode v = c.get(field);
		if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
			if (required) errors.add(new FieldError(name(at, field), "is required"));
			return null;
		}
		if (!v.isString() && !v.isIntegralNumber()) {
			errors.add(new FieldError(name(at, field), "must be a string"));
			return null;
		}
		String s = v.asString().strip();
		if (s.length() > EventBatch.MAX_TEXT) {
			errors.add(new FieldError(name(at, field), "must be at most " + EventBatch.MAX_TEXT + " characters"));
			return null;
		}
		return s;
	}

	private Map<String, UUID> accountsByExternalId(Set<String> externals) {
		var map = new HashMap<String, UUID>();
		if (externals.isEmpty()) {
			return map;
		}
		jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement("select account_id, external_id from account_v where external_id = any(?)");
			ps.setArray(1, con.createArrayOf("text", externals.toArray()));
			return ps;
		}, rs -> { map.put(rs.getString(2), rs.getObject(1, UUID.class)); });
		return map;
	}

	private Map<String, UUID> storedTies(Set<String> users) {
		var map = new HashMap<String, UUID>();
		if (users.isEmpty()) {
			return map;
		}
		jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement("select user_id, account_id from segment_user_account where user_id = any(?)");
			ps.setArray(1, con.createArrayOf("text", users.toArray()));
			return ps;
		}, rs -> { map.put(rs.getString(1), rs.getObject(2, UUID.class)); });
		return map;
	}

	private void writeTies(JdbcTemplate db, TreeMap<String, UUID> ties) {
		if (ties.isEmpty()) {
			return;
		}
		db.update(con -> {
			PreparedStatement ps = con.prepareStatement("""
					insert into segment_user_account (user_id, account_id, updated_at)
					select u, a, ? from unnest(?::text[], ?::uuid[]) as x(u, a)
					on conflict (user_id) do update set account_id = excluded.account_id, updated_at = excluded.updated_at""");
			ps.setTimestamp(1, Timestamp.from(clock.instant()));
			ps.setArray(2, con.createArrayOf("text", ties.keySet().toArray()));
			ps.setArray(3, con.createArrayOf("uuid", ties.values().toArray()));
			return ps;
		});
	}
}
