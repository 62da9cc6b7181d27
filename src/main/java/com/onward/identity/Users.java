package com.onward.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.BusinessRuleException;

/** Staff users: created by an admin (or the demo data), signed in with a hashed password. */
@Service
public class Users implements UserDetailsService {

	public record StaffUser(UUID id, String username, String displayName, String email, StaffRole role,
			boolean enabled) {
	}

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final Clock clock;

	Users(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
	}

	/** The shortest password accepted. */
	public static final int MIN_PASSWORD = 12;

	private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{1,59}");

	/** User names are compared in lower case without surrounding spaces. */
	public static String normalise(String username) {
		return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
	}

	static void checkPassword(String rawPassword) {
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD) {
			throw BusinessRuleException.of("password", "error.password.tooShort", MIN_PASSWORD);
		}
		if (rawPassword.length() > 200) {
			throw BusinessRuleException.of("password", "error.password.tooLong", 200);
		}
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("select username, password_hash, role, enabled from app_user where username = :u")
			.param("u", normalise(username))
			.query((rs, n) -> User.withUsername(rs.getString(1))
				.password(rs.getString(2))
				.authorities(new SimpleGrantedAuthority("ROLE_" + rs.getString(3)))
				.disabled(!rs.getBoolean(4))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}

	@Transactional
	public StaffUser create(String username, String displayName, String email, StaffRole role, String rawPassword) {
		checkPassword(rawPassword);
		username = normalise(username);
		if (!USERNAME.matcher(username).matches() || username.equals("system")
				|| username.equals("bootstrap-admin")) {
			throw BusinessRuleException.of("username", "error.user.nameInvalid");
		}
		if (find(username).isPresent()) {
			throw BusinessRuleException.of("username", "error.user.nameTaken");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into app_user (id, username, display_name, email, password_hash, role, created_at)
				values (:id, :u, :d, :e, :p, :r, :at)""")
			.param("id", id).param("u", username).param("d", displayName).param("e", email)
			.param("p", passwords.encode(rawPassword)).param("r", role.name())
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.update();
		audit.record("user.created", "user", id, username + " as " + role);
		return new StaffUser(id, username, displayName, email, role, true);
	}

	public Optional<StaffUser> find(String username) {
		return jdbc.sql("select id, username, display_name, email, role, enabled from app_user where username = :u")
			.param("u", normalise(username)).query(Users::map).optional();
	}

	Optional<StaffUser> find(UUID id) {
		return jdbc.sql("select id, username, display_name, email, role, enabled from app_user where id = :id")
			.param("id", id).query(Users::map).optional();
	}

	/** A user changes their own password, proving the current one; their other sessions end. */
	@Transactional
	public void changePassword(String username, String currentPassword, String newPassword) {
		String hash = jdbc.sql("select password_hash from app_user where username = :u and enabled")
			.param("u", normalise(username)).query(String.class).optional().orElse(null);
		if (hash == null || currentPassword == null || !passwords.matches(currentPassword, hash)) {
			throw BusinessRuleException.of("currentPassword", "error.password.notCurrent");
		}
		checkPassword(newPassword);
		if (newPassword.equals(currentPassword)) {
			throw BusinessRuleException.of("password", "error.password.unchanged");
		}
		UUID id = setPassword(find(username).orElseThrow().id(), newPassword);
		audit.record("user.password-changed", "user", id, null);
	}

	/** Sets a new password and ends every session signed in before now. */
	UUID setPassword(UUID id, String newPassword) {
		checkPassword(newPassword);
		jdbc.sql("update app_user set password_hash = :p, credentials_changed_at = :now where id = :id")
			.param("p", passwords.encode(newPassword)).param("now", java.sql.Timestamp.from(clock.instant()))
			.param("id", id).update();
		return id;
	}

	/** When the user's sessions signed in before this instant stop working, or empty when they are disabled or gone. */
	Optional<java.time.Instant> sessionsValidAfter(String username) {
		return jdbc.sql("select credentials_changed_at from app_user where username = :u and enabled")
			.param("u", normalise(username))
			.query((rs, n) -> {
				var at = rs.getTimestamp(1);
				return at == null || at.getTime() < 0 ? java.time.Instant.EPOCH : at.toInstant();
			})
			.optional();
	}

	public List<StaffUser> all() {
		return jdbc.sql("select id, username, display_name, email, role, enabled from app_user order by role, display_name")
			.query(Users::map).list();
	}

	/**
	 * Enables or disables a user. Disabling ends their sessions (on every instance, at their next
	 * request) and revokes the API tokens they created.
	 */
	@Transactional
	public void setEnabled(UUID id, boolean enabled) {
		int changed = jdbc.sql("update app_user set enabled = :e, credentials_changed_at = case when :e then credentials_changed_at else :now end where id = :id")
			.param("e", enabled).param("now", java.sql.Timestamp.from(clock.instant())).param("id", id).update();
		if (changed == 0) throw new com.onward.shared.NotFoundException("User", id);
		String detail = null;
		if (!enabled) {
			int revoked = jdbc.sql("update api_token set revoked_at = :now where created_by_user = :id and revoked_at is null")
				.param("now", java.sql.Timestamp.from(clock.instant())).param("id", id).update();
			detail = revoked + " API token(s) revoked";
		}
		audit.record(enabled ? "user.enabled" : "user.disabled", "user", id, detail);
	}

	/** Whether an enabled admin exists (otherwise the start offers a set-up link). */
	public boolean anyEnabledAdmin() {
		return jdbc.sql("select exists(select 1 from app_user where role = 'ADMIN' and enabled)").query(Boolean.class)
			.single();
	}

	public boolean any() {
		return jdbc.sql("select exists(select 1 from app_user)").query(Boolean.class).single();
	}

	/** Why a single sign-on was refused (shown to the person in general words only). */
	static final class SsoRefused extends RuntimeException {
		SsoRefused(String reason) {
			super(reason);
		}
	}

	/**
	 * A staff member signed in with single sign-on: the user linked to {@code issuer} and
	 * {@code subject} is created on the first sign-in, and takes the role and names the provider
	 * asserts at every sign-in. Refused when that user was disabled here, or when the name is held by
	 * another user. Returns the local user name (the session's principal name).
	 */
	@Transactional
	public String signedInWithSso(String issuer, String subject, String preferredName, String displayName, String email,
			StaffRole role) {
		var linked = jdbc.sql("select id, username, display_name, email, role, enabled from app_user "
				+ "where sso_issuer = :i and sso_subject = :s").param("i", issuer).param("s", subject)
			.query(Users::map).optional();
		if (linked.isPresent()) {
			StaffUser user = linked.get();
			if (!user.enabled()) throw new SsoRefused("user " + user.username() + " is disabled");
			jdbc.sql("update app_user set role = :r, display_name = :d, email = :e where id = :id")
				.param("r", role.name()).param("d", displayName).param("e", email).param("id", user.id()).update();
			if (user.role() != role) {
				audit.recordAs(user.username(), "user.role-changed", "user", user.id(),
						user.role() + " → " + role + " (single sign-on)");
			}
			return user.username();
		}
		String username = ssoUsername(preferredName);
		if (username == null || username.equals("system") || username.equals("bootstrap-admin")) {
			throw new SsoRefused("no usable user name in '" + preferredName + "'");
		}
		if (find(username).isPresent()) {
			throw new SsoRefused("user name " + username + " is held by another user");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into app_user (id, username, display_name, email, password_hash, role, created_at, sso_issuer, sso_subject)
				values (:id, :u, :d, :e, :p, :r, :at, :i, :s)""")
			.param("id", id).param("u", username).param("d", displayName).param("e", email)
			// No password signs in as this user: it is random and never shown.
			.param("p", passwords.encode(com.onward.shared.SecureTokens.random(32))).param("r", role.name())
			.param("at", java.sql.Timestamp.from(clock.instant())).param("i", issuer).param("s", subject)
			.update();
		audit.recordAs(username, "user.created", "user", id, username + " as " + role + " (single sign-on)");
		return username;
	}

	/** A provider's name as a local user name: lower case, other characters as dots, at most 60. */
	static String ssoUsername(String preferred) {
		if (preferred == null) return null;
		String name = normalise(preferred).replaceAll("[^a-z0-9._-]", ".").replaceAll("^[._-]+", "");
		if (name.length() > 60) name = name.substring(0, 60);
		return USERNAME.matcher(name).matches() ? name : null;
	}

	private static StaffUser map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new StaffUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				StaffRole.valueOf(rs.getString(5)), rs.getBoolean(6));
	}
}
