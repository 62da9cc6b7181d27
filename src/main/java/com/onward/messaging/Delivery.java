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
			String language, String params, String subject, String body, String calendar, String messageId, int attempts) {
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

	Delivery(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> mail, MessagingProperties props,
			Clock clock, Unsubscribes unsubscribes, Outbox outbox, Webhooks webhooks,
			tools.jackson.databind.ObjectMapper json, GracefulShutdown shutdown, OutboundTargets targets) {
		this.shutdown = shutdown;
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
	@Scheduled(fixedDelayString = "${onward.messaging.delivery-interval:5s}", initialDelayString = "${onward.messaging.delivery-initial-delay:10s}")
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
		try (var smtp = sender == null ? null : new SmtpConnection(sender)) {
			// A stopping instance finishes the message in hand and takes no more: the others deliver them.
			while (!shutdown.stopping()) {
				Boolean any = tx.execute(status -> deliverOne(smtp, tried, counts));
				if (!Boolean.TRUE.equals(any)) {
					return new Round(counts[0], counts[1], counts[2]);
				}
			}
			return new Round(counts[0], counts[1], counts[2]);
		}
	}

	private boolean deliverOne(SmtpConnection smtp, List<UUID> tried, int[] counts) {
		List<Due> due = jdbc.sql("""
				select id, channel, audience, recipient, webhook_id, template, language, params, subject, body, calendar,
				  message_id, attempts
				from outbox_message
				where status = 'PENDING' and next_attempt_at <= :now and id <> all(:tried)
				  and (channel <> 'EMAIL' or :smtp)
				order by next_attempt_at, created_at limit 1 for update skip locked""")
			.param("now", Timestamp.from(clock.instant())).param("tried", tried.toArray(UUID[]::new))
			.param("smtp", smtp != null)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13)))
			.list();
		if (due.isEmpty()) {
			return false;
		}
		Due d = due.get(0);
		tried.add(d.id());
		String[] content = outbox.content(d.template(), d.language(), d.params(), d.subject(), d.body(), d.audience(),
				d.recipient());
		if ("EMAIL".equals(d.channel()) && "CUSTOMER".equals(d.audience()) && unsubscribes.unsubscribed(d.recipient())) {
			// Queued before the address unsubscribed: honoured, never sent.
			mark(d, "FAILED", "the recipient unsubscribed", clock.instant());
			counts[2]++;
			return true;
		}
		try {
			if ("EMAIL".equals(d.channel())) {
				sendEmail(smtp, d, content);
			}
			else if ("WEBHOOK".equals(d.channel())) {
				post(d, content[1]);
			}
			else {
				post(d, json.writeValueAsString(java.util.Map.of("text", chatText(d.channel(), content[0] + "\n" + content[1]))));
			}
			jdbc.sql("""
					update outbox_message set status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = null,
					  subject = :subject, body = :body where id = :id""")
				.param("at", Timestamp.from(clock.instant())).param("subject", content[0]).param("body", content[1])
				.param("id", d.id()).update();
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
			var helper = new MimeMessageHelper(message, d.calendar() != null, StandardCharsets.UTF_8.name());
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
