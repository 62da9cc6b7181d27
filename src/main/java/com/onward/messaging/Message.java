package com.onward.messaging;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An outbox message as the API shows it ({@code GET /api/v1/messages}); channel EMAIL, SLACK, TEAMS or WEBHOOK.
 * A PENDING message waiting for the daily cap, the sending hours or the weekly digest names why in
 * {@code heldReason} (DAILY_CAP, QUIET_HOURS, DIGEST) and until when in {@code heldUntil}.
 */
public record Message(UUID id, String template, UUID accountId, String recipient, String language, String subject,
		String body, Status status, int attempts, String lastError, Instant createdAt, Instant sentAt, String channel,
		Priority priority, String heldReason, Instant heldUntil) {

	/** SKIPPED: a second nudge about the same topic, never sent; DIGESTED: sent inside a weekly digest. */
	public enum Status {
		PENDING, SENT, FAILED, SKIPPED, DIGESTED
	}

	/** Channels whose recipient is a URL that works as a bearer secret (incoming webhooks, endpoints). */
	static final Set<String> URL_CHANNELS = Set.of("SLACK", "TEAMS", "WEBHOOK");

	private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");
	private static final Pattern PRIVATE_LINK = Pattern.compile("(/survey/|/unsubscribe\\?t=)[A-Za-z0-9._~%-]+");

	/**
	 * The message as someone who is not an admin sees it: webhook, Slack and Teams URLs reduced to
	 * their scheme and host, and the private survey and unsubscribe links in bodies hidden, so reading
	 * the outbox gives no way to post to the staff channel or answer for a customer.
	 */
	public Message masked() {
		return new Message(id, template, accountId, URL_CHANNELS.contains(channel) ? maskUrls(recipient) : recipient,
				language, subject, maskLinks(maskUrlsIf(body)), status, attempts, maskUrls(lastError), createdAt, sentAt,
				channel, priority, heldReason, heldUntil);
	}

	private String maskUrlsIf(String text) {
		return URL_CHANNELS.contains(channel) ? maskUrls(text) : text;
	}

	static String maskLinks(String text) {
		return text == null ? null : PRIVATE_LINK.matcher(text).replaceAll("$1…");
	}

	/** Every URL in {@code text} as {@code scheme://host/…}. */
	static String maskUrls(String text) {
		if (text == null) return null;
		Matcher m = URL.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String shown;
			try {
				URI uri = URI.create(m.group());
				shown = uri.getScheme() + "://" + (uri.getHost() == null ? "…" : uri.getHost()) + "/…";
			}
			catch (IllegalArgumentException e) {
				shown = "…";
			}
			m.appendReplacement(out, Matcher.quoteReplacement(shown));
		}
		m.appendTail(out);
		return out.toString();
	}
}
