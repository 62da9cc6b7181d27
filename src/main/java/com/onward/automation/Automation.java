package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.health.CadenceMissed;
import com.onward.health.HealthFacts;
import com.onward.identity.AuditLog;
import com.onward.messaging.Outbox;
import com.onward.messaging.Webhooks;
import com.onward.health.HealthBand;
import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;
import com.onward.shared.TouchModel;
import com.onward.shared.NotFoundException;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The rule engine (AUTO-1, AUTO-2): rules of trigger → conditions → actions. A rule's matches
 * ("hits": account, project, occurrence) are computed by one set-based query — for an EVENT rule
 * restricted to the event's account, for a SWEEP rule over every active project — into a
 * transaction-local table, and each action is one statement over that table. Every action is keyed
 * by (rule, account, occurrence), so a rule fires once per occurrence however often it is
 * evaluated, and on however many instances.
 */
@Service
public class Automation {

	private static final Logger log = LoggerFactory.getLogger(Automation.class);
	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The actions a rule can take. */
	public enum Action {
		SEND_MESSAGE, SEND_INVITE, CREATE_TASK, ASSIGN_OWNER, NOTIFY_CSM, RAISE_FLAG, SEND_SURVEY, START_SEQUENCE,
		STOP_SEQUENCE, CHANGE_STATUS, CALL_WEBHOOK
	}

	public record Rule(String code, int position, String kind, String trigger, String template, List<Action> actions,
			Conditions conditions, Map<String, Object> params, boolean enabled, String updatedBy, Instant updatedAt) {

		int days() {
			return params.get("days") instanceof Number n ? n.intValue() : 7;
		}

		String param(String name) {
			return params.get(name) == null ? null : params.get(name).toString();
		}
	}

	/** Conditions on the account: empty lists and null days mean "any". */
	public record Conditions(List<String> segments, List<String> touchModels, List<String> healthBands,
			List<String> languages, Integer minDay, Integer maxDay) {
		public Conditions {
			segments = segments == null ? List.of() : List.copyOf(segments);
			touchModels = touchModels == null ? List.of() : List.copyOf(touchModels);
			healthBands = healthBands == null ? List.of() : List.copyOf(healthBands);
			languages = languages == null ? List.of() : List.copyOf(languages);
		}

		/** Whether a new account (no health score yet) of this segment and language on this onboarding day is admitted. */
		boolean admitsNew(Segment segment, String language, long day) {
			return (segments.isEmpty() || segments.contains(segment.name()))
					&& (touchModels.isEmpty() || touchModels.contains(segment.touchModel().name()))
					&& (healthBands.isEmpty() || healthBands.contains("NO_DATA"))
					&& (languages.isEmpty() || languages.contains(language)) && (minDay == null || day >= minDay)
					&& (maxDay == null || day <= maxDay);
		}
	}

	public record SweepResult(int rulesEvaluated, int actionsFired) {
	}

	/** An account a rule fires (or would fire) for. */
	public record Hit(UUID accountId, String accountName, String occurrence) {
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Webhooks webhooks;
	private final RuleActions actions;
	private final Sequences sequences;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;
	private final AutomationProperties props;
	private final HealthFacts healthFacts;

	Automation(JdbcClient jdbc, TransactionTemplate tx, Webhooks webhooks,
			RuleActions actions, Sequences sequences, AuditLog audit, ObjectMapper json, Clock clock,
			AutomationProperties props, HealthFacts healthFacts) {
		this.jdbc = jdbc;
		this.healthFacts = healthFacts;
		this.tx = tx;
		this.webhooks = webhooks;
		this.actions = actions;
		this.sequences = sequences;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
		this.props = props;
	}

	public List<Rule> rules() {
		return jdbc.sql("""
				select code, position, kind, trigger, template, actions, conditions, params, enabled, updated_by, updated_at
				from automation_rule order by position, code""")
			.query((rs, n) -> new Rule(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
					java.util.Arrays.stream((String[]) rs.getArray(6).getArray()).map(Action::valueOf).toList(),
					json.readValue(rs.getString(7), Conditions.class), json.readValue(rs.getString(8), MAP),
					rs.getBoolean(9), rs.getString(10), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()))
			.list();
	}

	public Rule rule(String code) {
		return rules().stream().filter(r -> r.code().equals(code)).findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", code));
	}

