package com.onward.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends due outbox messages. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * several instances deliver side by side and never take the same message; the row stays locked
 * while it is sent and is marked SENT in the same transaction. A crash between SMTP accepting a
 * message and our commit leaves it PENDING: it is sent again with the same Message-ID. Transient
 * failures retry with exponential backoff; permanent ones (bad address) are marked FAILED.
 */
@Service
public class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	/** What a delivery round did. */
	public record Round(int sent, int retried, int failed) {
	}

	private record Due(UUID id, String recipient, String subject, String body, String messageId, int attempts) {
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final ObjectProvider<JavaMailSender> mail;
	private final MessagingProperties props;
	private final Clock clock;
	private final Unsubscribes unsubscribes;

	Delivery(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> mail, MessagingProperties props,
			Clock clock, Unsubscribes unsubscribes) {
		this.unsubscribes = unsubscribes;
		this.jdbc = jdbc;
		this.tx = tx;
		this.mail = mail;
		this.props = props;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${onward.messaging.delivery-interval:5s}", initialDelayString = "PT10S")
	void scheduled() {
		deliverDue();
	}

	/** Delivers what is due, batch after batch; without SMTP configured nothing is sent (and nothing marked sent). */
	public Round deliverDue() {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return new Round(0, 0, 0);
		}
		int sent = 0;
		int retried = 0;
		int failed = 0;
		while (true) {
			int[] round = tx.execute(status -> deliverBatch(sender));
			sent += round[0];
			retried += round[1];
			failed += round[2];
			// Go on only while whole batches are sent: a retried message must wait for its backoff, not this loop.
			if (round[0] < props.batchSize()) {
				return new Round(sent, retried, failed);
			}
		}
	}

	private int[] deliverBatch(JavaMailSender sender) {
		List<Due> due = jdbc.sql("""
				select id, recipient, subject, body, message_id, attempts from outbox_message
				where status = 'PENDING' and next_attempt_at <= :now
				order by next_attempt_at, created_at limit :n for update skip locked""")
			.param("now", Timestamp.from(clock.instant())).param("n", props.batchSize())
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getInt(6)))
			.list();
		int[] counts = new int[3];
		for (Due d : due) {
			if (unsubscribes.unsubscribed(d.recipient())) {
				// Queued before the address unsubscribed: honoured, never sent.
				mark(d, "FAILED", new IllegalStateException("the recipient unsubscribed"), clock.instant());
				counts[2]++;
				continue;
			}
			try {
				sender.send(mime(sender, d));
				jdbc.sql("update outbox_message set status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = null where id = :id")
					.param("at", Timestamp.from(clock.instant())).param("id", d.id()).update();
				counts[0]++;
			}
			catch (MailParseException | MailPreparationException | MailAuthenticationException e) {
				// Nothing a retry would fix.
				mark(d, "FAILED", e, clock.instant());
				counts[2]++;
			}
			catch (MailException e) {
				int attempts = d.attempts() + 1;
				if (attempts >= props.maxAttempts()) {
					mark(d, "FAILED", e, clock.instant());
					counts[2]++;
				}
				else {
					Duration wait = props.firstRetry().multipliedBy(1L << Math.min(20, attempts - 1));
					mark(d, "PENDING", e, clock.instant().plus(wait.compareTo(props.maxRetry()) > 0 ? props.maxRetry() : wait));
					counts[1]++;
				}
				log.warn("Delivery of message {} failed (attempt {}): {}", d.id(), attempts, e.getMessage());
			}
		}
		return counts;
	}

	private void mark(Due d, String status, Exception e, java.time.Instant next) {
		String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		jdbc.sql("""
				update outbox_message set status = :status, attempts = attempts + 1, last_error = :error, next_attempt_at = :next
				where id = :id""")
			.param("status", status).param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
			.param("next", Timestamp.from(next)).param("id", d.id()).update();
	}

	private MimeMessage mime(JavaMailSender sender, Due d) {
		try {
			MimeMessage message = new MimeMessage(sender.createMimeMessage().getSession()) {
				@Override
				protected void updateMessageID() throws MessagingException {
					// Keep the outbox's Message-ID: a resend after a crash is then recognisable as the same message.
					setHeader("Message-ID", d.messageId());
				}
			};
			var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(props.from());
			helper.setTo(d.recipient());
			helper.setSubject(d.subject());
			helper.setText(d.body(), false);
			return message;
		}
		catch (MessagingException e) {
			throw new MailPreparationException(e);
		}
	}
}
