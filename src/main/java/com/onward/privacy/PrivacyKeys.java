package com.onward.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keyed one-way digests (HMAC-SHA256 with a key generated on first use and kept in the database):
 * the pseudonyms that replace erased user ids, and the digests by which the privacy log names its
 * subjects. Without the key, a guessable id (an email address) cannot be found from its digest.
 */
@Component
class PrivacyKeys {

	private final JdbcClient jdbc;
	private volatile byte[] secret;

	PrivacyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The pseudonym of a product user id (the same everywhere, so one user stays one user). */
	String pseudonym(String userId) {
		return "erased-" + digest("user:" + userId).substring(0, 22);
	}

	String digest(String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private byte[] secret() {
		byte[] s = secret;
		if (s == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			jdbc.sql("insert into privacy_key (id, secret) values (1, :s) on conflict (id) do nothing").param("s", fresh).update();
			s = jdbc.sql("select secret from privacy_key where id = 1").query(byte[].class).single();
			secret = s;
		}
		return s;
	}
}
