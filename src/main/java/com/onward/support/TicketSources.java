package com.onward.support;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;

/**
 * The help-desk webhook connections: Zendesk's signing secret (Zendesk generates it; the admin
 * pastes it here), Freshdesk's shared secret (generated here and shown once, only its hash kept),
 * and the last deliveries of each receiver with their problems.
 */
@Service
public class TicketSources {

	public record Connection(String kind, boolean configured, Instant updatedAt) {
	}

	public record Delivery(String receiver, Instant receivedAt, int status, String summary, String problem) {
	}

	static final int KEEP_DELIVERIES = 50;

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	TicketSources(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public void setZendeskSecret(String secret) {
		jdbc.sql("""
				insert into support_source (kind, secret, updated_at) values ('ZENDESK', :s, :at)
				on conflict (kind) do update set secret = excluded.secret, updated_at = excluded.updated_at""")
			.param("s", secret).param("at", Timestamp.from(clock.instant())).update();
		audit.record("integration.zendesk.secret", "support_source", null, null);
	}

	/** A new Freshdesk shared secret; returned once, never shown again. */
	@Transactional
	public String newFreshdeskSecret() {
		String secret = "fds_" + com.onward.shared.SecureTokens.random(24);
		jdbc.sql("""
				insert into support_source (kind, secret_hash, updated_at) values ('FRESHDESK', :h, :at)
				on conflict (kind) do update set secret_hash = excluded.secret_hash, updated_at = excluded.updated_at""")
			.param("h", sha256(secret)).param("at", Timestamp.from(clock.instant())).update();
		audit.record("integration.freshdesk.secret", "support_source", null, null);
		return secret;
	}

	public List<Connection> connections() {
		var list = new java.util.ArrayList<Connection>();
		for (String kind : List.of("ZENDESK", "FRESHDESK")) {
			list.add(jdbc.sql("select updated_at from support_source where kind = :k").param("k", kind)
				.query(Timestamp.class).optional().map(t -> new Connection(kind, true, t.toInstant()))
				.orElse(new Connection(kind, false, null)));
		}
		return list;
	}

	/**
	 * How far a signed Zendesk delivery's timestamp may be from now: a captured delivery cannot be
	 * replayed later, and Zendesk sends (and retries) within minutes.
	 */
	static final java.time.Duration MAX_SIGNATURE_SKEW = java.time.Duration.ofMinutes(5);

	/**
	 * Zendesk signs {@code timestamp + body} with HMAC-SHA256 and sends it base64-encoded in
	 * {@code X-Zendesk-Webhook-Signature}; compared in constant time, and only for a fresh timestamp.
	 */
	boolean zendeskSignatureValid(String signature, String timestamp, byte[] body) {
		Optional<String> secret = jdbc.sql("select secret from support_source where kind = 'ZENDESK' and secret is not null")
			.query(String.class).optional();
		if (secret.isEmpty() || signature == null || timestamp == null || !fresh(timestamp)) {
			return false;
		}
		byte[] expected = Base64.getEncoder().encode(hmac(secret.get(), timestamp, body));
		return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
	}

	private boolean fresh(String timestamp) {
		try {
			java.time.Instant at = java.time.Instant.parse(timestamp.strip());
			return java.time.Duration.between(at, clock.instant()).abs().compareTo(MAX_SIGNATURE_SKEW) <= 0;
		}
		catch (java.time.format.DateTimeParseException e) {
			return false;
		}
	}

	boolean freshdeskSecretValid(String secret) {
		Optional<String> hash = jdbc.sql("select secret_hash from support_source where kind = 'FRESHDESK' and secret_hash is not null")
			.query(String.class).optional();
		return hash.isPresent() && secret != null
				&& MessageDigest.isEqual(hash.get().getBytes(StandardCharsets.US_ASCII),
						sha256(secret.strip()).getBytes(StandardCharsets.US_ASCII));
	}

	static byte[] hmac(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String sha256(String s) {
		return com.onward.shared.SecureTokens.sha256(s);
	}

	/** Logged in its own transaction, so a rejected delivery is on record although nothing else was stored. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void logDelivery(String receiver, int status, String summary, String problem) {
		jdbc.sql("""
				insert into support_delivery (receiver, received_at, status, summary, problem)
				values (:r, :at, :s, :sum, :p)""")
			.param("r", receiver).param("at", Timestamp.from(clock.instant())).param("s", status)
			.param("sum", clip(summary)).param("p", clip(problem)).update();
		jdbc.sql("""
				delete from support_delivery where receiver = :r and id not in (
				  select id from support_delivery where receiver = :r order by id desc limit :n)""")
			.param("r", receiver).param("n", KEEP_DELIVERIES).update();
	}

	public List<Delivery> deliveries(String receiver) {
		return jdbc.sql("""
				select receiver, received_at, status, summary, problem from support_delivery
				where receiver = :r order by id desc limit :n""")
			.param("r", receiver).param("n", KEEP_DELIVERIES)
			.query((rs, i) -> new Delivery(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	private static String clip(String s) {
		return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
	}
}
