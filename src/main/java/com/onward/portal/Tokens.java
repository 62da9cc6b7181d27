package com.onward.portal;

import com.onward.shared.SecureTokens;

/** Secrets for links and sessions: 256 random bits, URL-safe; only their SHA-256 is ever stored. */
final class Tokens {

	private Tokens() {
	}

	static String random() {
		return SecureTokens.random(32);
	}

	static String hash(String value) {
		return SecureTokens.sha256(value);
	}

	/** A token as we issue it: 43 URL-safe characters; anything else is not looked up. */
	static boolean wellFormed(String token) {
		return token != null && token.length() == 43 && token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
	}
}
