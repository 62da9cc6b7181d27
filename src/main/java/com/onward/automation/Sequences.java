package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.messaging.CustomerEmail;
import com.onward.messaging.Outbox;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;

/**
 * Sequences (AUTO-3): timed messages from the day an account enrolled. The sweep stops those
 * whose goal is met and sends, per enrolment, the latest step that has come due (a sweep that was
 * late does not send three steps at once; the skipped ones are passed over). A reply (recorded by
 * the CSM, or by an integration through the API) or an unsubscribe stops a sequence too.
 */
@Service
public class Sequences {

	public record Enrolment(UUID id, String sequence, UUID accountId, String accountName, LocalDate startedOn,
			int nextStep, int steps, String status, String stopReason, Instant updatedAt) {
	}

	public record Definition(String code, AutomationProperties.Goal goal, List<AutomationProperties.Step> steps,
			int repeatEveryDays) {
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Outbox outbox;
	private final AutomationProperties props;
	private final Clock clock;

	Sequences(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, AutomationProperties props, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.outbox = outbox;
		this.props = props;
		this.clock = clock;
	}

	public List<Definition> definitions() {
		return props.sequences().entrySet().stream()
			.map(e -> new Definition(e.getKey(), e.getValue().goal(), e.getValue().steps(), e.getValue().repeatEveryDays()))
			.sorted(java.util.Comparator.comparing(Definition::code)).toList();
	}

	/**
	 * Sweeps started at once (the API on one instance, the schedule on another) take turns, one
	 * transaction at a time: the same bulk inserts side by side could deadlock on each other's new keys.
	 */
	static void sweepLock(JdbcClient jdbc) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('onward-automation-sweep'))) l").query(Integer.class).single();
	}

	/**
	 * The same turns for a rule's part (see {@code Sweep}): the parts of one sweep run side by side (the sweep lock
	 * shared), while sequences and cadences wait for them and they for those (exclusive); and a part locks the slots
	 * of account ids it covers ({@link RuleMatches.Part}), in order, so no two transactions act on the same accounts
	 * at once.
	 */
	static void sweepPartLock(JdbcClient jdbc, RuleMatches.Part part) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock_shared(hashtext('onward-automation-sweep'))) l")
			.query(Integer.class).single();
		jdbc.sql("""
				select count(*) from (select pg_advisory_xact_lock(hashtext('onward-automation-sweep-slot'), slot)
				                      from generate_series(cast(:first as int), cast(:last as int)) slot) l""")
			.param("first", part.firstSlot()).param("last", part.lastSlot()).query(Long.class).single();
	}

	/**
	 * Enrols a newly signed account in the sequences its CONTRACT_SIGNED rules start — in the
	 * contract's own transaction, so no sweep ever sees the account without them. A back-dated
	 * contract starts at the step that fits today (the latest one due), never at the steps it missed.
	 */
	int enrolOnSigning(UUID accountId, com.onward.shared.Segment segment, String language, LocalDate signedOn,
			List<Automation.Rule> rules) {
		LocalDate today = LocalDate.now(clock);
		int enrolled = 0;
		for (Automation.Rule rule : rules) {
			if (!rule.enabled() || rule.trigger() != Trigger.CONTRACT_SIGNED
					|| !rule.actions().contains(Automation.Action.START_SEQUENCE)) {
				continue;
			}
			LocalDate startedOn = "PROJECT_START".equals(rule.param("from")) && signedOn.isBefore(today) ? signedOn : today;
			long offset = java.time.temporal.ChronoUnit.DAYS.between(startedOn, today);
			var sequence = props.sequences().get(rule.param("sequence"));
			if (sequence == null || !rule.conditions().admitsNew(segment, language, offset)) continue;
			enrolled += jdbc.sql("""
					insert into sequence_enrolment (id, sequence_code, account_id, started_on, next_step, updated_at)
					values (:id, :sequence, :account, :started, :next, :now)
					on conflict (sequence_code, account_id) do nothing""")
				.param("id", UUID.randomUUID()).param("sequence", rule.param("sequence")).param("account", accountId)
				.param("started", startedOn).param("next", sequence.fittingStep(offset))
				.param("now", Timestamp.from(clock.instant())).update();
		}
		return enrolled;
	}

	/** Stops sequences at their goal and sends the due steps; returns how many messages were queued. */
	int advance(LocalDate today) {
		int queued = 0;
		for (var entry : props.sequences().entrySet()) {
			String code = entry.getKey();
			List<AutomationProperties.Step> steps = entry.getValue().expanded();
			if (steps.isEmpty()) continue;
			Integer n = tx.execute(s -> {
				sweepLock(jdbc);
				stopAtGoal(code, entry.getValue().goal());
				return sendDue(code, steps, today);
			});
			queued += n == null ? 0 : n;
		}
		return queued;
	}

	private void stopAtGoal(String code, AutomationProperties.Goal goal) {
		String reached = switch (goal) {
			case LOGGED_IN -> "exists (select 1 from usage_user_v u where u.account_id = e.account_id and u.first_login is not null)";
			case PROJECT_COMPLETED -> "false";
		};
		jdbc.sql("""
				update sequence_enrolment e set status = 'STOPPED', stop_reason = 'GOAL_MET', updated_at = :now
				where e.status = 'ACTIVE' and e.sequence_code = :code and %s""".formatted(reached))
			.param("now", Timestamp.from(clock.instant())).param("code", code).update();
		// A project that ended (graduated, cancelled) ends its sequences; for PROJECT_COMPLETED that is the goal.
		jdbc.sql("""
				update sequence_enrolment e set status = 'STOPPED', stop_reason = :reason, updated_at = :now
				where e.status = 'ACTIVE' and e.sequence_code = :code and not exists (
				  select 1 from account_v a join onboarding_project_v p on p.project_id = a.current_project_id
				  where a.account_id = e.account_id and p.active)""")
			.param("reason", goal == AutomationProperties.Goal.PROJECT_COMPLETED ? "GOAL_MET" : "PROJECT_CLOSED")
			.param("now", Timestamp.from(clock.instant())).param("code", code).update();
	}

	private int sendDue(String code, List<AutomationProperties.Step> steps, LocalDate today) {
		// The steps bound as arrays (idx, day, template): configuration never becomes SQL text.
		var stepParams = Map.<String, Object>of("code", code, "today", today,
				"stIdx", java.util.stream.IntStream.range(0, steps.size()).boxed().toArray(Integer[]::new),
				"stDay", steps.stream().map(AutomationProperties.Step::day).toArray(Integer[]::new),
				"stTemplate", steps.stream().map(AutomationProperties.Step::template).toArray(String[]::new));
		String stepTable = "unnest(cast(:stIdx as int[]), cast(:stDay as int[]), cast(:stTemplate as text[])) as st(idx, day, template)";
		String due = """
				select e.id, e.account_id, max(st.idx) as idx from sequence_enrolment e
				join %s on st.idx >= e.next_step and st.day <= :today - e.started_on
				where e.status = 'ACTIVE' and e.sequence_code = :code
				group by e.id, e.account_id""".formatted(stepTable);
		int queued = outbox.enqueueAll(jdbc.sql("""
				select 'seq:' || cast(:code as text) || ':' || d.account_id || ':' || d.idx as uniqueness_key, st.template,
				  d.account_id, c.email as recipient, a.language, a.name, c.name, csm.name
				from (%s) d
				join %s on st.idx = d.idx
				join account_v a on a.account_id = d.account_id
				%s
				%s""".formatted(due, stepTable, RuleMatches.CUSTOMER_CONTACT, RuleMatches.ACCOUNT_CSM))
			.params(stepParams)
			.query((rs, n) -> new CustomerEmail(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), Map.of("account", rs.getString(6),
							"contact", rs.getString(7) == null ? "" : rs.getString(7),
							"csm", rs.getString(8) == null ? "" : rs.getString(8))))
			.list());
		jdbc.sql("""
				update sequence_enrolment e set next_step = d.idx + 1, updated_at = :now,
				  status = case when d.idx + 1 >= :steps then 'COMPLETED' else 'ACTIVE' end
				from (%s) d where d.id = e.id""".formatted(due))
			.params(stepParams).param("steps", steps.size())
			.param("now", Timestamp.from(clock.instant())).update();
		return queued;
	}

	public List<Enrolment> enrolments(UUID accountId, String status, int limit) {
		return jdbc.sql("""
				select e.id, e.sequence_code, e.account_id, a.name, e.started_on, e.next_step, e.status, e.stop_reason, e.updated_at
				from sequence_enrolment e join account_v a on a.account_id = e.account_id
				where (cast(:account as uuid) is null or e.account_id = :account) and (cast(:status as text) is null or e.status = :status)
				order by e.updated_at desc limit :limit""")
			.param("account", accountId).param("status", status).param("limit", limit)
			.query((rs, n) -> new Enrolment(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getObject(5, LocalDate.class), rs.getInt(6), steps(rs.getString(2)), rs.getString(7),
					rs.getString(8), rs.getTimestamp(9).toInstant()))
			.list();
	}

	private int steps(String code) {
		var s = props.sequences().get(code);
		return s == null ? 0 : s.expanded().size();
	}

	/** Stops an account's active enrolment: the customer replied, or by hand. */
	@Transactional
	public void stop(UUID enrolmentId, String reason) {
		if (reason == null || !List.of("REPLIED", "MANUAL").contains(reason)) {
			throw InvalidInputException.of("reason", "must be REPLIED or MANUAL");
		}
		int n = jdbc.sql("""
				update sequence_enrolment set status = 'STOPPED', stop_reason = :reason, updated_at = :now
				where id = :id and status = 'ACTIVE'""")
			.param("reason", reason).param("now", Timestamp.from(clock.instant())).param("id", enrolmentId).update();
		if (n == 0 && jdbc.sql("select count(*) from sequence_enrolment where id = :id").param("id", enrolmentId)
			.query(Long.class).single() == 0) {
			throw new NotFoundException("Sequence enrolment", enrolmentId);
		}
	}

	/** An address unsubscribed: every active sequence of an account with a contact at that address stops. */
	@Transactional
	public int stopForAddress(String email) {
		return jdbc.sql("""
				update sequence_enrolment e set status = 'STOPPED', stop_reason = 'UNSUBSCRIBED', updated_at = :now
				where e.status = 'ACTIVE' and exists (select 1 from stakeholder_contact_v c where c.account_id = e.account_id
				                                      and c.email = :email)""")
			.param("now", Timestamp.from(clock.instant())).param("email", email).update();
	}
}
