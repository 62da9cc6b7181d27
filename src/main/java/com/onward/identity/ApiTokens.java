package com.onward.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.NotFoundException;

/**
 * API bearer tokens. A token is 32 random bytes; only its SHA-256 hash is stored (a slow
 * password hash buys nothing for a random 256-bit secret and would slow every request).
 */
@Service
public class ApiTokens {

	public record TokenInfo(UUID id, String name, String prefix, StaffRole role, TokenScope scope, String createdBy,
			Instant createdAt, Instant revokedAt) {
		public boolean active() {
			return revokedAt == null;
		}
	}

	/** A freshly created token: {@code token} is shown once and never again. */
	public record CreatedToken(TokenInfo info, String token) {
	}

	record Principal(String name, StaffRole role, TokenScope scope) {
		String authority() {
			return scope == TokenScope.INGEST ? TokenScope.INGEST_AUTHORITY : role.authority();
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public CreatedToken create(String name, StaffRole role) {
		return create(name, role, TokenScope.FULL);
	}

	/** An {@code INGEST} token carries no role (stored as VIEWER): it can only post usage events. */
	@Transactional
	public CreatedToken create(String name, StaffRole role, TokenScope scope) {
		if (scope == TokenScope.INGEST) {
			role = StaffRole.VIEWER;
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = "onw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		String creator = AuditLog.currentActor();
		jdbc.sql("""
				insert into api_token (id, name, token_hash, token_prefix, role, scope, created_by, created_at)
				values (:id, :name, :hash, :prefix, :role, :scope, :by, :at)""")
			.param("id", id).param("name", name).param("hash", hash(token)).param("prefix", token.substring(0, 8))
			.param("role", role.name()).param("scope", scope.name()).param("by", creator).param("at", java.sql.Timestamp.from(now))
			.update();
		audit.record("token.created", "api_token", id, name + " (" + (scope == TokenScope.INGEST ? scope : role) + ")");
		return new CreatedToken(new TokenInfo(id, name, token.substring(0, 8), role, scope, creator, now, null), token);
	}

	@Transactional
	public void revoke(UUID id) {
		int n = jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null")
			.param("at", java.sql.Timestamp.from(clock.instant())).param("id", id).update();
		if (n == 0 && jdbc.sql("select count(*) from api_token where id = :id").param("id", id).query(Integer.class)
			.single() == 0) {
			throw new NotFoundException("Token", id);
		}
		audit.record("token.revoked", "api_token", id, null);
	}

	public List<TokenInfo> all() {
		return jdbc.sql("""
				select id, name, token_prefix, role, scope, created_by, created_at, revoked_at
				from api_token order by created_at desc""")
			.query((rs, n) -> new TokenInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					StaffRole.valueOf(rs.getString(4)), TokenScope.valueOf(rs.getString(5)), rs.getString(6),
					rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
			.list();
	}

	Optional<Principal> authenticate(String token) {
		return jdbc.sql("select name, role, scope from api_token where token_hash = :h and revoked_at is null")
			.param("h", hash(token))
			.query((rs, n) -> new Principal("token:" + rs.getString(1), StaffRole.valueOf(rs.getString(2)),
					TokenScope.valueOf(rs.getString(3))))
			.optional();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