	/** An edit of a rule: what the editor changes. Null leaves a part as it is. */
	public record RuleEdit(Boolean enabled, Integer days, String template, Conditions conditions) {
	}

	/** Edits a rule (enabled, day threshold 1–365, template, conditions), validated field by field. */
	public Rule update(String code, RuleEdit edit) {
		Rule rule = rule(code);
		if (edit.days() != null && (edit.days() < 1 || edit.days() > 365)) {
			throw InvalidInputException.of("days", "must be between 1 and 365");
		}
		if (edit.template() != null && !Outbox.TEMPLATES.contains(edit.template())) {
			throw InvalidInputException.of("template", "unknown template; one of " + Outbox.TEMPLATES);
		}
		if (edit.template() != null && !rule.actions().contains(Action.SEND_MESSAGE) && !rule.actions().contains(Action.SEND_INVITE)) {
			throw InvalidInputException.of("template", "this rule sends no message");
		}
		Conditions c = edit.conditions();
		if (c != null) {
			check("conditions.segments", c.segments(), names(Segment.values()));
			check("conditions.touchModels", c.touchModels(), names(TouchModel.values()));
			check("conditions.healthBands", c.healthBands(), names(HealthBand.values()));
			check("conditions.languages", c.languages(), LocalizedText.LANGUAGES);
			if (c.minDay() != null && c.minDay() < 0) throw InvalidInputException.of("conditions.minDay", "must be 0 or more");
			if (c.maxDay() != null && c.minDay() != null && c.maxDay() < c.minDay()) {
				throw InvalidInputException.of("conditions.maxDay", "must not be before minDay");
			}
		}
		var params = new HashMap<>(rule.params());
		if (edit.days() != null) params.put("days", edit.days());
		tx.executeWithoutResult(s -> jdbc.sql("""
				update automation_rule set enabled = :enabled, params = cast(:params as jsonb), template = :template,
				  conditions = cast(:conditions as jsonb), updated_by = :by, updated_at = :at where code = :code""")
			.param("enabled", edit.enabled() == null ? rule.enabled() : edit.enabled())
			.param("params", json.writeValueAsString(params))
			.param("template", edit.template() == null ? rule.template() : edit.template())
			.param("conditions", json.writeValueAsString(c == null ? rule.conditions() : c))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).param("code", code).update());
		Rule updated = rule(code);
		audit.record("rule.updated", "automation_rule", null, code + (updated.enabled() ? " on, " : " off, ")
				+ updated.params() + ", " + updated.template());
		return updated;
	}

	/** The values a condition may take: the enum's names. */
	static List<String> names(Enum<?>[] values) {
		return java.util.Arrays.stream(values).map(Enum::name).toList();
	}

	private static void check(String field, List<String> values, List<String> allowed) {
		for (String v : values) {
			if (!allowed.contains(v)) throw InvalidInputException.of(field, "unknown value " + v + "; one of " + allowed);
		}
	}

