package com.onward.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.onward.automation.Automation.Occurrence;
import com.onward.automation.Automation.Rule;

import tools.jackson.databind.ObjectMapper;

/**
 * Which accounts a rule matches ("hits"): one set-based query per rule — for an EVENT rule restricted to the
 * event's occurrences, for a SWEEP rule over every running project — into a transaction-local table that each
 * action then reads; and the due dates of the stakeholder cadences.
 */
@Component
class RuleMatches {

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final Clock clock;
	private final AutomationProperties props;

	RuleMatches(JdbcClient jdbc, ObjectMapper json, Clock clock, AutomationProperties props) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.props = props;
	}

	/** Bound while the current transaction has the (empty or used) hit table at hand; see {@link #emptyHitTable}. */
	private final Object hitTableKey = new Object();

	/**
	 * An empty {@code sweep_hit} table for the next rule. The table lives as long as the pooled connection and is
	 * emptied in place at commit: creating it per transaction (or truncating it) writes PostgreSQL's catalogue each
	 * time, and that churn made every event rule, hence contract signing, slower as the catalogue bloated. The
	 * first rule of a transaction makes sure it exists (it is empty then); the next ones of the same transaction
	 * empty what the previous one left.
	 */
	private void emptyHitTable() {
		if (TransactionSynchronizationManager.hasResource(hitTableKey)) {
			jdbc.sql("delete from sweep_hit").update();
			return;
		}
		jdbc.sql("""
				create temporary table if not exists sweep_hit (account_id uuid, project_id uuid, occurrence text, args jsonb,
				  vals jsonb, contact_id uuid, key text, account_name text, language text, owner_csm_id uuid, csm_user_id uuid,
				  csm_email text, csm_name text, email text, contact_name text, customer_ok boolean, recent boolean,
				  waiting boolean not null default false)
				on commit delete rows""").update();
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return; // no transaction to remember it for
		}
		TransactionSynchronizationManager.bindResource(hitTableKey, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void suspend() {
				// A transaction started inside this one has a connection of its own.
				TransactionSynchronizationManager.unbindResourceIfPossible(hitTableKey);
			}

			@Override
			public void resume() {
				TransactionSynchronizationManager.bindResource(hitTableKey, Boolean.TRUE);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(hitTableKey);
			}
		});
	}

	/** The occurrences of an event that a rule is evaluated for. */
	record EventContext(List<Occurrence> occurrences) {
	}

	/**
	 * A share of the accounts, {@code index} of {@code of} (at most {@link #SLOTS}): those whose id lies in the
	 * share's range. The id space is cut into sixteen slots by the id's first hex digit, and each share is a run of
	 * whole slots (ids are random, so a slot holds a sixteenth of the accounts), which the share's transaction
	 * locks: two sweeps that cut the accounts into different numbers of shares still never act on the same
	 * account at once. A sweep runs each rule in parts side by side; they never meet on an account. A range, not
	 * a hash of the id: PostgreSQL estimates a range from its statistics, where a hash was taken for a handful of
	 * rows and planned with nested loops that made each part slower than the whole.
	 */
	record Part(int index, int of) {
		static final int SLOTS = 16;

		static final Part ALL = new Part(0, 1);

		/** The share's first slot. */
		int firstSlot() {
			return index * SLOTS / of;
		}

		/** The share's last slot. */
		int lastSlot() {
			return (index + 1) * SLOTS / of - 1;
		}

		/** The share's first id. */
		UUID from() {
			return new UUID((long) firstSlot() << 60, 0L);
		}

		/** The share's last id. */
		UUID to() {
			return new UUID(((long) (lastSlot() + 1) << 60) - 1, -1L);
		}
	}

	/**
	 * Fills the transaction's {@code sweep_hit} table with the rule's matches for an event: (account, project,
	 * occurrence, args for texts, vals for templates, contact). One query, whatever the number of accounts.
	 */
	void fillHits(Rule rule, LocalDate today, EventContext event) {
		fill(rule, today, event, false, Part.ALL);
	}

	/** Fills {@code sweep_hit} with a sweep rule's matches (an event rule's for its next event) among the part's accounts. */
	void fillHits(Rule rule, LocalDate today, Part part) {
		fill(rule, today, null, false, part);
	}

	/**
	 * Forgets the occasions a sweep rule remembered that no longer stand (the login came, the milestone is done,
	 * last week's summary): the memory keeps what still matches, not every occasion ever. An occasion that stands
	 * again later is a match again; its actions' keys keep a message or task from being made twice. Run once a day:
	 * it costs a full evaluation of the rule.
	 */
	void forgetEnded(Rule rule, LocalDate today, Part part) {
		if (RuleActions.oncePerOccurrence(rule)) {
			fill(rule, today, null, true, part);
		}
	}

	private void fill(Rule rule, LocalDate today, EventContext event, boolean forgetEnded, Part part) {
		// One row per hit with everything the actions need (key, language, CSM, the contact to write to),
		// so each action reads this table instead of joining accounts and contacts again.
		emptyHitTable();
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
		else if (rule.trigger().kind() == Trigger.Kind.EVENT) {
			// An event rule outside its event (its dry run): every running project its conditions admit, for the
			// rule's next event, which the arguments name.
			from = "";
			occurrence = "'next-event'";
			args = "jsonb_build_array(a.name, jsonb_build_object('key', 'trigger.' || cast(:trigger as text)))";
			where = "true";
		}
		else {
			from = "";
			switch (rule.trigger()) {
				case NO_LOGIN_AFTER_ACCESS -> {
					occurrence = "'day-' || :days";
					occurred = "p.start_date + :days";
					args = "jsonb_build_array(a.name, :days)";
					where = """
							p.start_date <= :today - :days
							  and not exists (select 1 from usage_user_v u where u.account_id = a.account_id and u.first_login is not null)""";
				}
				case NO_RECENT_LOGIN -> {
					// Every account's last activity in one grouping (accounts without users have none and do not match).
					from = " join (select account_id, max(last_seen) as last_seen from usage_user_v group by account_id) lu on lu.account_id = a.account_id";
					occurrence = "to_char(lu.last_seen, 'YYYY-MM-DD')";
					occurred = "cast(lu.last_seen as date) + :days";
					args = "jsonb_build_array(a.name, :days)";
					where = "lu.last_seen < cast(:today - :days as timestamp) at time zone 'UTC'";
				}
				case FEATURE_UNUSED -> {
					// Only features the vendor marked as core (a guess would teach the wrong thing), and one at a
					// time: the first unused one, so an account gets the next how-to after it used the last.
					// The core features are read once and bound as arrays in their order: looked up per account from
					// the catalogue, they were scanned and sorted again for each of 100,000 accounts.
					from = " " + """
							join lateral (select f.key, f.name from unnest(cast(:coreKeys as text[]), cast(:coreNames as text[]))
							    with ordinality as f(key, name, position)
							  where not exists (select 1 from usage_feature_v uf where uf.account_id = a.account_id and uf.feature = f.key)
							  order by f.position limit 1) f on true""";
					occurrence = "'feature-' || f.key";
					occurred = "p.start_date + :days";
					args = "jsonb_build_array(a.name, f.name, :days)";
					vals = "jsonb_build_object('feature', f.name)";
					where = "p.start_date <= :today - :days";
				}
				case WEEKLY_USAGE -> {
					from = " " + """
							join lateral (select count(distinct d.user_id) as users, sum(d.events) as events from usage_user_day_v d
							   where d.account_id = a.account_id and d.day > :today - :days and d.day <= :today) w on w.events > 0""";
					occurrence = "'week-' || to_char(:today, 'IYYY-IW')";
					occurred = ":today";
					vals = "jsonb_build_object('activeUsers', w.users, 'events', w.events)";
					// Sent on one day of the week (param weekday, ISO: 5 = Friday); on the other days the rule costs nothing.
					where = "extract(isodow from cast(:today as date)) = cast(:weekday as int)";
				}
				case MILESTONE_OVERDUE, STUCK_ON_STEP -> {
					boolean overdue = rule.trigger() == Trigger.MILESTONE_OVERDUE;
					// Only the item's id, project and dates here (the onboarding module indexes them for these two
					// questions); its name is read for the matches not yet acted on.
					from = overdue
							? " join onboarding_item_schedule_v i on i.project_id = p.project_id and i.kind = 'MILESTONE' and i.status not in ('DONE','SKIPPED') and i.due_date <= :today - :days"
							: " join onboarding_item_schedule_v i on i.project_id = p.project_id and i.status in ('IN_PROGRESS','BLOCKED') and i.start_date <= :today - :days and i.due_date < :today";
					occurrence = "'item-' || i.item_id";
					occurred = "i.due_date + :days";
					// The item's name in every language it has: each reader sees theirs.
					args = """
							jsonb_build_array(a.name, (select coalesce(n.name, to_jsonb(n.key)) from onboarding_item_schedule_v n
							  where n.item_id = i.item_id), :today - i.due_date)""";
					where = "true";
				}
				case NO_STAKEHOLDER_CONTACT -> {
					// Every account's last contact in one grouping: looked up per account, it cost 100,000 index scans.
					from = " left join (select account_id, max(last_contact_on) as last from contact_v group by account_id) lc on lc.account_id = a.account_id";
					occurrence = "'since-' || coalesce(lc.last, p.start_date)";
					args = "jsonb_build_array(a.name, :today - coalesce(lc.last, p.start_date))";
					where = "coalesce(lc.last, p.start_date) <= :today - :days";
				}
				case CADENCE_DUE -> {
					// The running project's own rows: joined to a copy of them (as cadences() is), they were read twice.
					from = "\n" + CADENCES;
					occurrence = "'cadence-' || cd.contact_id || '-' || cd.due_on";
					args = "jsonb_build_array(a.name, cd.name, jsonb_build_object('key', 'contactRole.' || cd.role), cd.due_on)";
					contact = "cd.contact_id";
					where = "cd.due_on <= :today + :days and " + CADENCE_KEPT;
				}
				case UNASSIGNED_ROLE -> {
					occurrence = "'unassigned'";
					where = """
							exists (select 1 from project_assignment_v pa where pa.project_id = p.project_id and pa.active
							        and pa.member_id is null)""";
				}
				case CADENCE_MISSED -> {
					from = " join missed_cadence m on m.account_id = a.account_id";
					occurrence = "'missed-' || m.contact_id || '-' || m.due_on";
					args = "jsonb_build_array(a.name, m.name, jsonb_build_object('key', 'contactRole.' || m.role), m.due_on)";
					contact = "m.contact_id";
					where = "true";
				}
				default -> throw new IllegalStateException("not a sweep trigger: " + rule.trigger());
			}
		}
		String standing = where;
		if (event == null && RuleActions.oncePerOccurrence(rule)) {
			// What this rule already acted on is skipped here, before anything is looked up for it.
			where = "(" + where + ")\n  and not exists (select 1 from automation_rule_acted r where r.rule_code = cast(:code as text)"
					+ " and r.account_id = a.account_id and r.occurrence = " + occurrence + ")";
		}
		var params = new HashMap<String, Object>();
		params.put("today", today);
		params.put("code", rule.code());
		params.put("trigger", rule.trigger().name());
		params.put("days", rule.days());
		params.put("weekday", rule.params().get("weekday") instanceof Number n ? n.intValue() : 5);
		params.put("zone", clock.getZone().getId());
		params.put("grace", props.catchUpGraceDays());
		params.put("segments", rule.conditions().segments().toArray(String[]::new));
		params.put("touchModels", rule.conditions().touchModels().toArray(String[]::new));
		params.put("bands", rule.conditions().healthBands().toArray(String[]::new));
		params.put("languages", rule.conditions().languages().toArray(String[]::new));
		params.put("minDay", rule.conditions().minDay());
		params.put("maxDay", rule.conditions().maxDay());
		params.putAll(cadenceParams());
		params.put("from", part.from());
		params.put("to", part.to());
		if (event == null && rule.trigger() == Trigger.FEATURE_UNUSED) {
			var core = jdbc.sql("select key, coalesce(name, key) from usage_catalogue_feature_v where core order by key")
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
			params.put("coreKeys", core.stream().map(f -> f[0]).toArray(String[]::new));
			params.put("coreNames", core.stream().map(f -> f[1]).toArray(String[]::new));
		}
		if (event != null) {
			var list = event.occurrences();
			params.put("evAccounts", list.stream().map(Occurrence::accountId).toArray(UUID[]::new));
			params.put("evOccurrences", list.stream().map(Occurrence::occurrence).toArray(String[]::new));
			params.put("evArgs", list.stream().map(o -> json.writeValueAsString(o.args())).toArray(String[]::new));
			params.put("evVals", list.stream().map(o -> json.writeValueAsString(o.values())).toArray(String[]::new));
			params.put("evCustomer", list.stream().map(Occurrence::customer).toArray(Boolean[]::new));
			params.put("evRecent", list.stream().map(Occurrence::recent).toArray(Boolean[]::new));
		}
		if (forgetEnded) {
			// A hashed NOT IN: the rule's standing matches are hashed once, whatever the planner thinks of the memory.
			jdbc.sql("""
					delete from automation_rule_acted r where r.rule_code = cast(:code as text)
					and %s
					and (r.account_id, r.occurrence) not in (
					  select a.account_id, %s
					  %s%s
					  where %s
					  %s)""".formatted(IN_PART.formatted("r.account_id"), occurrence, RUNNING_PROJECTS, from, standing,
					CONDITIONS))
				.params(params).update();
			return;
		}
		// The matches first, then who is written to (customer contact, CSM) looked up once per account rather than
		// once per match: a chunk of red flags holds several flags of the same account.
		jdbc.sql("""
				with m as materialized (
				  select a.account_id, p.project_id, %s as occurrence, %s as args, %s as vals, %s as contact_id,
				    cast(%s as date) as occurred_on, %s as customer, %s as recent
				  %s%s
				  where %s
				  %s),
				w as materialized (
				  select a.account_id, a.name, a.language, a.owner_csm_id, a.created_at, csm.user_id as csm_user_id,
				    csm.email as csm_email, csm.name as csm_name, c.email, c.name as contact_name
				  from account_v a
				  %s
				  %s
				  where a.account_id in (select account_id from m))
				insert into sweep_hit (account_id, project_id, occurrence, args, vals, contact_id, key, account_name, language,
				  owner_csm_id, csm_user_id, csm_email, csm_name, email, contact_name, customer_ok, recent)
				select m.account_id, m.project_id, m.occurrence, m.args, m.vals, m.contact_id,
				  'rule:' || cast(:code as text) || ':' || m.account_id || ':' || m.occurrence, w.name, w.language,
				  w.owner_csm_id, w.csm_user_id, w.csm_email, w.csm_name, w.email, w.contact_name,
				  m.customer and (m.occurred_on is null
				    or m.occurred_on >= cast(w.created_at at time zone cast(:zone as text) as date) - cast(:grace as int)),
				  m.recent
				from m join w on w.account_id = m.account_id"""
			.formatted(occurrence, args, vals, contact, occurred, event == null ? "true" : "ev.customer",
					event == null ? "true" : "ev.recent", RUNNING_PROJECTS, from, where, CONDITIONS,
					// Who is written to is looked up only for a rule that writes to them.
					RuleActions.emailsCustomer(rule) ? CUSTOMER_CONTACT : NO_CUSTOMER_CONTACT,
					RuleActions.emailsCustomer(rule) || RuleActions.notifiesCsm(rule) ? ACCOUNT_CSM
							: NO_ACCOUNT_CSM))
			.params(params).update();
	}

	/**
	 * Who at an account (alias {@code a}, a row of {@code account_v}) receives its customer email: the project
	 * lead, else a champion, else the first contact with an address, as {@code c.email}, {@code c.name}.
	 */
	static final String CUSTOMER_CONTACT = """
			left join lateral (select email, name from contact_v where account_id = a.account_id and email is not null
			                   order by (role = 'PROJECT_LEAD') desc, (role = 'CHAMPION') desc, created_at limit 1) c on true""";

	/** Every account with a running project, and its health (aliases {@code a}, {@code p}, {@code hs}): what rules match. */
	private static final String RUNNING_PROJECTS = """
			from account_v a
			join onboarding_project_v p on p.project_id = a.current_project_id and p.running
			left join health_score_v hs on hs.account_id = a.account_id""";

	/** Whether the account id in {@code %s} is in the {@link Part} whose range is bound as {@code :from}, {@code :to}. */
	private static final String IN_PART = "%s between cast(:from as uuid) and cast(:to as uuid)";

	/** The rule's conditions on the account and its project (aliases {@code a}, {@code p}, {@code hs}), and the part. */
	private static final String CONDITIONS = """
			and %s
			and (cardinality(cast(:segments as text[])) = 0 or a.segment = any(cast(:segments as text[])))
			and (cardinality(cast(:touchModels as text[])) = 0 or a.touch_model = any(cast(:touchModels as text[])))
			and (cardinality(cast(:bands as text[])) = 0 or coalesce(hs.band, 'NO_DATA') = any(cast(:bands as text[])))
			and (cardinality(cast(:languages as text[])) = 0 or a.language = any(cast(:languages as text[])))
			and (cast(:minDay as int) is null or :today - p.start_date >= cast(:minDay as int))
			and (cast(:maxDay as int) is null or :today - p.start_date <= cast(:maxDay as int))""".formatted(IN_PART.formatted("a.account_id"));

	/** {@link #CUSTOMER_CONTACT}'s columns, empty. */
	static final String NO_CUSTOMER_CONTACT = "left join lateral (select null::text as email, null::text as name) c on true";

	/** {@link #ACCOUNT_CSM}'s columns, empty. */
	static final String NO_ACCOUNT_CSM = "left join lateral (select null::text as name, null::text as email, null::uuid as user_id) csm on true";

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
	 * Each stakeholder cadence at the accounts of {@link #RUNNING_PROJECTS} (aliases {@code a}, {@code p}): the
	 * contact, its role and when it is due, last contact (or the project start) plus the interval, as
	 * {@code cd.contact_id}, {@code cd.name}, {@code cd.role}, {@code cd.due_on}. Kept only with {@link #CADENCE_KEPT}.
	 * The configured cadences are bound as arrays ({@link #cadenceParams()}), never written into the SQL.
	 */
	private static final String CADENCES = """
			join lateral (select c.contact_id, c.name, c.role, coalesce(c.last_contact_on, p.start_date) + cad.days as due_on,
			                cad.until_go_live
			              from contact_v c
			              join unnest(cast(:cadRoles as text[]), cast(:cadDays as int[]), cast(:cadUntilGoLive as boolean[]))
			                as cad(role, days, until_go_live) on cad.role = c.role
			              where c.account_id = a.account_id) cd on true""";

	/** Whether a cadence of {@link #CADENCES} still runs: some only until go-live. */
	private static final String CADENCE_KEPT = """
			not (cd.until_go_live and exists (select 1 from onboarding_item_schedule_v gi where gi.project_id = p.project_id
			                                  and gi.go_live and gi.status = 'DONE'))""";

	/** Every stakeholder cadence's due date (columns account_id, contact_id, name, role, due_on); see {@link #CADENCES}. */
	String cadences() {
		return "select a.account_id, cd.contact_id, cd.name, cd.role, cd.due_on\n" + RUNNING_PROJECTS + "\n" + CADENCES
				+ "\nwhere " + CADENCE_KEPT;
	}

	Map<String, Object> cadenceParams() {
		return Map.of("cadRoles", props.cadences().stream().map(c -> c.role().name()).toArray(String[]::new),
				"cadDays", props.cadences().stream().map(c -> c.days()).toArray(Integer[]::new),
				"cadUntilGoLive", props.cadences().stream().map(c -> c.untilGoLive()).toArray(Boolean[]::new));
	}
}
