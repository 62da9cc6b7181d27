package com.onward.messaging;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;

import tools.jackson.databind.ObjectMapper;

/**
 * Outgoing webhooks: endpoints subscribe to event types ({@code *} for all). Each call carries
 * {@code X-Onward-Delivery} (the outbox id, the same on every retry: receivers deduplicate on it),
 * {@code X-Onward-Event}, {@code X-Onward-Timestamp} and {@code X-Onward-Signature: sha256=<hex>},
 * the HMAC-SHA256 of {@code timestamp + "." + body} under the endpoint's secret. The timestamp lets
 * a receiver refuse old replays.
 */
@Service
public class Webhooks {

	public record Endpoint(UUID id, String url, List<String> events, boolean enabled, Instant createdAt) {
	}

	/** A new endpoint with its secret, shown once. */
	public record Created(UUID id, String url, List<String> events, String secret) {
	}

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final ObjectMapper json;
	private final Clock clock;
	private final AuditLog audit;
	private final SecureRandom random = new SecureRandom();
	private final OutboundTargets targets;

	Webhooks(JdbcClient jdbc, Outbox outbox, ObjectMapper json, Clock clock, AuditLog audit, OutboundTargets targets) {
		this.targets = targets;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.json = json;
		this.clock = clock;
		this.audit = audit;
	}

	@Transactional
	public Created register(String url, List<String> events) {
		URI uri;
		try {
			uri = targets.check(url);
		}
		catch (OutboundTargets.Refused e) {
			throw InvalidInputException.of("url", e.getMessage());
		}
		if (events == null || events.isEmpty() || events.stream().anyMatch(e -> e == null || e.isBlank())) {
			throw InvalidInputException.of("events", "name at least one event type, or *");
		}
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String secret = "whsec_" + HexFormat.of().formatHex(bytes);
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into webhook_endpoint (id, url, secret, events, enabled, created_at) values (:id, :url, :secret, :events, true, :at)")
			.param("id", id).param("url", uri.toString()).param("secret", secret)
			.param("events", events.stream().map(String::strip).toArray(String[]::new))
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("webhook.registered", "webhook_endpoint", id, uri.toString());
		return new Created(id, uri.toString(), events, secret);
	}

	public List<Endpoint> endpoints() {
		return jdbc.sql("select id, url, events, enabled, created_at from webhook_endpoint order by created_at")
			.query((rs, n) -> new Endpoint(rs.getObject(1, UUID.class), rs.getString(2),
					List.of((String[]) rs.getArray(3).getArray()), rs.getBoolean(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	@Transactional
	public void remove(UUID id) {
		if (jdbc.sql("delete from webhook_endpoint where id = :id").param("id", id).update() == 0) {
			throw new NotFoundException("Webhook", id);
		}
		// Calls still queued for it have nowhere to go: visibly failed, not silently dropped.
		jdbc.sql("update outbox_message set status = 'FAILED', last_error = 'webhook endpoint removed' where webhook_id = :id and status = 'PENDING'")
			.param("id", id).update();
		audit.record("webhook.removed", "webhook_endpoint", id, null);
	}

	/**
	 * Queues the event for every enabled endpoint subscribed to it, once per (endpoint, key).
	 * Returns how many calls were queued.
	 */
	@Transactional
	public int fire(String event, String key, UUID accountId, Map<String, Object> data) {
		return fireAll(event, List.of(new Call(key, accountId, data)));
	}

	/** One occurrence of an event for the webhooks: its key, account and data. */
	public record Call(String key, UUID accountId, Map<String, Object> data) {
	}

	/**
	 * Queues many occurrences of one event (a chunk of a bulk change): the subscribed endpoints are
	 * read once; with none (the usual case) nothing else is done.
	 */
	@Transactional
	public int fireAll(String event, List<Call> calls) {
		var endpoints = jdbc.sql("select id, url from webhook_endpoint where enabled and (:event = any(events) or '*' = any(events))")
			.param("event", event).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list();
		if (endpoints.isEmpty()) {
			return 0;
		}
		int queued = 0;
		for (Call call : calls) {
			var payload = new LinkedHashMap<String, Object>();
			payload.put("event", event);
			payload.put("accountId", call.accountId());
			payload.put("occurredAt", clock.instant().toString());
			payload.put("data", call.data());
			String body = json.writeValueAsString(payload);
			for (var e : endpoints) {
				if (outbox.enqueueHttp("webhook:" + e.getKey() + ":" + call.key(), "WEBHOOK", event, call.accountId(),
						e.getValue(), e.getKey(), event, body)) {
					queued++;
				}
			}
		}
		return queued;
	}

	/**
	 * Adds the delivery id, event, timestamp and signature headers to a webhook call; false when the
	 * endpoint has been removed meanwhile (the call is then not made).
	 */
	boolean sign(HttpRequest.Builder request, UUID webhookId, UUID deliveryId, String event, String body, Instant now) {
		String secret = webhookId == null ? null : jdbc.sql("select secret from webhook_endpoint where id = :id")
			.param("id", webhookId).query(String.class).optional().orElse(null);
		if (secret == null) {
			return false;
		}
		String timestamp = Long.toString(now.getEpochSecond());
		request.header("X-Onward-Delivery", deliveryId.toString()).header("X-Onward-Event", event)
			.header("X-Onward-Timestamp", timestamp).header("X-Onward-Signature", "sha256=" + hmac(secret, timestamp + "." + body));
		return true;
	}

	/** HMAC-SHA256 as lower-case hex: what a receiver computes to verify a call. */
	public static String hmac(String secret, String text) {
		return hmac(secret.getBytes(StandardCharsets.UTF_8), text);
	}

	static String hmac(byte[] key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}
}
