package com.onward.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;

/**
 * Who may use the portal: staff invite a contact (access on, and the sign-in email sent), switch
 * access off per contact or for a whole account (open sessions stop at once), and see who signed
 * in when.
 */
@Service
public class PortalAccess {

	public record ContactAccess(UUID contactId, String name, String email, String role, boolean enabled, boolean digest,
			Instant invitedAt, Instant lastSignIn) {
	}

	public record SignIn(UUID contactId, String name, Instant at, Instant expiresAt, Instant signedOutAt) {
	}

	private final JdbcClient jdbc;
	private final MagicLinks links;
	private final AuditLog audit;
	private final Clock clock;
	private final PortalSessions sessions;

	PortalAccess(JdbcClient jdbc, MagicLinks links, AuditLog audit, Clock clock, PortalSessions sessions) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	/** Switches access on for the contact and emails them a sign-in link (API.md: the same email). */
	@Transactional
	public void invite(UUID accountId, UUID contactId) {
		String email = contactEmail(accountId, contactId);
		if (email == null) throw BusinessRuleException.of("email", "error.portal.noEmail");
		if (!accountEnabled(accountId)) throw BusinessRuleException.of("portal", "error.portal.switchedOff");
		upsert(accountId, contactId, true, true);
		audit.record("portal.invited", "account", accountId, email);
		links.recipients(null, contactId).forEach(links::send);
	}

	@Transactional
	public void setContactAccess(UUID accountId, UUID contactId, boolean enabled) {
		contactEmail(accountId, contactId);
		upsert(accountId, contactId, enabled, false);
		sessions.forgetContact(contactId);
		audit.record(enabled ? "portal.contact-on" : "portal.contact-off", "account", accountId, contactId.toString());
	}

	@Transactional
	public void setAccountAccess(UUID accountId, boolean enabled) {
		requireAccount(accountId);
		jdbc.sql("""
				insert into portal_account (account_id, enabled, updated_by, updated_at) values (:a, :e, :by, :at)
				on conflict (account_id) do update set enabled = excluded.enabled, updated_by = excluded.updated_by,
				  updated_at = excluded.updated_at""")
			.param("a", accountId).param("e", enabled).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		sessions.forgetAccount(accountId);
		audit.record(enabled ? "portal.account-on" : "portal.account-off", "account", accountId, null);
	}

	public boolean accountEnabled(UUID accountId) {
		return jdbc.sql("select coalesce((select enabled from portal_account where account_id = :a), true)")
			.param("a", accountId).query(Boolean.class).single();
	}

	public List<ContactAccess> contacts(UUID accountId) {
		requireAccount(accountId);
		return jdbc.sql("""
				select c.id, c.name, c.email, c.role, coalesce(pc.enabled, false), coalesce(pc.digest, true), pc.invited_at,
				  (select max(created_at) from portal_session s where s.contact_id = c.id)
				from stakeholder_contact_v c left join portal_contact pc on pc.contact_id = c.id
				where c.account_id = :a order by c.name""")
			.param("a", accountId)
			.query((rs, n) -> new ContactAccess(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), instant(rs.getTimestamp(7)),
					instant(rs.getTimestamp(8))))
			.list();
	}

	/** The audit of portal sign-ins of an account, newest first. */
	public List<SignIn> signIns(UUID accountId, int limit) {
		requireAccount(accountId);
		return jdbc.sql("""
				select s.contact_id, c.name, s.created_at, s.expires_at, s.signed_out_at
				from portal_session s left join stakeholder_contact_v c on c.id = s.contact_id
				where s.account_id = :a order by s.created_at desc limit :limit""")
			.param("a", accountId).param("limit", limit)
			.query((rs, n) -> new SignIn(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
			.list();
	}

	private void upsert(UUID accountId, UUID contactId, boolean enabled, boolean invited) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into portal_contact (contact_id, account_id, enabled, invited_at, invited_by, updated_at)
				values (:c, :a, :e, :inv, :by, :now)
				on conflict (contact_id) do update set enabled = excluded.enabled, updated_at = excluded.updated_at,
				  invited_at = coalesce(excluded.invited_at, portal_contact.invited_at),
				  invited_by = coalesce(excluded.invited_by, portal_contact.invited_by)""")
			.param("c", contactId).param("a", accountId).param("e", enabled).param("inv", invited ? now : null)
			.param("by", invited ? AuditLog.currentActor() : null).param("now", now).update();
	}

	private String contactEmail(UUID accountId, UUID contactId) {
		return jdbc.sql("select email from stakeholder_contact_v where id = :c and account_id = :a")
			.param("c", contactId).param("a", accountId).query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
			.optional().orElseThrow(() -> new NotFoundException("Contact", contactId)).orElse(null);
	}

	private void requireAccount(UUID accountId) {
		if (!jdbc.sql("select exists (select 1 from account_v where account_id = :a)").param("a", accountId).query(Boolean.class)
			.single()) {
			throw new NotFoundException("Account", accountId);
		}
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
