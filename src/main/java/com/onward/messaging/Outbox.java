package com.onward.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The persisted outbox: a message is stored once per uniqueness key, with its template and values,
 * and rendered in the account's language; delivery happens later, after commit, by {@link Delivery}.
 * Customer emails carry an unsubscribe link and are not queued for an unsubscribed address; staff
 * notices are transactional and exempt.
 */
@Service
public class Outbox {

	/** The shipped templates (API.md lists the first ten; AUTO-4). */
	public static final List<String> TEMPLATES = List.of("welcome", "kickoff-confirmation", "weekly-check-in",
			"milestone-celebration", "re-engagement", "feature-how-to", "weekly-usage-summary", "training-congratulations",
			"onboarding-complete", "extension-notice", "kickoff-summary", "smb-day-1", "smb-day-3", "smb-day-7",
			"survey-csat", "survey-nps", "csm-notice", "weekly-digest", "milestone-reached", "ongoing-csm-introduction",
			"survey-goal", "survey-exit");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
	private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final MessagingProperties props;
	private final Clock clock;
	private final Unsubscribes unsubscribes;
	private final ObjectMapper json;
	private final Discipline discipline;
	private final com.onward.identity.AuditLog audit;
	private final com.onward.shared.Phrases phrases;

	Outbox(JdbcClient jdbc, MessageSource messages, MessagingProperties props, Clock clock, Unsubscribes unsubscribes,
			ObjectMapper json, Discipline discipline, com.onward.identity.AuditLog audit, com.onward.shared.Phrases phrases) {
		this.audit = audit;
		this.phrases = phrases;
		this.discipline = discipline;
		this.unsubscribes = unsubscribes;
		this.jdbc = jdbc;
		this.messages = messages;
		this.props = props;
		this.clock = clock;
		this.json = json;
	}

	/** Subject and body of a template in a language, placeholders like {@code {contact}} filled in. */
	public String[] render(String template, String language, Map<String, String> values) {
		Locale locale = locale(language);
		var all = new HashMap<>(values);
		all.putIfAbsent("product", props.product());
		// A date travels as 2026-12-02; the reader sees it written the way their language writes dates.
		all.replaceAll((k, v) -> v != null && ISO_DATE.matcher(v).matches() ? localDate(v, locale) : v);
		return new String[] { fill(messages.getMessage("template." + template + ".subject", null, locale), all),
				fill(messages.getMessage("template." + template + ".body", null, locale), all) };
	}

	/**
	 * A template rendered for a real account (its name, project lead and CSM) when one is given, with
	 * sample values for what only an occurrence supplies (dates, features, figures); in the account's
	 * language unless one is asked for. Returns subject, body and the language used.
	 */
	public String[] preview(String template, String language, UUID accountId) {
		var values = new HashMap<String, String>(Map.ofEntries(Map.entry("account", "Acme"), Map.entry("contact", "Siti"),
				Map.entry("csm", "Daniel"), Map.entry("goals", "invoice processing in 3.6 days"),
				Map.entry("achievements", "• 42 % faster invoices"), Map.entry("feature", "approval flows"),
				Map.entry("date", "2026-03-05"), Map.entry("activeUsers", "12"), Map.entry("events", "340"),
				Map.entry("notice", "Nobody at Acme has signed in 7 days after access"),
				Map.entry("link", props.publicUrl() + "/accounts")));
		String[] lang = { language };
		if (accountId != null) {
			jdbc.sql("""
					select a.name, c.name, m.name, a.language from account_v a
					left join lateral (select name from contact_v where account_id = a.account_id
					                   order by (role = 'PROJECT_LEAD') desc, (role = 'CHAMPION') desc, created_at limit 1) c on true
					left join team_member_v m on m.member_id = a.owner_csm_id where a.account_id = :id""")
				.param("id", accountId).query((rs, n) -> {
					values.put("account", rs.getString(1));
					if (rs.getString(2) != null) values.put("contact", rs.getString(2));
					if (rs.getString(3) != null) values.put("csm", rs.getString(3));
					if (lang[0] == null) lang[0] = rs.getString(4);
					return true;
				}).optional().orElseThrow(() -> new com.onward.shared.NotFoundException("Account", accountId));
		}
		String used = lang[0] == null ? "en" : lang[0];
		String[] rendered = render(template, used, values);
		return new String[] { rendered[0], rendered[1], used };
	}

	/** Accounts to preview a template for (id → name), by name. */
	public java.util.LinkedHashMap<String, String> previewAccounts() {
		var accounts = new java.util.LinkedHashMap<String, String>();
		jdbc.sql("select cast(account_id as text), name from account_v order by name limit 500")
			.query((rs, n) -> accounts.put(rs.getString(1), rs.getString(2))).list();
		return accounts;
	}

