package com.onward.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Segment;

import tools.jackson.databind.ObjectMapper;

/**
 * Customer email discipline: the sending policy (configured, or as an admin last set it), each
 * template's priority and topic, the sending hours in a customer's time zone and the contacts who
 * asked for a weekly digest. {@link Delivery} applies it when a message is due.
 */
@Service
public class Discipline {

	/** A contact's email preference. */
	public record EmailPreference(UUID contactId, String email, boolean weeklyDigest) {
	}

	private final JdbcClient jdbc;
	private final DisciplineProperties props;
	private final ObjectMapper json;
	private final Clock clock;
	private final ZoneId vendorZone;
	private final AuditLog audit;
	private final com.onward.stakeholder.Stakeholders stakeholders;

	Discipline(JdbcClient jdbc, DisciplineProperties props, ObjectMapper json, Clock clock,
			AuditLog audit, com.onward.stakeholder.Stakeholders stakeholders) {
		this.jdbc = jdbc;
		this.props = props;
		this.json = json;
		this.clock = clock;
		this.vendorZone = clock.getZone(); // onward.time-zone, through the clock
		this.audit = audit;
		this.stakeholders = stakeholders;
	}

	/** The policy in force: as last set by an admin, parts not set taken from the configuration. */
	public DeliveryPolicy policy() {
		return jdbc.sql("select policy from delivery_policy where id = 1").query(String.class).optional()
			.map(p -> json.readValue(p, DeliveryPolicy.class).orElse(props.policy())).orElse(props.policy());
	}

