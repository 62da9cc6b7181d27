package com.onward.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.messaging.CustomerEmail;
import com.onward.messaging.Outbox;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The weekly digest per contact ("done this week, due next week, late"), in the account's
 * language, to every contact with portal access who has not switched it off. A contact gets at
 * most one such reminder a day (claimed on {@code portal_contact.last_reminder_on} before anything
 * is queued), and one digest a week (the outbox key). Set-based: one statement for all contacts.
 */
@Service
class Digests {

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final Branding branding;
	private final Clock clock;
	private final String publicUrl;
	private final ObjectMapper json;
	private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
	};

	Digests(JdbcClient jdbc, Outbox outbox, Branding branding, Clock clock,
			@Value("${onward.messaging.public-url}") String publicUrl, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.outbox = outbox;
		this.branding = branding;
		this.clock = clock;
		this.publicUrl = publicUrl;
	}

	@Scheduled(cron = "${onward.portal.digest-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "portal-digest")
	void scheduled() {
		send();
	}

	/** Queues this week's digests; returns how many were queued. */
	@Transactional
	public int send() {
		LocalDate today = LocalDate.now(clock);
		String week = today.getYear() + "-W" + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		jdbc.sql("create temporary table if not exists portal_digest_claim (contact_id uuid, account_id uuid) on commit drop")
			.update();
		jdbc.sql("truncate portal_digest_claim").update();
		jdbc.sql("""
				with claimed as (
				  update portal_contact pc set last_reminder_on = :today
				  from stakeholder_contact_v c
				  where c.id = pc.contact_id and c.account_id = pc.account_id and c.email is not null
				    and pc.enabled and pc.digest and pc.last_reminder_on is distinct from :today
				    and coalesce((select x.enabled from portal_account x where x.account_id = pc.account_id), true)
				  returning pc.contact_id, pc.account_id)
				insert into portal_digest_claim select contact_id, account_id from claimed""")
			.param("today", today).update();
		String list = """
				coalesce((select string_agg('• ' || coalesce(i.name ->> a.language, i.name ->> 'en'), chr(10) order by i.due_date)
				          from onboarding_customer_item_v i where i.project_id = a.current_project_id and %s), '—')""";
		return outbox.enqueueAll(jdbc.sql("""
				select 'portal-digest:' || t.contact_id || ':' || cast(:week as text) as uniqueness_key, 'portal-digest' as template,
				  t.account_id, c.email as recipient, a.language,
				  jsonb_build_object('contact', c.name, 'account', a.name, 'vendor', cast(:vendor as text),
				    'link', cast(:link as text),
				    'done', %s, 'due', %s, 'late', %s)::text as params
				from portal_digest_claim t
				join stakeholder_contact_v c on c.id = t.contact_id
				join account_v a on a.account_id = t.account_id""".formatted(
				list.formatted("i.status = 'DONE' and i.completed_on > cast(:today as date) - 7"),
				list.formatted("i.status not in ('DONE','SKIPPED') and i.due_date between cast(:today as date) and cast(:today as date) + 7"),
				list.formatted("i.status not in ('DONE','SKIPPED') and i.due_date < cast(:today as date)")))
			.params(
				Map.of("week", week, "vendor", branding.current().vendorName(), "link", publicUrl + "/portal/sign-in",
						"today", today))
			.query((rs, n) -> new CustomerEmail(rs.getString(1), rs.getString(2), rs.getObject(3, java.util.UUID.class),
					rs.getString(4), rs.getString(5), json.readValue(rs.getString(6), VALUES)))
			.list());
	}
}