	/**
	 * Which accounts a rule would fire for now, without doing anything: for a sweep rule the
	 * matches not yet acted on, for an event rule the active accounts its conditions admit.
	 */
	public List<Hit> dryRun(String code, int limit) {
		Rule rule = rule(code);
		LocalDate today = LocalDate.now(clock);
		return tx.execute(s -> {
			fillHits(rule, today, null);
			String fresh = "SWEEP".equals(rule.kind())
					? " where not exists (select 1 from messaging_key_v o where o.uniqueness_key = 'rule:' || :code || ':' || h.account_id || ':' || h.occurrence)"
						+ " and not exists (select 1 from automation_task t where t.uniqueness_key = 'rule:' || :code || ':' || h.account_id || ':' || h.occurrence)"
					: "";
			List<Hit> hits = jdbc.sql("select h.account_id, a.name, h.occurrence from sweep_hit h join account_v a on a.account_id = h.account_id"
					+ fresh + " order by a.name limit :limit")
				.param("code", code).param("limit", limit)
				.query((rs, n) -> new Hit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
			s.setRollbackOnly();
			return hits;
		});
	}

	@Scheduled(cron = "${onward.automation.sweep-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "automation-sweep")
	void scheduled() {
		sweep();
	}

	/**
	 * Evaluates the time-based rules: sequences advance (or stop at their goal), cadences are
	 * checked, then every enabled SWEEP rule runs. Keys make repeated sweeps harmless.
	 */
	public SweepResult sweep() {
		LocalDate today = LocalDate.now(clock);
		List<Rule> rules = rules();
		int grace = rules.stream().filter(r -> r.code().equals("CADENCE_MISSED")).findFirst().map(Rule::days).orElse(3);
		int fired = sequences.advance(today);
		tx.executeWithoutResult(s -> {
			Sequences.sweepLock(jdbc);
			refreshMissedCadences(today, grace);
		});
		int evaluated = 0;
		for (Rule rule : rules) {
			if (!rule.enabled() || !"SWEEP".equals(rule.kind())) {
				continue;
			}
			evaluated++;
			long started = System.nanoTime();
			Integer n = tx.execute(s -> {
				Sequences.sweepLock(jdbc);
				fillHits(rule, today, null);
				return actions.run(rule, today);
			});
			fired += n == null ? 0 : n;
			log.debug("Rule {}: {} actions fired in {} ms", rule.code(), n, (System.nanoTime() - started) / 1_000_000);
		}
		log.info("Automation sweep: {} rules evaluated, {} actions fired", evaluated, fired);
		return new SweepResult(evaluated, fired);
	}

	/** A domain event: fans out to subscribed webhooks and runs the enabled EVENT rules of its trigger. */
	int onEvent(String trigger, UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
			Map<String, Object> data) {
		return onEvents(trigger, List.of(new Occurrence(accountId, occurrence, values, args, data)));
	}

	/**
	 * Many occurrences of one trigger (a chunk of a bulk change) handled set-based: webhooks queued in
	 * bulk, and per enabled EVENT rule one query fills the hits of all occurrences and each action is
	 * one statement over them. Keys are the same as for single events, so each action still happens
	 * once per (rule, account, occurrence), however the occurrence arrived and however often.
	 */
	int onEvents(String trigger, List<Occurrence> occurrences) {
		if (occurrences.isEmpty()) {
			return 0;
		}
		LocalDate today = LocalDate.now(clock);
		int fired = webhooks.fireAll(trigger, occurrences.stream()
			.map(o -> new Webhooks.Call(trigger + ":" + o.occurrence(), o.accountId(), o.data())).toList());
		for (Rule rule : rules()) {
			if (!rule.enabled() || !"EVENT".equals(rule.kind()) || !rule.trigger().equals(trigger)) {
				continue;
			}
			Integer n = tx.execute(s -> {
				fillHits(rule, today, new EventContext(occurrences));
				return actions.run(rule, today);
			});
			fired += n == null ? 0 : n;
		}
		return fired;
	}

	/**
	 * One occurrence of an event: the account, what names it, values for templates, args for texts, webhook
	 * data; {@code customer}: whether it may email the customer at all (not for a historical contract);
	 * {@code recent}: whether its messages (the welcome) are still timely.
	 */
	record Occurrence(UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
			Map<String, Object> data, boolean customer, boolean recent) {
		Occurrence(UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
				Map<String, Object> data) {
			this(accountId, occurrence, values, args, data, true, true);
		}
	}

	record EventContext(List<Occurrence> occurrences) {
	}

	/**
	 * Fills the transaction's {@code sweep_hit} table with the rule's matches: (account, project,
	 * occurrence, args for texts, vals for templates, contact). One query, whatever the number of accounts.
	 */
	void fillHits(Rule rule, LocalDate today, EventContext event) {
		// One row per hit with everything the actions need (key, language, CSM, the contact to write to),
		// so each action reads this table instead of joining accounts and contacts again.
		// The table lives as long as the pooled connection and is emptied in place at commit: creating it
		// per transaction (or truncating it) writes PostgreSQL's catalogue each time, and that churn made
		// every event rule, hence contract signing, slower as the catalogue bloated.
		jdbc.sql("""
				create temporary table if not exists sweep_hit (account_id uuid, project_id uuid, occurrence text, args jsonb,
				  vals jsonb, contact_id uuid, key text, account_name text, language text, owner_csm_id uuid, csm_user_id uuid,
				  csm_email text, csm_name text, email text, contact_name text, customer_ok boolean, recent boolean)
				on commit delete rows""").update();
		jdbc.sql("delete from sweep_hit").update();
		String from;
		String occurrence;
		String args = "jsonb_build_array(a.name)";
		String vals = "'{}'::jsonb";
		String contact = "null::uuid";
		// When the occasion arose: a customer is emailed only for occasions since Onward knew the account (less a grace).
		String occurred = "null::date";
		String where;
		if (event != null) {
			// The event's occurrences, bound as arrays: one row per (account, occurrence).
			from = " " + """
					join unnest(cast(:evAccounts as uuid[]), cast(:evOccurrences as text[]), cast(:evArgs as text[]),
					  cast(:evVals as text[]), cast(:evCustomer as boolean[]), cast(:evRecent as boolean[]))
					  as ev(account_id, occurrence, args, vals, customer, recent) on ev.account_id = a.account_id""";
			occurrence = "ev.occurrence";
			args = "jsonb_build_array(a.name) || cast(ev.args as jsonb)";
			vals = "cast(ev.vals as jsonb)";
			where = "true";
		}
		else {
			from = "";
			switch (rule.trigger()) {
				case "NO_LOGIN_AFTER_ACCESS" -> {
					occurrence = "'day-' || :days";
					occurred = "p.start_date + :days";
					args = "jsonb_build_array(a.name, :days)";
					where = """
							p.start_date <= :today - :days
							  and not exists (select 1 from usage_user_v u where u.account_id = a.account_id and u.first_login is not null)""";
				}
				case "NO_RECENT_LOGIN" -> {
					occurrence = "(select to_char(max(u.last_seen), 'YYYY-MM-DD') from usage_user_v u where u.account_id = a.account_id)";
					occurred = "(select cast(max(u.last_seen) as date) from usage_user_v u where u.account_id = a.account_id) + :days";
					args = "jsonb_build_array(a.name, :days)";
					where = """
							exists (select 1 from usage_user_v u where u.account_id = a.account_id)
							  and not exists (select 1 from usage_user_v u where u.account_id = a.account_id
							                  and u.last_seen >= cast(:today - :days as timestamp) at time zone 'UTC')""";
				}
				case "FEATURE_UNUSED" -> {
					// Only features the vendor marked as core (a guess would teach the wrong thing), and one at a
					// time: the first unused one, so an account gets the next how-to after it used the last.
					from = " " + """
							join lateral (select f.key, f.name from usage_catalogue_feature_v f where f.core and not exists (
							  select 1 from usage_feature_v uf where uf.account_id = a.account_id and uf.feature = f.key)
							  order by f.key limit 1) f on true""";
					occurrence = "'feature-' || f.key";
					occurred = "p.start_date + :days";
					args = "jsonb_build_array(a.name, coalesce(f.name, f.key), :days)";
					vals = "jsonb_build_object('feature', coalesce(f.name, f.key))";
					where = "p.start_date <= :today - :days";
				}
				case "WEEKLY_USAGE" -> {
					from = " " + """
							join lateral (select count(distinct d.user_id) as users, sum(d.events) as events from usage_user_day_v d
							   where d.account_id = a.account_id and d.day > :today - :days and d.day <= :today) w on w.events > 0""";
					occurrence = "'week-' || to_char(:today, 'IYYY-IW')";
					occurred = ":today";
					vals = "jsonb_build_object('activeUsers', w.users, 'events', w.events)";
					// Sent on one day of the week (param weekday, ISO: 5 = Friday); on the other days the rule costs nothing.
					where = "extract(isodow from cast(:today as date)) = cast(:weekday as int)";
				}
				case "MILESTONE_OVERDUE", "STUCK_ON_STEP" -> {
					boolean overdue = rule.trigger().equals("MILESTONE_OVERDUE");
					from = overdue
							? " join onboarding_item_progress_v i on i.project_id = p.project_id and i.kind = 'MILESTONE' and i.status not in ('DONE','SKIPPED') and i.due_date <= :today - :days"
							: " join onboarding_item_progress_v i on i.project_id = p.project_id and i.status in ('IN_PROGRESS','BLOCKED') and i.start_date <= :today - :days and i.due_date < :today";
					occurrence = "'item-' || i.item_id";
					occurred = "i.due_date + :days";
					args = "jsonb_build_array(a.name, coalesce(i.name ->> :staffLanguage, i.name ->> 'en', i.key), :today - i.due_date)";
					where = "true";
				}
				case "NO_STAKEHOLDER_CONTACT" -> {
					from = " join lateral (select max(last_contact_on) as last from contact_v where account_id = a.account_id) lc on true";
					occurrence = "'since-' || coalesce(lc.last, p.start_date)";
					args = "jsonb_build_array(a.name, :today - coalesce(lc.last, p.start_date))";
					where = "coalesce(lc.last, p.start_date) <= :today - :days";
				}
				case "CADENCE_DUE" -> {
					from = " join (" + cadences() + ") cd on cd.account_id = a.account_id";
					occurrence = "'cadence-' || cd.contact_id || '-' || cd.due_on";
					args = "jsonb_build_array(a.name, cd.name, cd.role, cd.due_on)";
					contact = "cd.contact_id";
					where = "cd.due_on <= :today + :days";
				}
				case "UNASSIGNED_ROLE" -> {
					occurrence = "'unassigned'";
					where = """
							exists (select 1 from project_assignment_v pa where pa.project_id = p.project_id and pa.active
							        and pa.member_id is null)""";
				}
				case "CADENCE_MISSED" -> {
					from = " join missed_cadence m on m.account_id = a.account_id";
					occurrence = "'missed-' || m.contact_id || '-' || m.due_on";
					args = "jsonb_build_array(a.name, m.name, m.role, m.due_on)";
					contact = "m.contact_id";
					where = "true";
				}
				default -> throw new IllegalStateException("unknown sweep trigger " + rule.trigger());
			}
		}
		var params = new HashMap<String, Object>();
		params.put("today", today);
		params.put("code", rule.code());
		params.put("days", rule.days());
		params.put("weekday", rule.params().get("weekday") instanceof Number n ? n.intValue() : 5);
		params.put("staffLanguage", "en");
		params.put("zone", clock.getZone().getId());
		params.put("grace", props.catchUpGraceDays());
		params.put("segments", rule.conditions().segments().toArray(String[]::new));
		params.put("touchModels", rule.conditions().touchModels().toArray(String[]::new));
		params.put("bands", rule.conditions().healthBands().toArray(String[]::new));
		params.put("languages", rule.conditions().languages().toArray(String[]::new));
		params.put("minDay", rule.conditions().minDay());
		params.put("maxDay", rule.conditions().maxDay());
		params.putAll(cadenceParams());
		if (event != null) {
			var list = event.occurrences();
			params.put("evAccounts", list.stream().map(Occurrence::accountId).toArray(UUID[]::new));
			params.put("evOccurrences", list.stream().map(Occurrence::occurrence).toArray(String[]::new));
			params.put("evArgs", list.stream().map(o -> json.writeValueAsString(o.args())).toArray(String[]::new));
			params.put("evVals", list.stream().map(o -> json.writeValueAsString(o.values())).toArray(String[]::new));
			params.put("evCustomer", list.stream().map(Occurrence::customer).toArray(Boolean[]::new));
			params.put("evRecent", list.stream().map(Occurrence::recent).toArray(Boolean[]::new));
		}
		jdbc.sql("""
				insert into sweep_hit (account_id, project_id, occurrence, args, vals, contact_id, key, account_name, language,
				  owner_csm_id, csm_user_id, csm_email, csm_name, email, contact_name, customer_ok, recent)
				select m.account_id, m.project_id, m.occurrence, m.args, m.vals, m.contact_id,
				  'rule:' || cast(:code as text) || ':' || m.account_id || ':' || m.occurrence, a.name, a.language,
				  a.owner_csm_id, csm.user_id, csm.email, csm.name, c.email, c.name,
				  m.customer and (m.occurred_on is null
				    or m.occurred_on >= cast(a.created_at at time zone cast(:zone as text) as date) - cast(:grace as int)),
				  m.recent
				from (
				  select a.account_id, p.project_id, %s as occurrence, %s as args, %s as vals, %s as contact_id,
				    cast(%s as date) as occurred_on, %s as customer, %s as recent
				  from account_v a
				  join onboarding_project_v p on p.project_id = a.current_project_id and p.running
				  left join health_score_v hs on hs.account_id = a.account_id%s
				  where %s
				  and (cardinality(cast(:segments as text[])) = 0 or a.segment = any(cast(:segments as text[])))
				  and (cardinality(cast(:touchModels as text[])) = 0 or a.touch_model = any(cast(:touchModels as text[])))
				  and (cardinality(cast(:bands as text[])) = 0 or coalesce(hs.band, 'NO_DATA') = any(cast(:bands as text[])))
				  and (cardinality(cast(:languages as text[])) = 0 or a.language = any(cast(:languages as text[])))
				  and (cast(:minDay as int) is null or :today - p.start_date >= cast(:minDay as int))
				  and (cast(:maxDay as int) is null or :today - p.start_date <= cast(:maxDay as int))) m
				join account_v a on a.account_id = m.account_id
				%s
				%s"""
			.formatted(occurrence, args, vals, contact, occurred, event == null ? "true" : "ev.customer",
					event == null ? "true" : "ev.recent", from, where, CUSTOMER_CONTACT, ACCOUNT_CSM))
			.params(params).update();
	}

	/**
	 * Who at an account (alias {@code a}, a row of {@code account_v}) receives its customer email: the project
	 * lead, else a champion, else the first contact with an address, as {@code c.email}, {@code c.name}.
	 */
	static final String CUSTOMER_CONTACT = """
			left join lateral (select email, name from contact_v where account_id = a.account_id and email is not null
			                   order by (role = 'PROJECT_LEAD') desc, (role = 'CHAMPION') desc, created_at limit 1) c on true""";

	/**
	 * The account's CSM (alias {@code a}, a row of {@code account_v}; the owner is a team member) as
	 * {@code csm.name}, {@code csm.email} and {@code csm.user_id}: the Onward user who signs in as that member
	 * (linked, else by email address).
	 */
	static final String ACCOUNT_CSM = """
			left join lateral (select tm.name, tm.email, coalesce(tm.user_id, (select u.user_id from identity_user_v u
			                     where lower(u.email) = lower(tm.email) order by u.created_at limit 1)) as user_id
			                   from team_member_v tm where tm.member_id = a.owner_csm_id) csm on true""";

	/**
	 * The due date of each stakeholder cadence (PPL-3): last contact (or the project start) plus the interval. The
	 * configured cadences are bound as arrays ({@link #cadenceParams()}), never written into the SQL.
	 */
	private String cadences() {
		return """
				select c.account_id, c.contact_id, c.name, c.role,
				  coalesce(c.last_contact_on, p2.start_date) + cad.days as due_on
				from contact_v c
				join unnest(cast(:cadRoles as text[]), cast(:cadDays as int[]), cast(:cadUntilGoLive as boolean[]))
				  as cad(role, days, until_go_live) on cad.role = c.role
				join account_v a2 on a2.account_id = c.account_id
				join onboarding_project_v p2 on p2.project_id = a2.current_project_id and p2.running
				where not (cad.until_go_live and exists (select 1 from onboarding_item_progress_v gi where gi.project_id = p2.project_id
				                                         and gi.go_live and gi.status = 'DONE'))""";
	}

	private Map<String, Object> cadenceParams() {
		return Map.of("cadRoles", props.cadences().stream().map(c -> c.role()).toArray(String[]::new),
				"cadDays", props.cadences().stream().map(c -> c.days()).toArray(Integer[]::new),
				"cadUntilGoLive", props.cadences().stream().map(c -> c.untilGoLive()).toArray(Boolean[]::new));
	}

	/** Cadences past due plus the grace days of CADENCE_MISSED are recorded; kept ones are cleared. */
	private void refreshMissedCadences(LocalDate today, int grace) {
		jdbc.sql("""
				delete from missed_cadence m where not exists (
				  select 1 from (%s) cd where cd.contact_id = m.contact_id and cd.due_on = m.due_on and cd.due_on < :today - :grace)"""
			.formatted(cadences())).params(cadenceParams()).param("today", today).param("grace", grace).update();
		jdbc.sql("""
				insert into missed_cadence (contact_id, due_on, account_id, role, name, detected_on)
				select cd.contact_id, cd.due_on, cd.account_id, cd.role, cd.name, :today from (%s) cd
				where cd.due_on < :today - :grace
				on conflict do nothing""".formatted(cadences())).params(cadenceParams()).param("today", today)
			.param("grace", grace).update();
		// Health scores missed cadences from its own copy: the data flows automation -> health, never back.
		healthFacts.missedCadencesAre(jdbc.sql("select account_id, contact_id, name, role, due_on from missed_cadence")
			.query((rs, n) -> new CadenceMissed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getObject(5, LocalDate.class)))
			.list());
	}
}
