package com.onward.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.onward.shared.ContactRole;
import com.onward.usage.Adoption;
import com.onward.usage.AdoptionMetrics;

/**
 * Loads the inputs of many accounts at once: adoption through the usage module's API, and
 * projects, items, contacts and scope changes through a few aggregate queries over those
 * modules' tables (a read model, like the portfolio's), so a recompute of 100,000 accounts
 * runs a handful of queries per thousand accounts instead of dozens per account.
 */
@Component
class HealthData {

	private final NamedParameterJdbcTemplate named;
	private final Adoption adoption;
	private final HealthProperties props;
	private final Clock clock;

	private final SupportLoadProperties supportLoad;

	HealthData(NamedParameterJdbcTemplate named, Adoption adoption, HealthProperties props,
			SupportLoadProperties supportLoad, Clock clock) {
		this.named = named;
		this.adoption = adoption;
		this.props = props;
		this.supportLoad = supportLoad;
		this.clock = clock;
	}

	/**
	 * The inputs as of {@code today}: items count as done only if completed by then, usage only up to then, so
	 * past days can be scored honestly (contacts' ratings are only known as they are now).
	 */
	List<HealthInputs> load(Collection<UUID> accountIds, LocalDate today, boolean telemetryConnected) {
		if (accountIds.isEmpty()) {
			return List.of();
		}
		HealthProperties.Indicators keys = props.indicators();
		var params = new MapSqlParameterSource("ids", accountIds.toArray(UUID[]::new))
			.addValue("today", today)
			.addValue("kickoff", keys.kickoff().toArray(String[]::new))
			.addValue("access", keys.access().toArray(String[]::new))
			.addValue("technical", keys.technicalPhases().toArray(String[]::new))
			.addValue("training", keys.training().toArray(String[]::new))
			.addValue("uat", keys.uat().toArray(String[]::new))
			.addValue("early", keys.earlyResults().toArray(String[]::new))
			.addValue("scopeSince", Timestamp.from(clock.instant().minus(
					java.time.Duration.ofDays(props.flags().scopeRequestWindowDays()))));
		record ProjectRow(UUID projectId, String status, LocalDate start, LocalDate target, LocalDate forecast,
				HealthInputs.Milestones milestones, HealthInputs.Homework homework, HealthInputs.Plan plan, int scope) {
		}
		var projects = new HashMap<UUID, ProjectRow>();
		// The items aggregated per project (a lateral index scan of its items and their phases) instead of one join and
		// group-by over the whole batch's 28,000 items: at 100,000 accounts 91 ms instead of 308 ms per batch of 1,000
		// (EXPLAIN ANALYZE).
		named.query("""
				select p.account_id, p.project_id as id, p.status, p.start_date, p.target_graduation_date, p.forecast_graduation_date,
				  g.*,
				  (select count(*) from onboarding_scope_change_v s where s.project_id = p.project_id and s.requested_at >= :scopeSince) as scope
				from account_v a
				join onboarding_project_v p on p.project_id = a.current_project_id
				cross join lateral (
				  select count(*) as items,
				    count(*) filter (where i.kind = 'MILESTONE' and not i.skipped and i.planned_due < :today) as ms_due,
				    count(*) filter (where i.kind = 'MILESTONE' and i.planned_due < :today and i.done_on <= :today
				                     and i.completed_on <= i.planned_due) as ms_on_time,
				    count(*) filter (where i.kind = 'MILESTONE' and i.done_on <= :today and i.completed_on > i.planned_due
				                     and i.planned_due < :today) as ms_late,
				    count(*) filter (where i.kind = 'MILESTONE' and not (i.skipped or i.done_on <= :today)
				                     and i.planned_due < :today) as ms_missed,
				    min(i.due_date) filter (where i.kind = 'MILESTONE' and not (i.skipped or i.done_on <= :today)
				                     and i.due_date >= :today) as ms_next,
				    count(*) filter (where i.customer_homework and not i.skipped and i.due_date < :today) as hw_due,
				    count(*) filter (where i.customer_homework and i.done_on <= :today and i.completed_on <= i.due_date
				                     and i.due_date < :today) as hw_on_time,
				    count(*) filter (where i.customer_homework and not (i.skipped or i.done_on <= :today)
				                     and i.due_date < :today) as hw_overdue,
				    bool_or(i.key = any(:kickoff)) as has_kickoff,
				    bool_or(i.key = any(:kickoff) and i.done_on <= :today) as kickoff_done,
				    bool_or(i.key = any(:access)) as has_access,
				    bool_or(i.key = any(:access) and i.done_on <= :today) as access_done,
				    count(*) filter (where i.phase_key = any(:technical)) as tech_items,
				    count(*) filter (where i.phase_key = any(:technical) and (i.skipped or i.done_on <= :today)) as tech_done,
				    bool_or(i.key = any(:training)) as has_training,
				    bool_or(i.key = any(:training) and i.status in ('IN_PROGRESS','DONE')) as training_started,
				    case when bool_and((i.skipped or i.done_on <= :today)) filter (where i.key = any(:training))
				         then max(i.completed_on) filter (where i.key = any(:training)) end as training_completed,
				    bool_or(i.key = any(:uat)) as has_uat,
				    bool_or(i.key = any(:uat) and i.status in ('IN_PROGRESS','DONE')) as uat_started,
				    bool_or(i.go_live) as has_go_live,
				    bool_or(i.go_live and i.done_on <= :today) as go_live_done,
				    bool_or(i.key = any(:early)) as has_early,
				    bool_or(i.key = any(:early) and i.done_on <= :today) as early_done
				  from onboarding_item_progress_v i where i.project_id = p.project_id) g
				where a.account_id = any(:ids) and g.items > 0""", params, rs -> {
			var ms = new HealthInputs.Milestones(rs.getInt("ms_due"), rs.getInt("ms_on_time"), rs.getInt("ms_late"),
					rs.getInt("ms_missed"), null, rs.getObject("ms_next", LocalDate.class));
			var hw = new HealthInputs.Homework(rs.getInt("hw_due"), rs.getInt("hw_on_time"), rs.getInt("hw_overdue"));
			var plan = new HealthInputs.Plan(rs.getBoolean("has_kickoff"), rs.getBoolean("kickoff_done"),
					rs.getBoolean("has_access"), rs.getBoolean("access_done"), rs.getInt("tech_items"),
					rs.getInt("tech_done"), rs.getBoolean("has_training"), rs.getBoolean("training_started"),
					rs.getObject("training_completed", LocalDate.class), rs.getBoolean("has_uat"),
					rs.getBoolean("uat_started"), rs.getBoolean("has_go_live"), rs.getBoolean("go_live_done"),
					rs.getBoolean("has_early"), rs.getBoolean("early_done"));
			projects.put(rs.getObject("account_id", UUID.class), new ProjectRow(rs.getObject("id", UUID.class),
					rs.getString("status"), rs.getObject("start_date", LocalDate.class),
					rs.getObject("target_graduation_date", LocalDate.class),
					rs.getObject("forecast_graduation_date", LocalDate.class), ms, hw, plan, rs.getInt("scope")));
		});
		var contacts = new HashMap<UUID, List<HealthInputs.ContactInput>>();
		named.query("""
				select account_id, name, role, engagement, sentiment, last_contact_on from contact_v
				where account_id = any(:ids) order by account_id, created_at""", params,
				rs -> { contacts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new HealthInputs.ContactInput(rs.getString(2), ContactRole.valueOf(rs.getString(3)),
							rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class))); });
		Map<UUID, HealthInputs.Value> values = values(params, today);
		var attendance = new HashMap<UUID, HealthInputs.Attendance>();
		named.query("""
				select a.account_id, count(*), count(*) filter (where t.attended)
				from account_v a
				join training_attendance_v t on t.project_id = a.current_project_id and t.session_done
				where a.account_id = any(:ids) group by a.account_id""", params,
				rs -> { attendance.put(rs.getObject(1, UUID.class), new HealthInputs.Attendance(rs.getInt(2), rs.getInt(3))); });
		var overdueHandoffs = new HashMap<UUID, Integer>();
		named.query("""
				select account_id, count(*) from health_handoff
				where account_id = any(:ids) and completed_at is null and due_at < :now group by account_id""",
				new MapSqlParameterSource(params.getValues()).addValue("now", Timestamp.from(clock.instant())),
				rs -> { overdueHandoffs.put(rs.getObject(1, UUID.class), rs.getInt(2)); });
		// Missed stakeholder cadences, detected by the automation sweep (PPL-3) and handed to health.
		var missedCadences = new HashMap<UUID, List<HealthInputs.MissedCadence>>();
		named.query("select account_id, name, role, due_on from health_missed_cadence where account_id = any(:ids) order by due_on",
				params, rs -> {
					missedCadences.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
						.add(new HealthInputs.MissedCadence(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
				});
		Map<UUID, HealthInputs.Support> support = support(params, today);
		HealthInputs.Support noTickets = support.isEmpty() && !ticketsConnected() ? HealthInputs.Support.NOT_CONNECTED
				: HealthInputs.Support.NO_TICKETS;
		Map<UUID, AdoptionMetrics> metrics = adoption.metrics(accountIds, today);
		var wins = adoption.earlyWins(accountIds, today);
		var lastSeen = adoption.lastSeen(accountIds);
		var inputs = new ArrayList<HealthInputs>(accountIds.size());
		for (UUID id : new HashSet<>(accountIds)) {
			if (!metrics.containsKey(id)) {
				continue; // not an account
			}
			ProjectRow p = projects.get(id);
			inputs.add(new HealthInputs(id, p == null ? null : p.projectId(), p == null ? null : p.status(),
					p == null ? null : p.start(), p == null ? null : p.target(), p == null ? null : p.forecast(), today,
					metrics.get(id), telemetryConnected, lastSeen.get(id),
					java.util.EnumSet.copyOf(wins.getOrDefault(id, List.of()).isEmpty()
							? java.util.EnumSet.noneOf(com.onward.usage.EarlyWinKind.class)
							: wins.get(id)),
					p == null ? HealthInputs.Milestones.NONE : p.milestones(),
					p == null ? HealthInputs.Homework.NONE : p.homework(), contacts.getOrDefault(id, List.of()),
					p == null ? 0 : p.scope(), p == null ? HealthInputs.Plan.NONE : p.plan(),
					values.getOrDefault(id, HealthInputs.Value.NONE),
					attendance.getOrDefault(id, HealthInputs.Attendance.NONE), overdueHandoffs.getOrDefault(id, 0),
					missedCadences.getOrDefault(id, List.of()), support.getOrDefault(id, noTickets)));
		}
		return inputs;
	}

	/** Whether any help-desk ticket was ever received (else support load has no data, like adoption without telemetry). */
	private boolean ticketsConnected() {
		return Boolean.TRUE.equals(named.getJdbcTemplate()
			.queryForObject("select exists (select 1 from support_ticket_v)", Boolean.class));
	}

	/**
	 * Tickets per account through the support module's view: weeks end at the end of {@code today} (in the
	 * clock's zone); open and pending states are as they are now.
	 */
	private Map<UUID, HealthInputs.Support> support(MapSqlParameterSource params, LocalDate today) {
		java.time.Instant end = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
		java.time.Instant now = clock.instant();
		var p = new MapSqlParameterSource(params.getValues())
			.addValue("end", Timestamp.from(end))
			.addValue("w0", Timestamp.from(end.minus(java.time.Duration.ofDays(7))))
			.addValue("w1", Timestamp.from(end.minus(java.time.Duration.ofDays(14))))
			.addValue("m0", Timestamp.from(end.minus(java.time.Duration.ofDays(28))))
			.addValue("now", Timestamp.from(now))
			.addValue("pendingBefore", Timestamp.from(now.minus(java.time.Duration.ofDays(supportLoad.itUnresponsiveDays()))));
		var map = new HashMap<UUID, HealthInputs.Support>();
		named.query("""
				select account_id,
				  count(*) filter (where created_at >= :w0 and created_at < :end) as week,
				  count(*) filter (where created_at >= :w1 and created_at < :w0) as prev_week,
				  count(*) filter (where category = 'TECHNICAL' and created_at >= :w0 and created_at < :end) as tech_week,
				  count(*) filter (where category = 'TECHNICAL' and created_at >= :w1 and created_at < :w0) as tech_prev,
				  count(*) filter (where created_at >= :m0 and created_at < :end) as last28,
				  count(*) filter (where category = 'TECHNICAL' and created_at >= :m0 and created_at < :end) as tech28,
				  count(*) filter (where is_open) as open,
				  floor(extract(epoch from (cast(:now as timestamptz) - min(created_at) filter (where is_open))) / 86400)::int as oldest_open,
				  count(*) filter (where category = 'TECHNICAL' and status = 'PENDING_CUSTOMER'
				                   and pending_since < :pendingBefore) as pending_over,
				  floor(extract(epoch from (cast(:now as timestamptz) - min(pending_since) filter (where category = 'TECHNICAL'
				                   and status = 'PENDING_CUSTOMER'))) / 86400)::int as oldest_pending
				from support_ticket_v where account_id = any(:ids) group by account_id""", p, rs -> {
			map.put(rs.getObject(1, UUID.class), new HealthInputs.Support(true, true, rs.getInt("week"), rs.getInt("prev_week"),
					rs.getInt("tech_week"), rs.getInt("tech_prev"), rs.getInt("last28"), rs.getInt("tech28"),
					rs.getInt("open"), rs.getObject("oldest_open", Integer.class), rs.getInt("pending_over"),
					rs.getObject("oldest_pending", Integer.class)));
		});
		return map;
	}

	/** Success criteria of each account's current project, as of {@code today}. */
	private Map<UUID, HealthInputs.Value> values(MapSqlParameterSource params, LocalDate today) {
		record Row(String kpi, Integer progress, boolean met, boolean confirmed, boolean counted) {
		}
		var rows = new HashMap<UUID, List<Row>>();
		named.query("""
				select a.account_id, c.kpi, c.kind, c.baseline, c.target, c.deadline, m.value,
				  exists (select 1 from success_value_confirmation_v v where v.criterion_id = c.criterion_id and v.confirmed_on <= :today) as confirmed
				from account_v a
				join success_criterion_v c on c.project_id = a.current_project_id
				left join lateral (select value from success_measurement_v where criterion_id = c.criterion_id and measured_on <= :today
				  order by measured_on desc, created_at desc limit 1) m on true
				where a.account_id = any(:ids)""", params, rs -> {
			boolean confirmed = rs.getBoolean("confirmed");
			java.math.BigDecimal latest = rs.getBigDecimal("value");
			Integer progress = null;
			boolean met = confirmed;
			if ("QUANTITATIVE".equals(rs.getString("kind")) && latest != null) {
				progress = com.onward.success.Criterion.progressOf(rs.getBigDecimal("baseline"), rs.getBigDecimal("target"),
						latest);
				met = met || progress >= 100;
			}
			if (met) progress = 100;
			LocalDate deadline = rs.getObject("deadline", LocalDate.class);
			boolean pastDeadline = deadline != null && deadline.isBefore(today);
			// No data counts only once the deadline has passed, and then as zero: never as met.
			boolean counted = progress != null || pastDeadline;
			rows.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new Row(rs.getString("kpi"), progress == null && pastDeadline ? Integer.valueOf(0) : progress, met,
						confirmed, counted));
		});
		var values = new HashMap<UUID, HealthInputs.Value>();
		rows.forEach((account, list) -> {
			var counted = list.stream().filter(Row::counted).toList();
			Row weakest = counted.stream().filter(r -> !r.met()).min(java.util.Comparator.comparing(Row::progress))
				.orElse(null);
			values.put(account, new HealthInputs.Value(list.size(), counted.size(),
					(int) list.stream().filter(Row::met).count(), (int) list.stream().filter(Row::confirmed).count(),
					(int) list.stream().filter(r -> r.progress() == null).count(),
					counted.isEmpty() ? null
							: (int) Math.round(counted.stream().mapToInt(Row::progress).average().orElse(0)),
					weakest == null ? null : weakest.kpi(), weakest == null ? null : weakest.progress()));
		});
		return values;
	}
}
