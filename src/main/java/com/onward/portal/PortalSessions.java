package com.onward.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portal sessions: a random token in the {@code onward_portal} cookie (path {@code /portal}),
 * its hash in the database with a fixed end (12 h by default). A session stops working at
 * sign-out, at its end, or as soon as portal access is switched off for the contact or account.
 */
@Service
class PortalSessions {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final PortalProperties props;

	PortalSessions(JdbcClient jdbc, Clock clock, PortalProperties props) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.props = props;
	}

	/** Opens a session and returns its token (for the cookie only). */
	@Transactional
	String open(UUID contactId, UUID accountId, String ip) {
		String token = Tokens.random();
		var now = clock.instant();
		jdbc.sql("""
				insert into portal_session (token_hash, contact_id, account_id, created_at, expires_at, ip)
				values (:h, :c, :a, :now, :end, :ip)""")
			.param("h", Tokens.hash(token)).param("c", contactId).param("a", accountId)
			.param("now", Timestamp.from(now)).param("end", Timestamp.from(now.plus(props.sessionTtl())))
			.param("ip", ip).update();
		return token;
	}

	Optional<PortalUser> find(String token) {
		if (!Tokens.wellFormed(token)) return Optional.empty();
		String hash = Tokens.hash(token);
		return jdbc.sql("""
				select s.contact_id, s.account_id, c.name, c.email, a.language
				from portal_session s
				join stakeholder_contact_v c on c.id = s.contact_id and c.account_id = s.account_id
				join account_v a on a.account_id = s.account_id
				join portal_contact pc on pc.contact_id = s.contact_id and pc.account_id = s.account_id and pc.enabled
				left join portal_account pa on pa.account_id = s.account_id
				where s.token_hash = :h and s.signed_out_at is null and s.expires_at > :now
				  and coalesce(pa.enabled, true)""")
			.param("h", hash).param("now", Timestamp.from(clock.instant()))
			.query((rs, n) -> new PortalUser(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), hash))
			.optional();
	}

	@Transactional
	void signOut(String sessionHash) {
		jdbc.sql("update portal_session set signed_out_at = :now where token_hash = :h and signed_out_at is null")
			.param("now", Timestamp.from(clock.instant())).param("h", sessionHash).update();
	}
}
