package com.onward.portal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * The portal's access, sign-ins, comments, files and CSAT topics. An erased contact loses portal access,
 * sessions, links and link requests; comments they wrote stay (they are the project's record) with the
 * address removed. Sign-in records older than {@code sign-in-records} go with retention.
 */
@Component
class PortalPersonalData extends PersonalDataTables {

	private final PortalSessions sessions;

	PortalPersonalData(JdbcClient jdbc, PortalSessions sessions) {
		super(jdbc, "portal");
		this.sessions = sessions;
		table("portal_csat", "csat", BY_ACCOUNT, "survey_key");
		table("portal_file", "files", BY_ACCOUNT, "created_at, id");
		table("portal_comment", "comments", BY_ACCOUNT, "created_at, id");
		table("portal_session", "sessions", BY_ACCOUNT, "created_at");
		table("portal_magic_link", "signInLinks", BY_ACCOUNT, "created_at");
		table("portal_contact", "contacts", BY_ACCOUNT, "contact_id");
		table("portal_account", "access", BY_ACCOUNT, "account_id");
		redacted("portal_comment", "author", "body");
		erasedOnly("portal_link_request");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		person.contactIds().forEach(sessions::forgetContact);
		if (person.accountId() != null) sessions.forgetAccount(person.accountId());
		if (!person.contactIds().isEmpty()) {
			var ids = person.contactIds().toArray(java.util.UUID[]::new);
			for (String table : new String[] { "portal_session", "portal_magic_link", "portal_contact" }) {
				counts.put(table, (long) jdbc.sql("delete from " + table + " where contact_id = any(:ids)")
					.param("ids", ids).update());
			}
		}
		if (!person.emails().isEmpty()) {
			String[] hashes = Arrays.stream(person.lowerEmails()).map(MagicLinks::normalise)
				.filter(java.util.Objects::nonNull).map(Tokens::hash).toArray(String[]::new);
			counts.put("portal_link_request", (long) jdbc.sql("delete from portal_link_request where email_hash = any(:h)")
				.param("h", hashes).update());
		}
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}

	@Override
	public Map<String, Long> applyRetention(Retention retention) {
		Instant cutoff = retention.cutoff("sign-in-records");
		if (cutoff == null) return Map.of();
		var at = Timestamp.from(cutoff);
		var counts = new LinkedHashMap<String, Long>();
		counts.put("portal_session", (long) jdbc.sql("delete from portal_session where expires_at < :c").param("c", at).update());
		counts.put("portal_magic_link", (long) jdbc.sql("delete from portal_magic_link where expires_at < :c").param("c", at).update());
		counts.put("portal_link_request", (long) jdbc.sql("delete from portal_link_request where at < :c").param("c", at).update());
		return counts;
	}
}
