package com.onward.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Facts that modules depending on health hand to it, so that health keeps them in its own tables and never
 * reads theirs: the missed stakeholder cadences the automation sweep detects and the handoffs graduation opens
 * and completes. The data thus flows the way the module dependencies point (automation → health,
 * graduation → health), without a cycle.
 */
@Service
public class HealthFacts {

	private final JdbcClient jdbc;

	HealthFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The missed cadences as they are now: ones no longer listed are cleared, new ones recorded. */
	@Transactional
	public void missedCadencesAre(List<CadenceMissed> current) {
		UUID[] contacts = current.stream().map(CadenceMissed::contactId).toArray(UUID[]::new);
		String[] due = current.stream().map(c -> c.dueOn().toString()).toArray(String[]::new);
		jdbc.sql("""
				delete from health_missed_cadence m where not exists (
				  select 1 from unnest(cast(:contacts as uuid[]), cast(:due as date[])) as c(contact_id, due_on)
				  where c.contact_id = m.contact_id and c.due_on = m.due_on)""")
			.param("contacts", contacts).param("due", due).update();
		jdbc.sql("""
				insert into health_missed_cadence (contact_id, due_on, account_id, role, name)
				select * from unnest(cast(:contacts as uuid[]), cast(:due as date[]), cast(:accounts as uuid[]),
				  cast(:roles as text[]), cast(:names as text[]))
				on conflict do nothing""")
			.param("contacts", contacts).param("due", due)
			.param("accounts", current.stream().map(CadenceMissed::accountId).toArray(UUID[]::new))
			.param("roles", current.stream().map(CadenceMissed::role).toArray(String[]::new))
			.param("names", current.stream().map(CadenceMissed::name).toArray(String[]::new)).update();
	}

	/** A handoff was opened with a due time. */
	@Transactional
	public void handoffDue(HandoffDue handoff) {
		jdbc.sql("""
				insert into health_handoff (handoff_id, account_id, due_at) values (:id, :a, :due)
				on conflict (handoff_id) do nothing""")
			.param("id", handoff.handoffId()).param("a", handoff.accountId())
			.param("due", Timestamp.from(handoff.dueAt())).update();
	}

	/** A handoff was completed: it no longer counts as overdue. */
	@Transactional
	public void handoffCompleted(UUID handoffId, Instant at) {
		jdbc.sql("update health_handoff set completed_at = :at where handoff_id = :id and completed_at is null")
			.param("id", handoffId).param("at", Timestamp.from(at)).update();
	}
}
