package com.onward.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.messaging.Outbox;

/**
 * Magic links (PLT-4): a request is answered at once and the same way for every address; the
 * look-up, the rate limits and the email happen afterwards on a small bounded executor, so the
 * answer's timing does not tell whether an address belongs to a customer. A link holds 256 random
 * bits, is stored only as its SHA-256, expires after 10 minutes and is used up on sign-in.
 */
@Service
class MagicLinks implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MagicLinks.class);

	/** A contact a link may be sent to (access on for the contact and the account). */
	record Recipient(UUID contactId, UUID accountId, String name, String email, String accountName, String language) {
	}

	/** What a valid link opens: the contact and account it is bound to. */
	record Binding(UUID contactId, UUID accountId) {
	}

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final Branding branding;
	private final PortalProperties props;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final String publicUrl;
	private final ThreadPoolExecutor executor;

	MagicLinks(JdbcClient jdbc, Outbox outbox, Branding branding, PortalProperties props, TransactionTemplate tx,
			Clock clock, @Value("${onward.messaging.public-url}") String publicUrl) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.branding = branding;
		this.props = props;
		this.tx = tx;
		this.clock = clock;
		this.publicUrl = publicUrl;
		// Bounded: a flood of requests is dropped (the answer stays the same), never queued without end.
		this.executor = new ThreadPoolExecutor(props.linkWorkers(), props.linkWorkers(), 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("portal-link-", 0).daemon().factory(),
				new ThreadPoolExecutor.DiscardPolicy());
	}

	/** Accepts a sign-in request; returns before anything is looked up. */
	void request(String email, String ip) {
		String address = normalise(email);
		if (address == null) return;
		executor.execute(() -> {
			try {
				tx.executeWithoutResult(s -> issue(address, ip == null ? "-" : ip));
			}
			catch (RuntimeException e) {
				log.warn("Portal link request failed: {}", e.getClass().getSimpleName());
			}
		});
	}

	static String normalise(String email) {
		if (email == null) return null;
		String a = email.strip().toLowerCase(Locale.ROOT);
		return a.length() > 320 || !a.matches("[^@\\s]+@[^@\\s]+") ? null : a;
	}

	/** Records the request; within the limits, sends a link to each contact with access at that address. */
	private void issue(String address, String ip) {
		Instant now = clock.instant();
		String emailHash = Tokens.hash(address);
		Timestamp since = Timestamp.from(now.minus(props.requestWindow()));
		// Requests for one address are counted one after the other (the workers run in parallel).
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:h))").param("h", emailHash).query((rs, n) -> 1).list();
		jdbc.sql("insert into portal_link_request (email_hash, ip, at) values (:h, :ip, :now)").param("h", emailHash)
			.param("ip", ip).param("now", Timestamp.from(now)).update();
		long byAddress = jdbc.sql("select count(*) from portal_link_request where email_hash = :h and at > :since")
			.param("h", emailHash).param("since", since).query(Long.class).single();
		long byIp = jdbc.sql("select count(*) from portal_link_request where ip = :ip and at > :since").param("ip", ip)
			.param("since", since).query(Long.class).single();
		if (byAddress > props.maxRequestsPerAddress() || byIp > props.maxRequestsPerIp()) return;
		recipients(address, null).forEach(this::send);
	}

	/** Contacts with portal access at an address (or the one contact given). */
	List<Recipient> recipients(String address, UUID contactId) {
		return jdbc.sql("""
				select c.id, c.account_id, c.name, c.email, a.name, a.language
				from stakeholder_contact_v c
				join account_v a on a.account_id = c.account_id
				join portal_contact pc on pc.contact_id = c.id and pc.account_id = c.account_id and pc.enabled
				left join portal_account pa on pa.account_id = c.account_id
				where coalesce(pa.enabled, true) and c.email is not null
				  and (cast(:email as text) is null or c.email = :email) and (cast(:id as uuid) is null or c.id = :id)""")
			.param("email", address).param("id", contactId)
			.query((rs, n) -> new Recipient(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.list();
	}

	/** Creates a link for the contact and queues the email holding it, in the account's language. */
	void send(Recipient r) {
		String token = Tokens.random();
		String hash = Tokens.hash(token);
		Instant now = clock.instant();
		jdbc.sql("""
				insert into portal_magic_link (token_hash, contact_id, account_id, created_at, expires_at)
				values (:h, :c, :a, :now, :end)""")
			.param("h", hash).param("c", r.contactId()).param("a", r.accountId()).param("now", Timestamp.from(now))
			.param("end", Timestamp.from(now.plus(props.linkTtl()))).update();
		outbox.enqueue("portal-link:" + hash, "portal-link", r.accountId(), r.email(), r.language(),
				Map.of("contact", r.name(), "account", r.accountName(), "vendor", branding.current().vendorName(),
						"minutes", String.valueOf(props.linkTtl().toMinutes()),
						"link", publicUrl + "/portal/magic/" + token + "?lang=" + r.language()));
	}

	/** The contact a link would sign in, if it is unused, unexpired and access is still on. */
	Optional<Binding> peek(String token) {
		if (!Tokens.wellFormed(token)) return Optional.empty();
		return jdbc.sql("""
				select l.contact_id, l.account_id from portal_magic_link l
				join portal_contact pc on pc.contact_id = l.contact_id and pc.account_id = l.account_id and pc.enabled
				left join portal_account pa on pa.account_id = l.account_id
				where l.token_hash = :h and l.used_at is null and l.expires_at > :now and coalesce(pa.enabled, true)""")
			.param("h", Tokens.hash(token)).param("now", Timestamp.from(clock.instant()))
			.query((rs, n) -> new Binding(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
	}

	/** Uses the link up (at most once, even when two requests race) and returns what it was bound to. */
	Optional<Binding> redeem(String token) {
		if (peek(token).isEmpty()) return Optional.empty();
		return jdbc.sql("""
				update portal_magic_link set used_at = :now
				where token_hash = :h and used_at is null and expires_at > :now
				returning contact_id, account_id""")
			.param("h", Tokens.hash(token)).param("now", Timestamp.from(clock.instant()))
			.query((rs, n) -> new Binding(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}