	/** Queues a templated customer email; false when a message with this key exists or the address unsubscribed. */
	@Transactional
	public boolean enqueue(String uniquenessKey, String template, UUID accountId, String recipient, String language,
			Map<String, String> values) {
		return enqueueInvite(uniquenessKey, template, accountId, recipient, language, values, null);
	}

	/** Like {@link #enqueue}, with an iCalendar invite ({@code .ics}) attached to the email. */
	@Transactional
	public boolean enqueueInvite(String uniquenessKey, String template, UUID accountId, String recipient, String language,
			Map<String, String> values, String calendar) {
		String[] rendered = render(template, language, values);
		return insert(uniquenessKey, template, accountId, "EMAIL", "CUSTOMER", recipient, null, language, values,
				rendered[0], withFooter(rendered[1], "CUSTOMER", recipient, language), calendar);
	}

	/**
	 * Queues a customer email written elsewhere (e.g. the graduation celebration), with its unsubscribe
	 * link; false when the key exists or the address has unsubscribed.
	 */
	@Transactional
	public boolean enqueueRendered(String uniquenessKey, String template, UUID accountId, String recipient,
			String language, String subject, String body) {
		return insert(uniquenessKey, template, accountId, "EMAIL", "CUSTOMER", recipient, null, language, Map.of(), subject,
				withFooter(body, "CUSTOMER", recipient, language), null);
	}

	/** Queues a call to a Slack/Teams incoming webhook or an outgoing webhook; the body is the JSON payload. */
	@Transactional
	public boolean enqueueHttp(String uniquenessKey, String channel, String template, UUID accountId, String url,
			UUID webhookId, String subject, String payload) {
		return insert(uniquenessKey, template, accountId, channel, "STAFF", url, webhookId, "en", Map.of(), subject, payload,
				null);
	}

