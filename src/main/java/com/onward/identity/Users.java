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

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("select username, password_hash, role, enabled from app_user where username = :u")
			.param("u", username)
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
		if (rawPassword == null || rawPassword.length() < 8) {
			throw new BusinessRuleException("password", "must have at least 8 characters");
		}
		if (find(username).isPresent()) {
			throw new BusinessRuleException("username", "is already taken");
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
			.param("u", username).query(Users::map).optional();
	}

	public List<StaffUser> all() {
		return jdbc.sql("select id, username, display_name, email, role, enabled from app_user order by role, display_name")
			.query(Users::map).list();
	}

	@Transactional
	public void setEnabled(UUID id, boolean enabled) {
		jdbc.sql("update app_user set enabled = :e where id = :id").param("e", enabled).param("id", id).update();
		audit.record(enabled ? "user.enabled" : "user.disabled", "user", id, null);
	}

	/** Whether an enabled admin exists (otherwise the start offers a set-up link). */
	public boolean anyEnabledAdmin() {
		return jdbc.sql("select exists(select 1 from app_user where role = 'ADMIN' and enabled)").query(Boolean.class)
			.single();
	}

	public boolean any() {
		return jdbc.sql("select exists(select 1 from app_user)").query(Boolean.class).single();
	}

	private static StaffUser map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new StaffUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				StaffRole.valueOf(rs.getString(5)), rs.getBoolean(6));
	}
}
