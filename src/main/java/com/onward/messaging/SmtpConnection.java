package com.onward.messaging;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One SMTP connection kept open for a delivery round, so each message costs a MAIL/RCPT/DATA
 * exchange rather than a new connection and greeting; every message is still committed on its
 * own. Reconnects after a failure; falls back to the sender's own send for other senders.
 */
final class SmtpConnection implements AutoCloseable {

	private final JavaMailSender sender;
	private Transport transport;

	SmtpConnection(JavaMailSender sender) {
		this.sender = sender;
	}

	JavaMailSender sender() {
		return sender;
	}

	/** Sends; a refused recipient is a permanent failure, anything else is worth a retry. */
	void send(MimeMessage message) {
		if (!(sender instanceof JavaMailSenderImpl impl)) {
			sender.send(message);
			return;
		}
		try {
			// Not isConnected(): for SMTP that sends a NOOP round trip before every message. A broken
			// connection shows as a failure, which closes it; the next message reconnects.
			if (transport == null) {
				transport = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
				transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
			}
			message.saveChanges();
			transport.sendMessage(message, message.getAllRecipients());
		}
		catch (AuthenticationFailedException e) {
			close();
			throw new MailAuthenticationException(e);
		}
		catch (SendFailedException e) {
			// The server refused the address: no retry will change that (the connection stays usable).
			throw new org.springframework.mail.MailParseException("recipient refused: " + e.getMessage(), e);
		}
		catch (MessagingException e) {
			close();
			throw new MailSendException("SMTP failure: " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		if (transport != null) {
			try {
				transport.close();
			}
			catch (MessagingException e) {
				// Closing a broken connection: nothing to do.
			}
			transport = null;
		}
	}
}