	/**
	 * Queues customer emails in bulk, bound as column arrays: one statement however many. Keys that exist,
	 * emails without a recipient and unsubscribed addresses are skipped; returns how many messages were queued.
	 */
	@Transactional
	public int enqueueAll(List<CustomerEmail> emails) {
		if (emails.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, account_id, channel, audience, recipient, language,
				  params, status, next_attempt_at, message_id, created_at, priority, topic)
				select id, uniqueness_key, q.template, account_id, 'EMAIL', 'CUSTOMER', recipient, language, params, 'PENDING',
				  :now, '<' || id || '@onward>', :now, coalesce(t.priority, 'NUDGE'), t.topic
				from (select uuidv7() as id, s.uniqueness_key, s.template, s.account_id, s.recipient, s.language,
				        cast(s.params as jsonb) as params
				      from unnest(cast(:keys as text[]), cast(:templates as text[]), cast(:accounts as uuid[]),
				        cast(:recipients as text[]), cast(:languages as text[]), cast(:params as text[]))
				        as s(uniqueness_key, template, account_id, recipient, language, params)
				      where s.recipient is not null
				        and not exists (select 1 from unsubscribe u where u.email = lower(trim(s.recipient)))) q
				left join unnest(cast(:pt as text[]), cast(:pp as text[]), cast(:pc as text[])) as t(template, priority, topic)
				  on t.template = q.template
				on conflict (uniqueness_key) do nothing""")
			.param("keys", emails.stream().map(CustomerEmail::key).toArray(String[]::new))
			.param("templates", emails.stream().map(CustomerEmail::template).toArray(String[]::new))
			.param("accounts", emails.stream().map(CustomerEmail::accountId).toArray(UUID[]::new))
			.param("recipients", emails.stream().map(CustomerEmail::recipient).toArray(String[]::new))
			.param("languages", emails.stream().map(CustomerEmail::language).toArray(String[]::new))
			.param("params", emails.stream().map(e -> json.writeValueAsString(e.values())).toArray(String[]::new))
			.params(discipline.templateTable()).param("now", Timestamp.from(clock.instant())).update();
	}

	private boolean insert(String key, String template, UUID accountId, String channel, String audience, String recipient,
			UUID webhookId, String language, Map<String, String> values, String subject, String body, String calendar) {
		if ("CUSTOMER".equals(audience) && unsubscribes.unsubscribed(recipient)) {
			return false;
		}
		UUID id = UUID.randomUUID();
		return jdbc.sql("""
				insert into outbox_message (id, uniqueness_key, template, account_id, channel, audience, recipient, webhook_id,
				  language, params, subject, body, calendar, status, next_attempt_at, message_id, created_at, priority, topic)
				values (:id, :key, :template, :account, :channel, :audience, :recipient, :webhook, :language,
				  cast(:params as jsonb), :subject, :body, :calendar, 'PENDING', :at, :messageId, :at, :priority, :topic)
				on conflict (uniqueness_key) do nothing""")
			.param("id", id).param("key", key).param("template", template).param("account", accountId)
			.param("channel", channel).param("audience", audience).param("recipient", recipient).param("webhook", webhookId)
			.param("language", language == null ? "en" : language).param("params", json.writeValueAsString(values))
			.param("subject", subject).param("body", body).param("calendar", calendar)
			.param("at", Timestamp.from(clock.instant())).param("messageId", "<" + id + "@onward>")
			.param("priority", discipline.priority(template, key, audience).name())
			.param("topic", "CUSTOMER".equals(audience) ? discipline.topic(template) : null).update() == 1;
	}

	/** Subject and body of a stored message, rendering one queued in bulk (its body then gets the footer). */
	String[] content(String template, String language, String paramsJson, String subject, String body, String audience,
			String recipient) {
		if (subject != null && body != null) {
			return new String[] { subject, body };
		}
		String[] rendered = render(template, language, values(language, json.readValue(paramsJson, VALUES)));
		return new String[] { rendered[0], withFooter(rendered[1], audience, recipient, language) };
	}

	/**
	 * Stored values as text; a {@code noticeKey} (with {@code noticeArgs}) becomes the {@code notice} in the language,
	 * its codes, dates and names written for that reader (see {@link com.onward.shared.Phrases}).
	 */
	private Map<String, String> values(String language, Map<String, Object> raw) {
		var values = new HashMap<String, String>();
		raw.forEach((k, v) -> {
			if (v != null && !(v instanceof List)) values.put(k, v.toString());
		});
		if (raw.get("noticeKey") instanceof String key) {
			values.put("notice", phrases.message(key, raw.get("noticeArgs") instanceof List<?> list ? list : List.of(),
					locale(language)));
		}
		return values;
	}

	/** A customer email's body with the unsubscribe footer. */
	String footer(String body, String recipient, String language) {
		return withFooter(body, "CUSTOMER", recipient, language);
	}

	private String withFooter(String body, String audience, String recipient, String language) {
		if (!"CUSTOMER".equals(audience)) {
			return body;
		}
		return body + "\n\n--\n" + messages.getMessage("template.footer", null, locale(language)) + " "
				+ unsubscribes.link(recipient);
	}

	/**
	 * What the outbox is searched by: account, template, status and the day it was queued (from and to
	 * inclusive, in the application's time zone); null parts do not filter.
	 */
	public record Query(UUID accountId, String account, String template, Message.Status status,
			java.time.LocalDate from, java.time.LocalDate to) {

		public static Query of(UUID accountId, Message.Status status) {
			return new Query(accountId, null, null, status, null, null);
		}
	}

	/** One message opened: what it is, what was sent in which language, and what happened to it. */
	public record Detail(Message message, String accountName, String audience, String uniquenessKey,
			String messageId, Instant nextAttemptAt, boolean hasCalendar, Map<String, String> headers) {

		public boolean resendable() {
			return message.status() == Message.Status.FAILED;
		}

		/** As someone who is not an admin sees it (see {@link Message#masked()}). */
		public Detail masked() {
			Message m = message.masked();
			var shown = new java.util.LinkedHashMap<String, String>(headers);
			shown.computeIfPresent("URL", (k, v) -> m.recipient());
			return new Detail(m, accountName, audience, uniquenessKey, messageId, nextAttemptAt, hasCalendar, shown);
		}
	}

	private static final String COLUMNS = """
			select id, template, account_id, recipient, language, subject, body, status, attempts, last_error,
			  created_at, sent_at, channel, params, audience, priority, held_reason, next_attempt_at""";

	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public PageResult<Message> page(UUID accountId, Message.Status status, int page, int size) {
		return page(Query.of(accountId, status), page, size);
	}

	/** A page of the outbox, newest first, filtered by account, template, status and day queued. */
	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public PageResult<Message> page(Query q, int page, int size) {
		var params = new HashMap<String, Object>();
		params.put("a", q.accountId());
		params.put("n", q.account() == null || q.account().isBlank() ? null
				: "%" + com.onward.shared.Texts.likeLiteral(q.account().strip().toLowerCase()) + "%");
		params.put("s", q.status() == null ? null : q.status().name());
		params.put("t", q.template() == null || q.template().isBlank() ? null : q.template());
		params.put("from", q.from() == null ? null : Timestamp.from(q.from().atStartOfDay(clock.getZone()).toInstant()));
		params.put("to", q.to() == null ? null
				: Timestamp.from(q.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
		String where = " " + """
				where (cast(:a as uuid) is null or account_id = :a) and (cast(:s as text) is null or status = :s)
				  and (cast(:n as text) is null or account_id in (select a.account_id from account_v a
				    where lower(a.name) like :n escape '\\'))
				  and (cast(:t as text) is null or template = :t)
				  and (cast(:from as timestamptz) is null or created_at >= :from)
				  and (cast(:to as timestamptz) is null or created_at < :to)""";
		long total = jdbc.sql("select count(*) from outbox_message" + where).params(params).query(Long.class).single();
		List<Message> items = jdbc.sql(COLUMNS + " from outbox_message" + where
				+ " order by created_at desc, id limit :size offset :offset")
			.params(params).param("size", size).param("offset", (long) page * size)
			.query(this::message)
			.list();
		return new PageResult<>(items, page, size, total);
	}

	/** The templates messages in the outbox were written from, by key. */
	@Transactional(readOnly = true)
	public List<String> templatesUsed() {
		var used = new java.util.TreeSet<>(TEMPLATES);
		used.addAll(jdbc.sql("select distinct template from outbox_message").query(String.class).list());
		return List.copyOf(used);
	}

	/** One message with its headers as sent (or as they will be sent). */
	@Transactional(readOnly = true)
	public java.util.Optional<Detail> detail(UUID id) {
		return jdbc.sql(COLUMNS + """
				, uniqueness_key, message_id, calendar is not null as has_calendar,
				  (select a.name from account_v a where a.account_id = o.account_id) as account_name
				from outbox_message o where id = :id""")
			.param("id", id).query((rs, n) -> {
				Message m = message(rs, n);
				var headers = new java.util.LinkedHashMap<String, String>();
				if ("EMAIL".equals(m.channel())) {
					headers.put("From", props.from());
					headers.put("To", m.recipient());
					headers.put("Subject", m.subject());
					headers.put("Message-ID", rs.getString("message_id"));
					headers.put("Content-Language", m.language());
					headers.put("Content-Type", rs.getBoolean("has_calendar") ? "multipart/mixed; text/plain + text/calendar"
							: "text/plain; charset=UTF-8");
				}
				else {
					headers.put("URL", m.recipient());
					headers.put("Content-Type", "application/json");
				}
				return new Detail(m, rs.getString("account_name"), rs.getString("audience"), rs.getString("uniqueness_key"),
						rs.getString("message_id"),
						rs.getTimestamp("next_attempt_at") == null ? null : rs.getTimestamp("next_attempt_at").toInstant(),
						rs.getBoolean("has_calendar"), headers);
			}).optional();
	}

	/**
	 * Queues a failed message again, to be delivered at the next round with its stored subject, body and
	 * Message-ID; only a FAILED message can be resent, and never to an address that unsubscribed.
	 */
	@Transactional
	public Message resend(UUID id) {
		var row = jdbc.sql("select status, audience, recipient from outbox_message where id = :id for update")
			.param("id", id).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.optional().orElseThrow(() -> new com.onward.shared.NotFoundException("Message", id));
		if (!"FAILED".equals(row[0])) {
			throw new com.onward.shared.BusinessRuleException("status", "only a FAILED message can be resent",
					"outbox.resend.notFailed");
		}
		if ("CUSTOMER".equals(row[1]) && unsubscribes.unsubscribed(row[2])) {
			throw new com.onward.shared.BusinessRuleException("recipient", "the recipient unsubscribed",
					"outbox.resend.unsubscribed");
		}
		jdbc.sql("""
				update outbox_message set status = 'PENDING', next_attempt_at = :now, held_reason = null
				where id = :id""").param("now", Timestamp.from(clock.instant())).param("id", id).update();
		audit.record("message.resent", "message", id, row[2] == null ? "" : Message.maskUrls(row[2]));
		return detail(id).orElseThrow().message();
	}

	private Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		String[] content = content(rs.getString(2), rs.getString(5), rs.getString(14), rs.getString(6), rs.getString(7),
				rs.getString(15), rs.getString(4));
		return new Message(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
				rs.getString(5), content[0], content[1], Message.Status.valueOf(rs.getString(8)), rs.getInt(9),
				rs.getString(10), rs.getTimestamp(11).toInstant(),
				rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getString(13),
				Priority.valueOf(rs.getString(16)), rs.getString(17),
				rs.getString(17) == null ? null : rs.getTimestamp(18).toInstant());
	}

	static Locale locale(String language) {
		return Locale.forLanguageTag(language == null ? "en" : language);
	}

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static String localDate(String iso, Locale locale) {
		try {
			return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(locale)
				.format(java.time.LocalDate.parse(iso));
		}
		catch (java.time.format.DateTimeParseException notADate) {
			return iso;
		}
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
