package com.onward.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.onward.stakeholder.ContactChanged;

/**
 * Portal sessions: a random token in the {@code onward_portal} cookie (path {@code /portal}),
 * its hash in the database with a fixed end (12 h by default). A session stops working at
 * sign-out, at its end, or as soon as portal access is switched off for the contact or account.
 * <p>
 * A session found valid is remembered for {@code onward.portal.session-cache-ttl} (never past its
 * end), so a contact's page views do not each read it again. Sign-out, switching access off for the
 * contact or the account, a change to the contact and an erasure forget the remembered sessions on
 * this instance at once (and again once their transaction has committed, so a page view in between
 * cannot remember the old state); other instances of a cluster stop honouring them within the TTL.
 */
@Service
class PortalSessions {

	private record Valid(PortalUser user, Instant expiresAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final PortalProperties props;
	/** Valid sessions by token hash; off when the TTL is zero. */
	private final Cache<String, Valid> valid;

	PortalSessions(JdbcClient jdbc, Clock clock, PortalProperties props) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.props = props;
		this.valid = Caffeine.newBuilder().expireAfterWrite(props.sessionCacheTtl())
			.maximumSize(props.sessionCacheSize()).build();
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
		Instant now = clock.instant();
		Valid known = valid.getIfPresent(hash);
		if (known != null && known.expiresAt().isAfter(now)) return Optional.of(known.user());
		Optional<Valid> found = jdbc.sql("""
				select s.contact_id, s.account_id, c.name, c.email, a.language, s.expires_at
				from portal_session s
				join stakeholder_contact_v c on c.id = s.contact_id and c.account_id = s.account_id
				join account_v a on a.account_id = s.account_id
				join portal_contact pc on pc.contact_id = s.contact_id and pc.account_id = s.account_id and pc.enabled
				left join portal_account pa on pa.account_id = s.account_id
				where s.token_hash = :h and s.signed_out_at is null and s.expires_at > :now
				  and coalesce(pa.enabled, true)""")
			.param("h", hash).param("now", Timestamp.from(now))
			.query((rs, n) -> new Valid(new PortalUser(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getString(5), hash), rs.getTimestamp(6).toInstant()))
			.optional();
		if (found.isEmpty()) {
			valid.invalidate(hash);
			return Optional.empty();
		}
		if (!props.sessionCacheTtl().isZero()) valid.put(hash, found.get());
		return Optional.of(found.get().user());
	}

	@Transactional
	void signOut(String sessionHash) {
		forget(v -> v.user().sessionHash().equals(sessionHash));
		jdbc.sql("update portal_session set signed_out_at = :now where token_hash = :h and signed_out_at is null")
			.param("now", Timestamp.from(clock.instant())).param("h", sessionHash).update();
	}

	/** The contact's sessions are read again on their next request (access switched off, contact changed or erased). */
	void forgetContact(UUID contactId) {
		forget(v -> v.user().contactId().equals(contactId));
	}

	/** The account's sessions are read again on their next request (access switched off, account erased). */
	void forgetAccount(UUID accountId) {
		forget(v -> v.user().accountId().equals(accountId));
	}

	@EventListener
	void on(ContactChanged e) {
		forgetContact(e.contactId());
	}

	/** Now, and once more after the surrounding transaction commits (when its change becomes visible). */
	private void forget(Predicate<Valid> which) {
		valid.asMap().values().removeIf(which);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					valid.asMap().values().removeIf(which);
				}
			});
		}
	}
}
