package com.onward.identity;

import java.time.Clock;
import java.time.Instant;
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
			Instant createdAt, Instant revokedAt, Instant expiresAt, boolean active) {
		/** {@code active}: not revoked and not expired as of {@code now}. */
		static TokenInfo of(UUID id, String name, String prefix, StaffRole role, TokenScope scope, String createdBy,
				Instant createdAt, Instant revokedAt, Instant expiresAt, Instant now) {
			return new TokenInfo(id, name, prefix, role, scope, createdBy, createdAt, revokedAt, expiresAt,
					revokedAt == null && (expiresAt == null || expiresAt.isAfter(now)));
		}
	}

	/** A freshly created token: {@code token} is shown once and never again. */
	public record CreatedToken(TokenInfo info, String token) {
	}

	/** The user on whose behalf a token acts (the creator of the token, or of the token that created it). */
	record Owner(UUID userId) {
	}

	record Principal(String name, StaffRole role, TokenScope scope, UUID ownerId) {
		Principal(String name, StaffRole role, TokenScope scope) {
			this(name, role, scope, null);
		}

		String authority() {
			return scope == TokenScope.INGEST ? TokenScope.INGEST_AUTHORITY : role.authority();
		}
	}


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
		return create(name, role, scope, null);
	}

	/** A token that stops working at {@code expiresAt} (null: until revoked). */
	@Transactional
	public CreatedToken create(String name, StaffRole role, TokenScope scope, Instant expiresAt) {
		if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
			throw com.onward.shared.InvalidInputException.of("expiresAt", "must be in the future");
		}
		if (scope == TokenScope.INGEST) {
			role = StaffRole.VIEWER;
		}
		String token = "onw_" + com.onward.shared.SecureTokens.random(32);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		String creator = AuditLog.currentActor();
		jdbc.sql("""
				insert into api_token (id, name, token_hash, token_prefix, role, scope, created_by, created_at, expires_at,
				  created_by_user)
				values (:id, :name, :hash, :prefix, :role, :scope, :by, :at, :exp, :user)""")
			.param("id", id).param("name", name).param("hash", hash(token)).param("prefix", token.substring(0, 8))
			.param("role", role.name()).param("scope", scope.name()).param("by", creator).param("at", java.sql.Timestamp.from(now))
			.param("exp", expiresAt == null ? null : java.sql.Timestamp.from(expiresAt)).param("user", currentUserId())
			.update();
		audit.record("token.created", "api_token", id, name + " (" + (scope == TokenScope.INGEST ? scope : role) + ")");
		return new CreatedToken(TokenInfo.of(id, name, token.substring(0, 8), role, scope, creator, now, null, expiresAt, now),
				token);
	}

	/** The signed-in user, or the user behind the acting token; null for the bootstrap token and the system. */
	private UUID currentUserId() {
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		if (auth == null) return null;
		if (auth.getDetails() instanceof Owner owner) return owner.userId();
		if (auth.getName() == null || auth.getName().startsWith("token:") || auth.getName().equals("bootstrap-admin")) {
			return null;
		}
		return jdbc.sql("select id from app_user where username = :u").param("u", Users.normalise(auth.getName()))
			.query(UUID.class).optional().orElse(null);
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
				select id, name, token_prefix, role, scope, created_by, created_at, revoked_at, expires_at
				from api_token order by created_at desc""")
			.query((rs, n) -> TokenInfo.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					StaffRole.valueOf(rs.getString(4)), TokenScope.valueOf(rs.getString(5)), rs.getString(6),
					rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(),
					rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), clock.instant()))
			.list();
	}

	Optional<Principal> authenticate(String token) {
		return jdbc.sql("""
				select name, role, scope, created_by_user from api_token
				where token_hash = :h and revoked_at is null and (expires_at is null or expires_at > :now)""")
			.param("h", hash(token)).param("now", java.sql.Timestamp.from(clock.instant()))
			.query((rs, n) -> new Principal("token:" + rs.getString(1), StaffRole.valueOf(rs.getString(2)),
					TokenScope.valueOf(rs.getString(3)), rs.getObject(4, UUID.class)))
			.optional();
	}

	static String hash(String token) {
		return com.onward.shared.SecureTokens.sha256(token);
	}
}
