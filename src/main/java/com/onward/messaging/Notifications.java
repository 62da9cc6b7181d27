package com.onward.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * "Notify the CSM" (AUTO-1): an entry in the staff member's in-app inbox, an email to them (a
 * transactional staff notice: no unsubscribe) and a post to the team's Slack/Teams incoming webhook
 * when configured — each once per uniqueness key. Set-based, so a sweep notifies thousands at once.
 */
@Service
public class Notifications {

	/** An inbox entry; the text is a message key with arguments, shown in the reader's language. */
	public record Notification(UUID id, UUID accountId, String accountName, String textKey, List<Object> args,
			Instant createdAt, Instant readAt) {
	}

	private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final MessagingProperties props;
	private final Clock clock;
	private final ObjectMapper json;

	Notifications(JdbcClient jdbc, Outbox outbox, MessagingProperties props, Clock clock, ObjectMapper json) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.props = props;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * Notifies in bulk, bound as column arrays (a notice with neither user nor email is skipped; the user gets it
	 * in the in-app inbox, the email by mail). Returns how many notices were new; email and chat follow for those
	 * only.
	 */
	@Transactional
	public int notifyAll(List<StaffNotice> notices) {
		if (notices.isEmpty()) {
			return 0;
		}
		Timestamp now = Timestamp.from(clock.instant());
		// One statement: the new inbox entries, and for just those (the insert returns only rows it made) their
		// email and chat messages, so a chunk of thousands of notices is one round trip and no staging table.
		String notice = """
				select 'notice-%1$s:' || n.uniqueness_key as uniqueness_key, 'csm-notice' as template, n.account_id,
				  %2$s as recipient, 'STAFF' as audience, '%1$s' as channel,
				  jsonb_build_object('noticeKey', n.text_key, 'noticeArgs', n.args, 'account', coalesce(a.name, ''),
				    'link', cast(:url as text) || '/accounts/' || n.account_id) as params
				from n left join account_v a on a.account_id = n.account_id %3$s""";
		var channels = new java.util.ArrayList<String>();
		channels.add(notice.formatted("EMAIL", "n.email", "where n.email is not null"));
		if (props.slackWebhookUrl() != null) {
			channels.add(notice.formatted("SLACK", "cast(:slack as text)", ""));
		}
		if (props.teamsWebhookUrl() != null) {
			channels.add(notice.formatted("TEAMS", "cast(:teams as text)", ""));
		}
		return jdbc.sql("""
				with n as (
				  insert into notification (id, uniqueness_key, user_id, email, account_id, text_key, args, created_at)
				  select uuidv7(), s.uniqueness_key, s.user_id, s.email, s.account_id, s.text_key, cast(s.args as jsonb), :now
				  from unnest(cast(:keys as text[]), cast(:users as uuid[]), cast(:emails as text[]), cast(:accounts as uuid[]),
				    cast(:textKeys as text[]), cast(:args as text[])) as s(uniqueness_key, user_id, email, account_id, text_key, args)
				  where s.user_id is not null or s.email is not null
				  on conflict (uniqueness_key) do nothing
				  returning uniqueness_key, email, account_id, text_key, args),
				messages as (
				  insert into outbox_message (id, uniqueness_key, template, account_id, channel, audience, recipient, language,
				    params, status, next_attempt_at, message_id, created_at)
				  select id, uniqueness_key, template, account_id, channel, audience, recipient, :language, params, 'PENDING',
				    :now, '<' || id || '@onward>', :now
				  from (select uuidv7() as id, s.* from (%s) s) q
				  on conflict (uniqueness_key) do nothing)
				select count(*) from n""".formatted(String.join(" union all ", channels)))
			.param("keys", notices.stream().map(StaffNotice::key).toArray(String[]::new))
			.param("users", notices.stream().map(StaffNotice::userId).toArray(UUID[]::new))
			.param("emails", notices.stream().map(StaffNotice::email).toArray(String[]::new))
			.param("accounts", notices.stream().map(StaffNotice::accountId).toArray(UUID[]::new))
			.param("textKeys", notices.stream().map(StaffNotice::textKey).toArray(String[]::new))
			.param("args", notices.stream().map(n -> json.writeValueAsString(n.args())).toArray(String[]::new))
			.param("now", now).param("language", props.staffLanguage()).param("url", props.publicUrl())
			.param("slack", props.slackWebhookUrl()).param("teams", props.teamsWebhookUrl())
			.query(Integer.class).single();
	}

	public List<Notification> inbox(UUID userId, boolean unreadOnly, int limit) {
		return jdbc.sql("""
				select n.id, n.account_id, a.name, n.text_key, n.args, n.created_at, n.read_at
				from notification n left join account_v a on a.account_id = n.account_id
				where n.user_id = :user and (not :unread or n.read_at is null)
				order by n.created_at desc limit :limit""")
			.param("user", userId).param("unread", unreadOnly).param("limit", limit)
			.query((rs, i) -> new Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), json.readValue(rs.getString(5), ARGS), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** How many of the user's notices are unread (the top bar's badge). */
	public long unreadCount(UUID userId) {
		return jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
			.param("user", userId).query(Long.class).single();
	}

	@Transactional
	public int markRead(UUID userId, UUID id) {
		return jdbc.sql("update notification set read_at = :at where user_id = :u and read_at is null and (cast(:id as uuid) is null or id = :id)")
			.param("at", Timestamp.from(clock.instant())).param("u", userId).param("id", id).update();
	}
}
