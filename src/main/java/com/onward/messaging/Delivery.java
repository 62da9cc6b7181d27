package com.onward.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.GracefulShutdown;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Sends due outbox messages, one transaction per message: the message is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances deliver side by side and never take the
 * same one; its row stays locked while it is sent and is marked SENT in the same transaction. A
 * crash between the receiver accepting a message and our commit leaves only that one message
 * PENDING: it is sent again with the same Message-ID (email) or delivery id (webhooks), which the
 * receiver can deduplicate on. Transient failures retry with exponential backoff; permanent ones
 * (bad address, a 4xx from a webhook) are marked FAILED. Email waits, PENDING, while no SMTP server
 * is configured.
 */
@Service
public class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	/** What a delivery round did. */
	public record Round(int sent, int retried, int failed) {
	}

	private record Due(UUID id, String channel, String audience, String recipient, UUID webhookId, String template,
			String language, String params, String subject, String body, String calendar, String messageId, int attempts,
			UUID accountId, Priority priority, String topic, boolean inDigest, String segment, String timeZone) {

		boolean disciplined() {
			return "EMAIL".equals(channel) && "CUSTOMER".equals(audience) && priority != Priority.REQUESTED;
		}
	}

	/** A failure nothing will fix by retrying. */
	private static final class Permanent extends Exception {
		Permanent(String message, Throwable cause) {
			super(message, cause);
		}
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final ObjectProvider<JavaMailSender> mail;
	private final MessagingProperties props;
	private final Clock clock;
	private final Unsubscribes unsubscribes;
	private final Outbox outbox;
	private final Webhooks webhooks;
	private final HttpClient http;
	private final OutboundTargets targets;
	private final tools.jackson.databind.ObjectMapper json;
	private final GracefulShutdown shutdown;

	private final Discipline discipline;

	Delivery(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> mail, MessagingProperties props,
			Clock clock, Unsubscribes unsubscribes, Outbox outbox, Webhooks webhooks,
			tools.jackson.databind.ObjectMapper json, GracefulShutdown shutdown, OutboundTargets targets,
			Discipline discipline) {
		this.shutdown = shutdown;
		this.discipline = discipline;
		this.json = json;
		this.targets = targets;
		this.unsubscribes = unsubscribes;
		this.jdbc = jdbc;
		this.tx = tx;
		this.mail = mail;
		this.props = props;
		this.clock = clock;
		this.outbox = outbox;
		this.webhooks = webhooks;
		// No proxy (the address checked is the address called), no redirects (a public URL cannot
		// bounce the call to an internal one).
		this.http = HttpClient.newBuilder().connectTimeout(props.httpTimeout()).followRedirects(HttpClient.Redirect.NEVER)
			.proxy(HttpClient.Builder.NO_PROXY).build();
	}

	// Not under ShedLock: every instance delivers, SKIP LOCKED shares the work.
	@Scheduled(fixedDelayString = "${onward.messaging.delivery-interval}", initialDelayString = "${onward.messaging.delivery-initial-delay:10s}")
	void scheduled() {
		deliverDue();
	}

	/**
	 * Delivers what is due now. Each message is tried at most once per round, so a retried message
	 * waits for its backoff; without SMTP configured emails are left alone (and never marked sent).
	 */
	public Round deliverDue() {
		JavaMailSender sender = mail.getIfAvailable();
		var tried = new ArrayList<UUID>();
		int[] counts = new int[3];
		DeliveryPolicy policy = discipline.policy();
		try (var smtp = sender == null ? null : new SmtpConnection(sender)) {
			// A stopping instance finishes the message in hand and takes no more: the others deliver them.
			while (!shutdown.stopping()) {
				Boolean any = tx.execute(status -> deliverOne(smtp, tried, counts, policy));
				if (!Boolean.TRUE.equals(any)) {
					return new Round(counts[0], counts[1], counts[2]);
				}
			}
			return new Round(counts[0], counts[1], counts[2]);
		}
	}

	private boolean deliverOne(SmtpConnection smtp, List<UUID> tried, int[] counts, DeliveryPolicy policy) {
		List<Due> due = jdbc.sql("""
				select o.id, o.channel, o.audience, o.recipient, o.webhook_id, o.template, o.language, o.params, o.subject,
				  o.body, o.calendar, o.message_id, o.attempts, o.account_id, o.priority, o.topic, o.in_digest, a.segment,
				  a.time_zone
				from outbox_message o left join account_mail_v a on a.account_id = o.account_id
				where o.status = 'PENDING' and o.next_attempt_at <= :now and o.id <> all(:tried)
				  and (o.channel <> 'EMAIL' or :smtp)
				order by o.next_attempt_at, o.created_at limit 1 for update of o skip locked""")
			.param("now", Timestamp.from(clock.instant())).param("tried", tried.toArray(UUID[]::new))
			.param("smtp", smtp != null)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13), rs.getObject(14, UUID.class),
					Priority.valueOf(rs.getString(15)), rs.getString(16), rs.getBoolean(17), rs.getString(18),
					rs.getString(19)))
			.list();
		if (due.isEmpty()) {
			return false;
		}
		Due d = due.get(0);
		tried.add(d.id());
		List<UUID> digested = List.of();
		String[] content;
		if (d.disciplined()) {
			Decision decision = decide(d, policy);
			if (decision.heldReason() != null) {
				hold(d, decision.heldReason(), decision.until());
				return true;
			}
			if (decision.skip() != null) {
				mark(d, "SKIPPED", decision.skip(), clock.instant());
				return true;
			}
			if (d.inDigest()) {
				digested = gatherDigest(d);
				content = digest(d, digested);
			}
			else {
				content = outbox.content(d.template(), d.language(), d.params(), d.subject(), d.body(), d.audience(),
						d.recipient());
			}
		}
		else {
			content = outbox.content(d.template(), d.language(), d.params(), d.subject(), d.body(), d.audience(),
					d.recipient());
		}
		if ("EMAIL".equals(d.channel()) && "CUSTOMER".equals(d.audience()) && unsubscribes.unsubscribed(d.recipient())) {
			// Queued before the address unsubscribed: honoured, never sent.
			mark(d, "FAILED", "the recipient unsubscribed", clock.instant());
			counts[2]++;
			return true;
		}
		try {
			if ("EMAIL".equals(d.channel())) {
				sendEmail(smtp, digested.isEmpty() ? d : asDigest(d), content);
			}
			else if ("WEBHOOK".equals(d.channel())) {
				post(d, content[1]);
			}
			else {
				post(d, json.writeValueAsString(java.util.Map.of("text", chatText(d.channel(), content[0] + "\n" + content[1]))));
			}
			if (digested.isEmpty()) {
				jdbc.sql("""
						update outbox_message set status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = null,
						  held_reason = null, subject = :subject, body = :body where id = :id""")
					.param("at", Timestamp.from(clock.instant())).param("subject", content[0]).param("body", content[1])
					.param("id", d.id()).update();
			}
			else {
				recordDigest(d, content, digested);
			}
			counts[0]++;
		}
		catch (Permanent e) {
			mark(d, "FAILED", e.getMessage(), clock.instant());
			counts[2]++;
		}
		catch (MailException | IOException e) {
			int attempts = d.attempts() + 1;
			if (attempts >= props.maxAttempts()) {
				mark(d, "FAILED", message(e), clock.instant());
				counts[2]++;
			}
			else {
				Duration wait = props.firstRetry().multipliedBy(1L << Math.min(20, attempts - 1));
				mark(d, "PENDING", message(e),
						clock.instant().plus(wait.compareTo(props.maxRetry()) > 0 ? props.maxRetry() : wait));
				counts[1]++;
			}
			log.warn("Delivery of message {} failed (attempt {}): {}", d.id(), attempts, Message.maskUrls(message(e)));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		return true;
	}

	/** What discipline decides for a due customer email: send, hold until a time, or skip (a duplicate). */
	private record Decision(String heldReason, Instant until, String skip) {
		static final Decision SEND = new Decision(null, null, null);
	}

	/**
	 * Sending hours in the account's time zone first (nothing is counted outside them), then — under a
	 * lock on the contact, so instances delivering side by side count the same sends — the topic
	 * already covered, the weekly digest and the daily cap, which leaves its slots to the waiting
	 * messages of higher priority.
	 */
	private Decision decide(Due d, DeliveryPolicy policy) {
		ZonedDateTime now = clock.instant().atZone(discipline.zone(d.timeZone()));
		if (!Discipline.withinHours(now, policy)) {
			return new Decision("QUIET_HOURS", Discipline.nextSendingTime(now, policy).toInstant(), null);
		}
		if (!d.priority().capped()) {
			return Decision.SEND;
		}
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(:k))) l")
			.param("k", "onward-contact:" + d.accountId() + ":" + d.recipient().trim().toLowerCase()).query(Integer.class)
			.single();
		if (d.topic() != null && !d.inDigest()) {
			Integer covered = jdbc.sql("""
					select count(*) from outbox_message where %s
					  and lower(recipient) = lower(:r) and audience = 'CUSTOMER' and channel = 'EMAIL' and topic = :topic
					  and id <> :id and status in ('SENT','DIGESTED') and sent_at >= :since""".formatted(sameContactAccount(d)))
				.param("a", d.accountId()).param("r", d.recipient()).param("topic", d.topic()).param("id", d.id())
				.param("since", Timestamp.from(clock.instant().minus(discipline.duplicateWindow()))).query(Integer.class)
				.single();
			if (covered > 0) {
				return new Decision(null, null, "duplicate: a message about " + d.topic() + " was sent recently");
			}
		}
		if (d.priority().digestible() && !d.inDigest() && discipline.weeklyDigest(d.recipient())) {
			jdbc.sql("update outbox_message set in_digest = true where id = :id").param("id", d.id()).update();
			return new Decision("DIGEST", Discipline.nextDigestTime(now, policy).toInstant(), null);
		}
		ZonedDateTime dayStart = now.toLocalDate().atStartOfDay(now.getZone());
		ZonedDateTime nextDay = now.toLocalDate().plusDays(1).atStartOfDay(now.getZone());
		Integer used = jdbc.sql("""
				select (select count(*) from outbox_message where %1$s
				          and lower(recipient) = lower(:r) and audience = 'CUSTOMER' and channel = 'EMAIL' and status = 'SENT'
				          and priority not in ('REQUESTED','TRANSACTIONAL') and sent_at >= :from and sent_at < :to)
				     + (select count(*) from outbox_message where %1$s
				          and lower(recipient) = lower(:r) and audience = 'CUSTOMER' and channel = 'EMAIL' and status = 'PENDING'
				          and id <> :id and next_attempt_at <= :now and not in_digest
				          and priority = any(cast(:higher as text[])))""".formatted(sameContactAccount(d)))
			.param("a", d.accountId()).param("r", d.recipient()).param("from", Timestamp.from(dayStart.toInstant()))
			.param("to", Timestamp.from(nextDay.toInstant())).param("id", d.id())
			.param("now", Timestamp.from(clock.instant()))
			.param("higher", java.util.Arrays.stream(Priority.values())
				.filter(p -> p.capped() && p.ordinal() < d.priority().ordinal()).map(Enum::name).toArray(String[]::new))
			.query(Integer.class).single();
		if (used >= policy.capFor(d.segment())) {
			return new Decision("DAILY_CAP", Discipline.nextSendingTime(nextDay, policy).toInstant(), null);
		}
		return Decision.SEND;
	}

	private void hold(Due d, String reason, Instant until) {
		jdbc.sql("update outbox_message set held_reason = :reason, next_attempt_at = :until where id = :id")
			.param("reason", reason).param("until", Timestamp.from(until)).param("id", d.id()).update();
	}

	/**
	 * The contact's account in the discipline's queries: {@code account_id = :a}, or {@code account_id is null}
	 * for a message without an account. ({@code is not distinct from} says both in one, but no index can
	 * answer it: every delivery then counted through the whole outbox.)
	 */
	private static String sameContactAccount(Due d) {
		return d.accountId() == null ? "account_id is null" : "account_id = :a";
	}

	/** The contact's messages waiting for this digest (this one first), locked. */
	private List<UUID> gatherDigest(Due d) {
		return jdbc.sql("""
				select id from outbox_message where %s and lower(recipient) = lower(:r)
				  and audience = 'CUSTOMER' and channel = 'EMAIL' and status = 'PENDING' and in_digest
				  and next_attempt_at <= :now
				order by (id = :id) desc, created_at for update skip locked""".formatted(sameContactAccount(d)))
			.param("a", d.accountId()).param("r", d.recipient()).param("id", d.id())
			.param("now", Timestamp.from(clock.instant())).query(UUID.class).list();
	}

	/** One email listing the gathered messages (subject and text, without their footers) in the account's language. */
	private String[] digest(Due d, List<UUID> ids) {
		var items = new StringBuilder();
		for (UUID id : ids) {
			jdbc.sql("select template, language, params, subject, body, audience, recipient from outbox_message where id = :id")
				.param("id", id).query((rs, n) -> {
					String[] c = outbox.content(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getString(7));
					String body = c[1];
					int footer = body.lastIndexOf("\n\n--\n");
					items.append("■ ").append(c[0]).append("\n\n").append(footer < 0 ? body : body.substring(0, footer))
						.append("\n\n");
					return true;
				}).list();
		}
		String[] rendered = outbox.render("weekly-digest", d.language(),
				java.util.Map.of("items", items.toString().strip(), "count", String.valueOf(ids.size())));
		return new String[] { rendered[0], outbox.footer(rendered[1], d.recipient(), d.language()) };
	}

	/** The digest as a message of its own (SENT, one slot of the cap); what it gathered is DIGESTED into it. */
	private void recordDigest(Due d, String[] content, List<UUID> gathered) {
		UUID digestId = digestId(d);
		jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, account_id, channel, audience, recipient, language,
				  params, subject, body, status, attempts, next_attempt_at, message_id, created_at, sent_at, priority)
				values (:id, :key, 'weekly-digest', :a, 'EMAIL', 'CUSTOMER', :r, :lang, '{}', :subject, :body, 'SENT', 1,
				  :now, :messageId, :now, :now, 'SUMMARY')""")
			.param("id", digestId).param("key", "digest:" + d.id()).param("a", d.accountId()).param("r", d.recipient())
			.param("lang", d.language()).param("subject", content[0]).param("body", content[1])
			.param("now", Timestamp.from(clock.instant())).param("messageId", "<" + digestId + "@onward>").update();
		jdbc.sql("""
				update outbox_message set status = 'DIGESTED', digest_id = :digest, held_reason = null, sent_at = :now
				where id = any(:ids)""")
			.param("digest", digestId).param("now", Timestamp.from(clock.instant()))
			.param("ids", gathered.toArray(UUID[]::new)).update();
	}

	/** Fixed by the message that carries the digest, so a resend after a crash has the same Message-ID. */
	private static UUID digestId(Due d) {
		return UUID.nameUUIDFromBytes(("digest:" + d.id()).getBytes(StandardCharsets.UTF_8));
	}

	private void sendEmail(SmtpConnection smtp, Due d, String[] content) throws Permanent {
		try {
			smtp.send(mime(smtp.sender(), d, content));
		}
		catch (MailParseException | MailPreparationException | MailAuthenticationException e) {
			throw new Permanent(message(e), e);
		}
	}

	/** Slack and Teams incoming webhooks take {"text": …}; outgoing webhooks are signed (see {@link Webhooks}). */
	private void post(Due d, String body) throws IOException, InterruptedException, Permanent {
		HttpRequest.Builder request;
		URI target;
		try {
			target = targets.check(d.recipient());
		}
		catch (OutboundTargets.Refused e) {
			throw new Permanent("refused: the URL " + e.getMessage(), null);
		}
		try {
			request = HttpRequest.newBuilder(target).timeout(props.httpTimeout())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException e) {
			throw new Permanent("invalid URL", e);
		}
		if ("WEBHOOK".equals(d.channel()) && !webhooks.sign(request, d.webhookId(), d.id(), d.template(), body, clock.instant())) {
			throw new Permanent("webhook endpoint removed", null);
		}
		// The answer's body is never read: a target cannot make us buffer it, and nothing of it is shown.
		HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		String error = "HTTP " + status + " from " + Message.maskUrls(d.recipient());
		// 408 and 429 ask to come back later; other 4xx will not change by retrying.
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			throw new Permanent(error, null);
		}
		throw new IOException(error);
	}

	private static Due asDigest(Due d) {
		return new Due(d.id(), d.channel(), d.audience(), d.recipient(), d.webhookId(), "weekly-digest", d.language(),
				"{}", null, null, null, "<" + digestId(d) + "@onward>", d.attempts(), d.accountId(), Priority.SUMMARY, null,
				true, d.segment(), d.timeZone());
	}

	private void mark(Due d, String status, String error, Instant next) {
		String text = error == null ? "unknown error" : error;
		jdbc.sql("""
				update outbox_message set status = :status, attempts = attempts + 1, last_error = :error, next_attempt_at = :next
				where id = :id""")
			.param("status", status).param("error", text.length() > 1000 ? text.substring(0, 1000) : text)
			.param("next", Timestamp.from(next)).param("id", d.id()).update();
	}

	/**
	 * Names in staff notices come from people (accounts, contacts, milestones): Slack's control
	 * characters and Teams' Markdown are escaped so a name cannot ping the channel or become a link.
	 */
	static String chatText(String channel, String text) {
		if ("SLACK".equals(channel)) {
			return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (char c : text.toCharArray()) {
			if ("\\`*_[]<>".indexOf(c) >= 0) out.append('\\');
			out.append(c);
		}
		return out.toString();
	}

	private static String message(Exception e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	private MimeMessage mime(JavaMailSender sender, Due d, String[] content) {
		try {
			MimeMessage message = new MimeMessage(sender.createMimeMessage().getSession()) {
				@Override
				protected void updateMessageID() throws MessagingException {
					// Keep the outbox's Message-ID: a resend after a crash is then recognisable as the same message.
					setHeader("Message-ID", d.messageId());
				}
			};
			// MimeMessageHelper makes a new file-type map (reading mime.types from the class path) for every message
			// it is not given one for, which took more than half of a delivery's time. The JVM's shared map instead:
			// it is only consulted for attachments given as files, which we never add.
			var helper = new MimeMessageHelper(message, d.calendar() != null, StandardCharsets.UTF_8.name()) {
				@Override
				protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
					return FileTypeMap.getDefaultFileTypeMap();
				}
			};
			helper.setFrom(props.from());
			helper.setTo(d.recipient());
			helper.setSubject(content[0]);
			helper.setText(content[1], false);
			if (d.calendar() != null) {
				// The invite as an attachment calendar clients offer to add (method REQUEST).
				var ics = new ByteArrayDataSource(d.calendar().getBytes(StandardCharsets.UTF_8),
						"text/calendar; charset=UTF-8; method=REQUEST");
				helper.addAttachment("invite.ics", ics);
			}
			return message;
		}
		catch (MessagingException e) {
			throw new MailPreparationException(e);
		}
	}
}
