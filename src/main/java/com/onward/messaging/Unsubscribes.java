package com.onward.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.Secrets;

/**
 * Unsubscribe links: the token is the address and its HMAC-SHA256 under a key generated on the
 * first start and kept in the database ({@link Secrets}, or {@code onward.messaging.unsubscribe-secret}
 * of at least 32 bytes), so a link cannot be forged for someone else's address and needs no stored
 * state until it is used.
 */
@Service
class Unsubscribes {

	private final JdbcClient jdbc;
	private final MessagingProperties props;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final Secrets secrets;

	Unsubscribes(JdbcClient jdbc, MessagingProperties props, Clock clock, ApplicationEventPublisher events,
			Secrets secrets) {
		this.secrets = secrets;
		this.events = events;
		this.jdbc = jdbc;
		this.props = props;
		this.clock = clock;
	}

	String link(String email) {
		String address = normalise(email);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(address.getBytes(StandardCharsets.UTF_8)) + "."
				+ sign(address);
		return props.publicUrl() + "/unsubscribe?t=" + token;
	}

	/** The address a token stands for, if its signature holds. */
	Optional<String> verify(String token) {
		if (token == null) return Optional.empty();
		int dot = token.indexOf('.');
		if (dot <= 0) return Optional.empty();
		try {
			String address = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
			boolean valid = MessageDigest.isEqual(sign(address).getBytes(StandardCharsets.UTF_8),
					token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
			return valid ? Optional.of(address) : Optional.empty();
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** Records the address and tells other modules (sequences stop for it), once. */
	@Transactional
	void unsubscribe(String email) {
		if (jdbc.sql("insert into unsubscribe (email, unsubscribed_at) values (:e, :at) on conflict do nothing")
			.param("e", normalise(email)).param("at", Timestamp.from(clock.instant())).update() == 1) {
			events.publishEvent(new RecipientUnsubscribed(normalise(email)));
		}
	}

	boolean unsubscribed(String email) {
		return jdbc.sql("select exists (select 1 from unsubscribe where email = :e)").param("e", normalise(email))
			.query(Boolean.class).single();
	}

	private String sign(String address) {
		return Webhooks.hmac(secrets.key("unsubscribe", props.unsubscribeSecret()), address);
	}

	private static String normalise(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}
}
