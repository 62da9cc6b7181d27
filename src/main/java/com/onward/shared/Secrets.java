package com.onward.shared;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing keys kept in the database: each is 32 random bytes generated the first time any
 * instance asks for it, then shared by all instances (the insert race is settled by the primary
 * key). An operator may configure a key instead; one shorter than {@link #MIN_BYTES} is refused.
 */
@Component
public class Secrets {

	/** The shortest secret accepted for an HMAC-SHA256 key: its output size. */
	public static final int MIN_BYTES = 32;

	private final JdbcClient jdbc;
	private final SecureRandom random = new SecureRandom();
	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	Secrets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key named {@code name}, generated on first use. */
	public byte[] key(String name) {
		return cache.computeIfAbsent(name, this::load).clone();
	}

	/** The configured value when there is one (checked by {@link #requireStrong}), else the stored key. */
	public byte[] key(String name, String configured) {
		return configured == null || configured.isBlank() ? key(name) : requireStrong(name, configured);
	}

	/**
	 * A configured secret as bytes, or an {@link IllegalStateException} (the application refuses
	 * to start) when it is shorter than {@link #MIN_BYTES} bytes.
	 */
	public static byte[] requireStrong(String property, String configured) {
		byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_BYTES) {
			throw new IllegalStateException(property + " must be at least " + MIN_BYTES
					+ " bytes of random text (or unset, to use a key generated on first start)");
		}
		return bytes;
	}

	private byte[] load(String name) {
		byte[] fresh = new byte[MIN_BYTES];
		random.nextBytes(fresh);
		jdbc.sql("insert into app_secret (name, value) values (:n, :v) on conflict (name) do nothing")
			.param("n", name).param("v", fresh).update();
		return jdbc.sql("select value from app_secret where name = :n").param("n", name).query(byte[].class).single();
	}
}