	/** Sets the policy (parts left out keep the configured defaults); each field checked, nothing stored when one is wrong. */
	@Transactional
	public DeliveryPolicy update(DeliveryPolicy policy) {
		if (policy.dailyCap() != null && (policy.dailyCap() < 0 || policy.dailyCap() > 50)) {
			throw InvalidInputException.keyed("dailyCap", "error.policy.capRange", 0, 50);
		}
		for (var e : policy.dailyCapBySegment().entrySet()) {
			if (!DeliveryPolicy.isSegment(e.getKey())) {
				throw InvalidInputException.keyed("dailyCapBySegment", "error.policy.unknownSegment", e.getKey(),
						Arrays.toString(Segment.values()));
			}
			if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 50) {
				throw InvalidInputException.keyed("dailyCapBySegment", "error.policy.capRange", 0, 50);
			}
		}
		DeliveryPolicy effective = policy.orElse(props.policy());
		if (!effective.hoursOrdered()) {
			throw InvalidInputException.keyed("sendingUntil", "error.policy.sendingHours");
		}
		if (!effective.digestOnASendingDay()) {
			throw InvalidInputException.keyed("digestDay", "error.policy.digestDay");
		}
		jdbc.sql("""
				insert into delivery_policy (id, policy, updated_by, updated_at) values (1, cast(:p as jsonb), :by, :at)
				on conflict (id) do update set policy = excluded.policy, updated_by = excluded.updated_by,
				  updated_at = excluded.updated_at""")
			.param("p", json.writeValueAsString(policy)).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("delivery-policy.updated", "delivery_policy", null, json.writeValueAsString(effective));
		releaseHeld();
		return effective;
	}

	/** Messages held by the cap or the sending hours are looked at again under the new policy. */
	private void releaseHeld() {
		jdbc.sql("""
				update outbox_message set next_attempt_at = :now where status = 'PENDING'
				  and held_reason in ('DAILY_CAP','QUIET_HOURS') and next_attempt_at > :now""")
			.param("now", Timestamp.from(clock.instant())).update();
	}

	/** Back to the configured policy. */
	@Transactional
	public DeliveryPolicy reset() {
		jdbc.sql("delete from delivery_policy").update();
		audit.record("delivery-policy.reset", "delivery_policy", null, "configuration");
		releaseHeld();
		return props.policy();
	}

	/**
	 * A template's priority: a survey sent by hand ({@code survey:} keys not made by a rule) is one
	 * the contact asked for; staff notices are transactional; otherwise the configured one (NUDGE).
	 */
	Priority priority(String template, String key, String audience) {
		if ("STAFF".equals(audience)) return Priority.TRANSACTIONAL;
		if (key != null && key.startsWith("survey:") && !key.startsWith("survey:rule:")) return Priority.REQUESTED;
		return props.priorities().getOrDefault(template, Priority.NUDGE);
	}

	String topic(String template) {
		return props.topics().get(template);
	}

	/** (template, priority, topic) rows for the bulk insert of {@link Outbox#enqueueAll}. */
	Map<String, String[]> templateTable() {
		List<String> templates = Outbox.TEMPLATES;
		return Map.of("pt", templates.toArray(String[]::new),
				"pp", templates.stream().map(t -> priority(t, null, "CUSTOMER").name()).toArray(String[]::new),
				"pc", templates.stream().map(this::topic).toArray(String[]::new));
	}

	java.time.Duration duplicateWindow() {
		return props.duplicateWindow();
	}

	ZoneId zone(String timeZone) {
		if (timeZone == null) return vendorZone;
		try {
			return ZoneId.of(timeZone);
		}
		catch (RuntimeException e) {
			return vendorZone;
		}
	}

	static boolean withinHours(ZonedDateTime at, DeliveryPolicy policy) {
		return !policy.quietHours() || (policy.sendingDays().contains(at.getDayOfWeek())
				&& !at.toLocalTime().isBefore(policy.sendingFrom()) && at.toLocalTime().isBefore(policy.sendingUntil()));
	}

	/** The first moment at or after {@code at} within sending hours. */
	static ZonedDateTime nextSendingTime(ZonedDateTime at, DeliveryPolicy policy) {
		if (withinHours(at, policy)) return at;
		LocalDate day = at.toLocalDate();
		if (policy.sendingDays().contains(day.getDayOfWeek()) && at.toLocalTime().isBefore(policy.sendingFrom())) {
			return day.atTime(policy.sendingFrom()).atZone(at.getZone());
		}
		for (int i = 1; i <= 7; i++) {
			LocalDate next = day.plusDays(i);
			if (policy.sendingDays().contains(next.getDayOfWeek())) {
				return next.atTime(policy.sendingFrom()).atZone(at.getZone());
			}
		}
		return at;
	}

	/** When the next weekly digest goes: the digest day at the start of sending hours (today, if still ahead). */
	static ZonedDateTime nextDigestTime(ZonedDateTime at, DeliveryPolicy policy) {
		DayOfWeek day = policy.digestDay();
		ZonedDateTime candidate = at.toLocalDate().with(TemporalAdjusters.nextOrSame(day)).atTime(policy.sendingFrom())
			.atZone(at.getZone());
		if (candidate.isBefore(at)) {
			candidate = candidate.toLocalDate().plusWeeks(1).atTime(policy.sendingFrom()).atZone(at.getZone());
		}
		return candidate;
	}

	boolean weeklyDigest(String email) {
		return jdbc.sql("select weekly_digest from email_preference where email = lower(trim(:e))").param("e", email)
			.query(Boolean.class).optional().orElse(false);
	}

	/** A contact's preference (its address decides: the same person at two accounts gets one digest setting). */
	public EmailPreference preference(UUID accountId, UUID contactId) {
		String email = emailOf(accountId, contactId);
		return new EmailPreference(contactId, email, weeklyDigest(email));
	}

	@Transactional
	public EmailPreference setWeeklyDigest(UUID accountId, UUID contactId, boolean weeklyDigest) {
		String email = emailOf(accountId, contactId);
		jdbc.sql("""
				insert into email_preference (email, weekly_digest, updated_at) values (lower(trim(:e)), :d, :at)
				on conflict (email) do update set weekly_digest = excluded.weekly_digest, updated_at = excluded.updated_at""")
			.param("e", email).param("d", weeklyDigest).param("at", Timestamp.from(clock.instant())).update();
		audit.record("email-preference.updated", "contact", contactId, "weekly digest " + (weeklyDigest ? "on" : "off"));
		return new EmailPreference(contactId, email, weeklyDigest);
	}

	private String emailOf(UUID accountId, UUID contactId) {
		var contact = stakeholders.contacts(accountId).stream().filter(c -> c.id().equals(contactId)).findFirst()
			.orElseThrow(() -> new NotFoundException("Contact", contactId));
		if (contact.email() == null || contact.email().isBlank()) {
			throw InvalidInputException.keyed("contactId", "error.portal.noEmail");
		}
		return contact.email();
	}

	Instant now() {
		return clock.instant();
	}
}
