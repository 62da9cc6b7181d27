package com.onward.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first admin, without a shipped password: on a start that finds no enabled admin, either the
 * operator's {@code ONWARD_ADMIN_EMAIL}/{@code ONWARD_ADMIN_PASSWORD} create one, or a one-time set-up
 * link is printed to the log (only a hash of it is stored; it expires and is used up by the first admin).
 */
@Component
@Order(20)
class AdminSetup implements ApplicationRunner {

	@ConfigurationProperties("onward.bootstrap")
	record BootstrapProperties(String adminToken, String adminUsername, String adminEmail, String adminPassword,
			Duration setupLinkValidity) {
		BootstrapProperties {
			if (adminUsername == null || adminUsername.isBlank()) adminUsername = "admin";
			if (adminEmail != null && adminEmail.isBlank()) adminEmail = null;
			if (adminPassword != null && adminPassword.isBlank()) adminPassword = null;
			if (setupLinkValidity == null) setupLinkValidity = Duration.ofHours(24);
		}
	}

	private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);

	private final JdbcClient jdbc;
	private final Users users;
	private final BootstrapProperties props;
	private final Clock clock;
	private final String publicUrl;

	AdminSetup(JdbcClient jdbc, Users users, BootstrapProperties props, Clock clock,
			@Value("${onward.messaging.public-url}") String publicUrl) {
		this.jdbc = jdbc;
		this.users = users;
		this.props = props;
		this.clock = clock;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	@Override
	public void run(ApplicationArguments args) {
		ensureAdmin(props);
	}

	/** Creates the admin from the environment or prints a set-up link, when there is no enabled admin. */
	void ensureAdmin(BootstrapProperties props) {
		if (users.anyEnabledAdmin()) return;
		if (props.adminEmail() != null && props.adminPassword() != null) {
			users.create(props.adminUsername(), props.adminUsername(), props.adminEmail(), StaffRole.ADMIN,
					props.adminPassword());
			log.info("Admin '{}' created from ONWARD_ADMIN_EMAIL / ONWARD_ADMIN_PASSWORD", props.adminUsername());
			return;
		}
		String token = issue();
		log.warn("""

				=== Onward has no admin yet. Create one within {} with this one-time link: ===
				{}/setup?token={}
				(or restart with ONWARD_ADMIN_EMAIL and ONWARD_ADMIN_PASSWORD set)
				""", props.setupLinkValidity(), publicUrl, token);
	}

	/** A new one-time set-up token; only its hash is stored. */
	@Transactional
	String issue() {
		String token = com.onward.shared.SecureTokens.random(32);
		jdbc.sql("delete from admin_setup_token where expires_at <= :now").param("now", Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("insert into admin_setup_token (token_hash, expires_at) values (:h, :exp)").param("h", hash(token))
			.param("exp", Timestamp.from(clock.instant().plus(props.setupLinkValidity()))).update();
		return token;
	}

	/** Whether {@code token} may still create the first admin. */
	boolean valid(String token) {
		if (token == null || token.isBlank() || users.anyEnabledAdmin()) return false;
		return jdbc.sql("select exists (select 1 from admin_setup_token where token_hash = :h and expires_at > :now)")
			.param("h", hash(token)).param("now", Timestamp.from(clock.instant())).query(Boolean.class).single();
	}

	/**
	 * Creates the first admin and uses up every set-up link, or answers false when the link is unknown,
	 * expired or used, or an admin exists already.
	 */
	@Transactional
	boolean complete(String token, String username, String displayName, String email, String password) {
		// One set-up at a time across instances: the second sees the admin the first created.
		jdbc.sql("select pg_advisory_xact_lock(hashtext('onward-admin-setup'))").query().singleRow();
		if (!valid(token)) return false;
		int used = jdbc.sql("delete from admin_setup_token where token_hash = :h and expires_at > :now")
			.param("h", hash(token)).param("now", Timestamp.from(clock.instant())).update();
		if (used != 1) return false;
		jdbc.sql("delete from admin_setup_token").update();
		users.create(username, displayName, email, StaffRole.ADMIN, password);
		return true;
	}

	static String hash(String token) {
		return com.onward.shared.SecureTokens.sha256(token);
	}
}
