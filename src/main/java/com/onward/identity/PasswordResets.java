package com.onward.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.NotFoundException;

/**
 * Password reset by an admin: a one-time link (valid for {@code onward.identity.reset-link-validity})
 * the admin hands to the user, who chooses a new password with it. Only a hash is stored; using the
 * link ends the user's sessions.
 */
@Service
class PasswordResets {

	record Link(String url, Instant expiresAt) {
	}

	private final JdbcClient jdbc;
	private final Users users;
	private final AuditLog audit;
	private final Clock clock;
	private final String publicUrl;
	private final Duration validity;

	PasswordResets(JdbcClient jdbc, Users users, AuditLog audit, Clock clock,
			@Value("${onward.messaging.public-url}") String publicUrl,
			@Value("${onward.identity.reset-link-validity}") Duration validity) {
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.validity = validity;
	}

	@Transactional
	Link issue(UUID userId) {
		var user = users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
		String token = com.onward.shared.SecureTokens.random(32);
		Instant expires = clock.instant().plus(validity);
		jdbc.sql("delete from password_reset_token where user_id = :u or expires_at <= :now").param("u", userId)
			.param("now", Timestamp.from(clock.instant())).update();
		jdbc.sql("insert into password_reset_token (token_hash, user_id, expires_at) values (:h, :u, :exp)")
			.param("h", ApiTokens.hash(token)).param("u", userId).param("exp", Timestamp.from(expires)).update();
		audit.record("user.password-reset-issued", "user", userId, user.username());
		return new Link(publicUrl + "/reset?token=" + token, expires);
	}

	Optional<UUID> user(String token) {
		if (token == null || token.isBlank()) return Optional.empty();
		return jdbc.sql("""
				select t.user_id from password_reset_token t join app_user u on u.id = t.user_id
				where t.token_hash = :h and t.expires_at > :now and u.enabled""")
			.param("h", ApiTokens.hash(token)).param("now", Timestamp.from(clock.instant())).query(UUID.class).optional();
	}

	/** Sets the new password and uses the link up; false when the link is unknown, used or expired. */
	@Transactional
	boolean complete(String token, String newPassword) {
		Users.checkPassword(newPassword);
		Optional<UUID> user = user(token);
		if (user.isEmpty()) return false;
		if (jdbc.sql("delete from password_reset_token where token_hash = :h").param("h", ApiTokens.hash(token)).update() != 1) {
			return false;
		}
		users.setPassword(user.get(), newPassword);
		audit.record("user.password-reset", "user", user.get(), null);
		return true;
	}
}
