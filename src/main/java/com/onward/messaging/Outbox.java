package com.onward.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.PageResult;

/**
 * The persisted outbox: a message is rendered from its template in the account's language and
 * stored once per uniqueness key; delivery happens later, after commit, by {@link Delivery}.
 */
@Service
public class Outbox {

	/** The shipped templates of API.md (AUTO-4). */
	public static final List<String> TEMPLATES = List.of("welcome", "kickoff-confirmation", "weekly-check-in",
			"milestone-celebration", "re-engagement", "feature-how-to", "weekly-usage-summary", "training-congratulations",
			"onboarding-complete", "extension-notice");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final MessagingProperties props;
	private final Clock clock;
	private final Unsubscribes unsubscribes;

	Outbox(JdbcClient jdbc, MessageSource messages, MessagingProperties props, Clock clock, Unsubscribes unsubscribes) {
		this.unsubscribes = unsubscribes;
		this.jdbc = jdbc;
		this.messages = messages;
		this.props = props;
		this.clock = clock;
	}

	/** Subject and body of a template in a language, placeholders like {@code {contact}} filled in. */
	public String[] render(String template, String language, Map<String, String> values) {
		Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
		var all = new java.util.HashMap<>(values);
		all.putIfAbsent("product", props.product());
		return new String[] { fill(messages.getMessage("template." + template + ".subject", null, locale), all),
				fill(messages.getMessage("template." + template + ".body", null, locale), all) };
	}

	/** Queues a templated email; returns false when a message with this key already exists. */
	@Transactional
	public boolean enqueue(String uniquenessKey, String template, UUID accountId, String recipient, String language,
			Map<String, String> values) {
		String[] rendered = render(template, language, values);
		return enqueueRendered(uniquenessKey, template, accountId, recipient, language, rendered[0], rendered[1]);
	}

	/**
	 * Queues a customer email written elsewhere (e.g. the graduation celebration), with its unsubscribe
	 * link; false when the key exists or the address has unsubscribed.
	 */
	@Transactional
	public boolean enqueueRendered(String uniquenessKey, String template, UUID accountId, String recipient,
			String language, String subject, String body) {
		if (unsubscribes.unsubscribed(recipient)) {
			return false;
		}
		Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
		body = body + "\n\n--\n" + messages.getMessage("template.footer", null, locale) + " " + unsubscribes.link(recipient);
		UUID id = UUID.randomUUID();
		return jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, account_id, channel, recipient, language, subject,
				  body, status, next_attempt_at, message_id, created_at)
				values (:id, :key, :template, :account, 'EMAIL', :recipient, :language, :subject, :body, 'PENDING', :at,
				  :messageId, :at)
				on conflict (uniqueness_key) do nothing""")
			.param("id", id).param("key", uniquenessKey).param("template", template).param("account", accountId)
			.param("recipient", recipient).param("language", language == null ? "en" : language).param("subject", subject)
			.param("body", body).param("at", Timestamp.from(clock.instant()))
			.param("messageId", "<" + id + "@onward>").update() == 1;
	}

	public PageResult<Message> page(UUID accountId, Message.Status status, int page, int size) {
		var params = new java.util.HashMap<String, Object>();
		params.put("a", accountId);
		params.put("s", status == null ? null : status.name());
		String where = " where (cast(:a as uuid) is null or account_id = :a) and (cast(:s as text) is null or status = :s)";
		long total = jdbc.sql("select count(*) from outbox_message" + where).params(params).query(Long.class).single();
		List<Message> items = jdbc.sql("""
				select id, template, account_id, recipient, language, subject, body, status, attempts, last_error,
				  created_at, sent_at from outbox_message""" + where + " order by created_at desc, id limit :size offset :offset")
			.params(params).param("size", size).param("offset", (long) page * size)
			.query((rs, n) -> new Message(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Message.Status.valueOf(rs.getString(8)),
					rs.getInt(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
					rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant()))
			.list();
		return new PageResult<>(items, page, size, total);
	}

	private static String fill(String text, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(text);
		var out = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
		}
		m.appendTail(out);
		return out.toString();
	}
}
