package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.automation.Automation.Action;
import com.onward.automation.Automation.Rule;
import com.onward.health.FollowUpFlag;
import com.onward.health.FollowUpFlagsRaised;
import com.onward.messaging.CustomerEmail;
import com.onward.messaging.Notifications;
import com.onward.messaging.StaffNotice;
import com.onward.messaging.Outbox;
import com.onward.messaging.Webhooks;
import com.onward.health.FlagCategory;
import com.onward.health.Health;
import com.onward.onboarding.ProjectStatus;
import com.onward.survey.Surveys;
import com.onward.team.Team;
import com.onward.onboarding.Projects;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import biweekly.util.Duration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The actions of a rule, run over the hits in the transaction's {@code sweep_hit} table. The bulk
 * actions (messages, tasks, notices, sequences) are one statement each; the few that call other
 * modules per hit (status change, invite, webhook) loop over the hits.
 */
@Component
class RuleActions {

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final Notifications notifications;
	private final Webhooks webhooks;
	private final Projects projects;
	private final Health health;
	private final Team team;
	private final Surveys surveyService;
	private final Clock clock;
	private final ZoneId zone;
	private final String[] kickoffItems;
	private final ObjectMapper json;
	private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
	};
	private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};

	RuleActions(JdbcClient jdbc, Outbox outbox, Notifications notifications, Webhooks webhooks, Projects projects,
			Health health, Team team, Surveys surveyService, Clock clock, AutomationProperties props,
			ObjectMapper json) {
		this.json = json;
		this.kickoffItems = props.kickoffItems().toArray(String[]::new);
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.notifications = notifications;
		this.webhooks = webhooks;
		this.projects = projects;
		this.health = health;
		this.team = team;
		this.surveyService = surveyService;
		this.clock = clock;
		this.zone = clock.getZone(); // onward.time-zone, through the clock
	}

	/**
	 * Whether any of the rule's actions does something for its trigger: a CONTRACT_SIGNED rule's sequences start in
	 * the signing transaction ({@link Sequences#enrolOnSigning}), so a rule that only starts a sequence there has
	 * nothing to do afterwards and its matches need not be looked for.
	 */
	static boolean acts(Rule rule) {
		return rule.actions().stream()
			.anyMatch(a -> !(a == Action.START_SEQUENCE && rule.trigger() == Trigger.CONTRACT_SIGNED));
	}

	/**
	 * Whether each of the rule's actions does its thing once per occurrence (a message, task, notice, survey, invite,
	 * webhook or enrolment under the hit's key; a follow-up flag once per account while open), so a sweep can remember
	 * the hits it acted on and skip them later. Filling a role, changing a status and stopping a sequence act on the
	 * state as it is now and are tried again while the match stands.
	 */
	static boolean oncePerOccurrence(Rule rule) {
		return rule.actions().stream().noneMatch(a -> a == Action.ASSIGN_OWNER || a == Action.CHANGE_STATUS
				|| a == Action.STOP_SEQUENCE);
	}

	/**
	 * Whether the rule's actions touch only rows of the hit's own account (keyed messages, tasks, notices, flags,
	 * enrolments), so a sweep may run it in parts side by side. Filling a role counts a team member's load and a
	 * status change starts a project's own cascade: two parts could each lock a row the other one waits for.
	 */
	static boolean divisible(Rule rule) {
		return rule.actions().stream().noneMatch(a -> a == Action.ASSIGN_OWNER || a == Action.CHANGE_STATUS);
	}

	/** Whether the rule writes to the customer. */
	static boolean emailsCustomer(Rule rule) {
		return rule.actions().stream().anyMatch(a -> a == Action.SEND_MESSAGE || a == Action.SEND_SURVEY
				|| a == Action.SEND_INVITE);
	}

	/** Whether the rule notifies the account's CSM. */
	static boolean notifiesCsm(Rule rule) {
		return rule.actions().contains(Action.NOTIFY_CSM);
	}

	/**
	 * Runs the rule's actions over the current hits; returns how many things were newly done. A hit whose follow-up
	 * flag another open one kept out is marked {@code waiting} (see {@link Sweep}'s memory). The bulk actions take
	 * the hits in key order (the key starts with the rule and the account), so each index on a key or an account is
	 * written leaf after leaf rather than at a random leaf per row.
	 */
	int run(Rule rule, LocalDate today) {
		int fired = 0;
		Map<String, Object> code = Map.of("code", rule.code());
		for (Action action : rule.actions()) {
			fired += switch (action) {
				case SEND_MESSAGE -> outbox.enqueueAll(jdbc.sql("""
						select x.key, x.account_id, x.email, x.language, x.account_name, x.contact_name, x.csm_name, x.vals
						from sweep_hit x where x.customer_ok and x.recent order by x.key""")
					.query((rs, n) -> {
						var values = new LinkedHashMap<String, Object>();
						values.put("account", rs.getString(5));
						values.put("contact", rs.getString(6) == null ? "" : rs.getString(6));
						values.put("csm", rs.getString(7) == null ? "" : rs.getString(7));
						if (rs.getString(8) != null) values.putAll(json.readValue(rs.getString(8), VALUES));
						return new CustomerEmail(rs.getString(1), rule.template(), rs.getObject(2, UUID.class), rs.getString(3),
								rs.getString(4), values);
					}).list());
				case CREATE_TASK -> jdbc.sql("""
						insert into automation_task (id, uniqueness_key, rule_code, account_id, project_id, assignee_id, title_key,
						  args, due_on, contact_id, created_at)
						select uuidv7(), x.key, cast(:code as text), x.account_id, x.project_id, x.owner_csm_id,
						  'task.' || cast(:code as text), x.args, :due, x.contact_id, :now
						from sweep_hit x order by x.key
						on conflict (uniqueness_key) do nothing""")
					.params(code).param("due", today.plusDays(2)).param("now", Timestamp.from(clock.instant())).update();
				case NOTIFY_CSM -> notifications.notifyAll(jdbc.sql(
						"select x.key, x.csm_user_id, x.csm_email, x.account_id, x.args from sweep_hit x order by x.key")
					.query((rs, n) -> new StaffNotice(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
							rs.getObject(4, UUID.class), "notice." + rule.code(),
							rs.getString(5) == null ? List.of() : json.readValue(rs.getString(5), ARGS)))
					.list());
				// At signing the enrolment is made in the contract's own transaction (Sequences.enrolOnSigning).
				case START_SEQUENCE -> rule.trigger() == Trigger.CONTRACT_SIGNED ? 0 : jdbc.sql("""
						insert into sequence_enrolment (id, sequence_code, account_id, started_on, updated_at)
						select uuidv7(), :sequence, h.account_id,
						  case when :from = 'PROJECT_START' then least(p.start_date, :today) else :today end, :now
						from sweep_hit h join onboarding_project_v p on p.project_id = h.project_id where h.customer_ok
						on conflict (sequence_code, account_id) do nothing""")
					.param("sequence", rule.param("sequence")).param("today", today)
					.param("from", rule.param("from") == null ? "NOW" : rule.param("from"))
					.param("now", Timestamp.from(clock.instant())).update();
				case STOP_SEQUENCE -> jdbc.sql("""
						update sequence_enrolment set status = 'STOPPED', stop_reason = 'MANUAL', updated_at = :now
						where status = 'ACTIVE' and sequence_code = :sequence and account_id in (select account_id from sweep_hit)""")
					.param("sequence", rule.param("sequence")).param("now", Timestamp.from(clock.instant())).update();
				case RAISE_FLAG -> raiseFlags(rule);
				case SEND_SURVEY -> surveys(rule);
				// Not keyed: filling an empty role is itself idempotent, and a role nobody can take yet is tried again.
				case ASSIGN_OWNER -> jdbc.sql("select account_id, project_id from sweep_hit")
					.query((rs, n) -> team.assignUnfilled(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class))).list()
					.stream().mapToInt(Integer::intValue).sum();
				case CHANGE_STATUS -> changeStatus(ProjectStatus.valueOf(rule.param("status")));
				case SEND_INVITE -> invite(rule, today);
				case CALL_WEBHOOK -> hits(rule).stream()
					.mapToInt(h -> webhooks.fire(rule.trigger().name(), h.key(), h.accountId(),
							Map.of("rule", rule.code(), "occurrence", h.occurrence())))
					.sum();
			};
		}
		return fired;
	}

	/**
	 * One follow-up flag per account; a hit whose account has another one open (not this rule's) waits until it is
	 * resolved.
	 */
	private int raiseFlags(Rule rule) {
		FollowUpFlagsRaised raised = health.raiseFlags(
				FlagCategory.valueOf(rule.param("flagCategory") == null ? "RELATIONSHIP" : rule.param("flagCategory")),
				"HUMAN_FOLLOW_UP", jdbc.sql("select h.account_id, h.project_id from sweep_hit h order by h.account_id")
					.query((rs, n) -> new FollowUpFlag(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
							List.of(rule.code())))
					.list());
		jdbc.sql("update sweep_hit set waiting = true where account_id <> all(cast(:open as uuid[]))")
			.param("open", raised.open().toArray(UUID[]::new)).update();
		return raised.raised();
	}

	private record Target(UUID accountId, UUID projectId, String occurrence, String key, String accountName,
			String language, String email, String contactName, String csmName) {
	}

	private List<Target> hits(Rule rule) {
		return hits("");
	}

	/** The hits whose customer may be emailed (no historical contract, no occasion from before Onward knew them). */
	private List<Target> customerHits() {
		return hits(" where customer_ok");
	}

	private List<Target> hits(String where) {
		return jdbc.sql("select account_id, project_id, occurrence, key, account_name, language, email, contact_name, csm_name from sweep_hit" + where)
			.query((rs, n) -> new Target(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
			.list();
	}

	/** Sends the rule's survey (param {@code survey}: CSAT or NPS) to each hit's contact, once per occurrence. */
	private int surveys(Rule rule) {
		Surveys.Kind kind = Surveys.Kind.valueOf(rule.param("survey") == null ? "CSAT" : rule.param("survey"));
		int sent = 0;
		for (Target t : customerHits()) {
			if (t.email() != null && surveyService.send(t.key(), t.accountId(), kind, t.email(), t.contactName(), t.language())) {
				sent++;
			}
		}
		return sent;
	}

	/** Moves projects that have not started to the rule's status (e.g. IN_PROGRESS after the kickoff). */
	private int changeStatus(ProjectStatus status) {
		int changed = 0;
		for (UUID project : jdbc.sql("""
				select h.project_id from sweep_hit h join onboarding_project_v p on p.project_id = h.project_id
				where p.status = 'NOT_STARTED' and p.status <> :status""").param("status", status.name()).query(UUID.class).list()) {
			if (status == ProjectStatus.IN_PROGRESS) {
				projects.start(project, "automation rule");
			}
			else {
				projects.changeStatus(project, status, "automation rule");
			}
			changed++;
		}
		return changed;
	}

	/**
	 * The kickoff invite: an email with an iCalendar REQUEST for the planned kickoff (the kickoff
	 * item's date, else {@code days} after today) at {@code hour} local time, {@code minutes} long.
	 */
	private int invite(Rule rule, LocalDate today) {
		int sent = 0;
		int hour = rule.params().get("hour") instanceof Number n ? n.intValue() : 10;
		int minutes = rule.params().get("minutes") instanceof Number n ? n.intValue() : 60;
		for (Target t : customerHits()) {
			if (t.email() == null) continue;
			LocalDate day = jdbc.sql("""
					select min(i.due_date) from onboarding_item_schedule_v i where i.project_id = :p and i.key = any(:keys)
					  and i.status not in ('DONE','SKIPPED')""")
				.param("p", t.projectId()).param("keys", kickoffItems).query(LocalDate.class).optional().orElse(null);
			if (day == null || day.isBefore(today)) day = today.plusDays(rule.days());
			var start = day.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant();
			ICalendar ical = new ICalendar();
			ical.setMethod(Method.request());
			VEvent event = new VEvent();
			event.setUid(t.key().replace(':', '-') + "@onward");
			event.setDateStart(Date.from(start));
			event.setDuration(Duration.builder().minutes(minutes).build());
			String[] rendered = outbox.render(rule.template(), t.language(), Map.of("account", t.accountName(), "contact",
					t.contactName() == null ? "" : t.contactName(), "date", day.toString(), "csm",
					t.csmName() == null ? "" : t.csmName()));
			event.setSummary(rendered[0]);
			event.setDescription(rendered[1]);
			event.setOrganizer(new biweekly.property.Organizer(t.csmName(), null));
			event.addAttendee(new biweekly.property.Attendee(t.contactName(), t.email()));
			ical.addEvent(event);
			if (outbox.enqueueInvite(t.key(), rule.template(), t.accountId(), t.email(), t.language(),
					Map.of("account", t.accountName(), "contact", t.contactName() == null ? "" : t.contactName(), "date",
							day.toString(), "csm", t.csmName() == null ? "" : t.csmName()),
					Biweekly.write(ical).go())) {
				sent++;
			}
		}
		return sent;
	}
}
