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
	private final FeedbackFlagProperties feedbackFlags;

	HealthData(NamedParameterJdbcTemplate named, Adoption adoption, HealthProperties props,
			SupportLoadProperties supportLoad, FeedbackFlagProperties feedbackFlags, Clock clock) {
		this.feedbackFlags = feedbackFlags;
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
				HealthInputs.Milestones milestones, HealthInputs.Homework homework, HealthInputs.Plan plan, int scope,
				LocalDate goLivePlanned) {
		}
		var projects = new HashMap<UUID, ProjectRow>();
		// The items aggregated per project (a lateral index scan of its items and their phases) instead of one join and
		// group-by over the whole batch's 28,000 items: at 100,000 accounts 91 ms instead of 308 ms per batch of 1,000
		// (EXPLAIN ANALYZE). Each item's tests (is it done, is its key in an indicator's list…) are evaluated once in
		// the inner select, which "offset 0" keeps the planner from inlining into each of the aggregates using them.
		named.query("""
				select p.account_id, p.project_id as id, p.status, p.start_date, p.target_graduation_date, p.forecast_graduation_date,
				  g.*,
				  (select count(*) from onboarding_scope_change_v s where s.project_id = p.project_id and s.requested_at >= :scopeSince) as scope
				from account_v a
				join onboarding_project_v p on p.project_id = a.current_project_id
				cross join lateral (
				  select count(*) as items,
				    count(*) filter (where i.ms and not i.skipped and i.planned_due < :today) as ms_due,
				    count(*) filter (where i.ms and i.planned_due < :today and i.done and i.completed_on <= i.planned_due) as ms_on_time,
				    count(*) filter (where i.ms and i.done and i.completed_on > i.planned_due and i.planned_due < :today) as ms_late,
				    count(*) filter (where i.ms and not (i.skipped or i.done) and i.planned_due < :today) as ms_missed,
				    min(i.due_date) filter (where i.ms and not (i.skipped or i.done) and i.due_date >= :today) as ms_next,
				    count(*) filter (where i.customer_homework and not i.skipped and i.due_date < :today) as hw_due,
				    count(*) filter (where i.customer_homework and i.done and i.completed_on <= i.due_date
				                     and i.due_date < :today) as hw_on_time,
				    count(*) filter (where i.customer_homework and not (i.skipped or i.done) and i.due_date < :today) as hw_overdue,
				    bool_or(i.kickoff) as has_kickoff,
				    bool_or(i.kickoff and i.done) as kickoff_done,
				    bool_or(i.access) as has_access,
				    bool_or(i.access and i.done) as access_done,
				    count(*) filter (where i.technical) as tech_items,
				    count(*) filter (where i.technical and (i.skipped or i.done)) as tech_done,
				    bool_or(i.training) as has_training,
				    bool_or(i.training and i.started) as training_started,
				    case when bool_and(i.skipped or i.done) filter (where i.training)
				         then max(i.completed_on) filter (where i.training) end as training_completed,
				    bool_or(i.uat) as has_uat,
				    bool_or(i.uat and i.started) as uat_started,
				    bool_or(i.go_live) as has_go_live,
				    bool_or(i.go_live and i.done) as go_live_done,
				    bool_or(i.early) as has_early,
				    bool_or(i.early and i.done) as early_done,
				    min(i.planned_due) filter (where i.go_live) as go_live_planned
				  from (select i.kind = 'MILESTONE' as ms, i.skipped, i.done_on <= :today as done, i.planned_due, i.due_date,
				          i.completed_on, i.customer_homework, i.go_live, i.status in ('IN_PROGRESS','DONE') as started,
				          i.key = any(:kickoff) as kickoff, i.key = any(:access) as access, i.phase_key = any(:technical) as technical,
				          i.key = any(:training) as training, i.key = any(:uat) as uat, i.key = any(:early) as early
				        from onboarding_item_progress_v i where i.project_id = p.project_id offset 0) i) g
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
					rs.getObject("forecast_graduation_date", LocalDate.class), ms, hw, plan, rs.getInt("scope"),
					rs.getObject("go_live_planned", LocalDate.class)));
		});
		var contacts = new HashMap<UUID, List<HealthInputs.ContactInput>>();
		named.query("""
				select account_id, name, role, engagement, sentiment, last_contact_on from contact_v
				where account_id = any(:ids) order by account_id, created_at""", params,
				rs -> { contacts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new HealthInputs.ContactInput(rs.getString(2), ContactRole.valueOf(rs.getString(3)),
							com.onward.stakeholder.Engagement.valueOf(rs.getString(4)),
							com.onward.stakeholder.Sentiment.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class))); });
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
		Map<UUID, HealthInputs.Signals> signals = signals(params, today);
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
					missedCadences.getOrDefault(id, List.of()), support.getOrDefault(id, noTickets),
					signals.getOrDefault(id, HealthInputs.Signals.NONE).withGoLive(p == null || p.goLivePlanned() == null
							? null : java.time.temporal.ChronoUnit.DAYS.between(p.start(), p.goLivePlanned()))));
		}
		return inputs;
	}

	/**
	 * The signals of the red flags on results, complaints and feedback: measurement trends of the unmet
	 * quantitative criteria (success module's views), complaint tickets per window (support's view), open
	 * escalations (health's own table) and training feedback (training's view).
	 */
	private Map<UUID, HealthInputs.Signals> signals(MapSqlParameterSource params, LocalDate today) {
		FeedbackFlagProperties f = feedbackFlags;
		java.time.Instant end = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
		var p = new MapSqlParameterSource(params.getValues())
			.addValue("windowStart", today.minusDays(f.metricsWindowDays()))
			.addValue("end", Timestamp.from(end))
			.addValue("c0", Timestamp.from(end.minus(java.time.Duration.ofDays(f.complaintsWindowDays()))))
			.addValue("c1", Timestamp.from(end.minus(java.time.Duration.ofDays(2L * f.complaintsWindowDays()))))
			.addValue("categories", f.complaintCategories().toArray(String[]::new));
		record Results(List<HealthInputs.Trend> trends, int tracked, LocalDate lastMeasured) {
		}
		var results = new HashMap<UUID, Results>();
		named.query("""
				select a.account_id, c.kpi, c.baseline, c.target, w.n, w.first_value, w.first_on, w.last_value, w.last_on,
				  (select max(m.measured_on) from success_measurement_v m
				    where m.criterion_id = c.criterion_id and m.measured_on <= :today) as measured_on
				from account_v a
				join success_criterion_v c on c.project_id = a.current_project_id and c.kind = 'QUANTITATIVE'
				  and not (c.met_on is not null and c.met_on <= :today)
				  and not exists (select 1 from success_value_confirmation_v v
				                  where v.criterion_id = c.criterion_id and v.confirmed_on <= :today)
				left join lateral (select count(*) as n,
				    (array_agg(m.value order by m.measured_on, m.created_at))[1] as first_value, min(m.measured_on) as first_on,
				    (array_agg(m.value order by m.measured_on desc, m.created_at desc))[1] as last_value,
				    max(m.measured_on) as last_on
				  from success_measurement_v m
				  where m.criterion_id = c.criterion_id and m.measured_on > :windowStart and m.measured_on <= :today) w on true
				where a.account_id = any(:ids)
				order by a.account_id, c.kpi""", p, rs -> {
			UUID account = rs.getObject(1, UUID.class);
			Results r = results.computeIfAbsent(account, k -> new Results(new ArrayList<>(), 0, null));
			LocalDate measured = rs.getObject("measured_on", LocalDate.class);
			if (rs.getInt("n") > 0) {
				r.trends().add(new HealthInputs.Trend(rs.getString("kpi"), rs.getBigDecimal("baseline"),
						rs.getBigDecimal("target"), rs.getInt("n"), rs.getBigDecimal("first_value"),
						rs.getObject("first_on", LocalDate.class), rs.getBigDecimal("last_value"),
						rs.getObject("last_on", LocalDate.class)));
			}
			LocalDate last = r.lastMeasured() == null || (measured != null && measured.isAfter(r.lastMeasured()))
					? measured : r.lastMeasured();
			results.put(account, new Results(r.trends(), r.tracked() + 1, last));
		});
		var complaints = new HashMap<UUID, int[]>();
		named.query("""
				select account_id,
				  count(*) filter (where created_at >= :c0 and created_at < :end),
				  count(*) filter (where created_at >= :c1 and created_at < :c0)
				from support_ticket_v
				where account_id = any(:ids) and category = any(:categories) and created_at >= :c1 and created_at < :end
				group by account_id""", p, rs -> { complaints.put(rs.getObject(1, UUID.class),
						new int[] { rs.getInt(2), rs.getInt(3) }); });
		var escalations = new HashMap<UUID, List<HealthInputs.Escalation>>();
		named.query("""
				select account_id, raised_by, escalated_to, occurred_on from health_escalation
				where account_id = any(:ids) and resolved_on is null and occurred_on <= :today
				order by occurred_on, recorded_at""", p, rs -> {
			escalations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new HealthInputs.Escalation(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
		});
		var feedback = new HashMap<UUID, Object[]>();
		named.query("""
				select a.account_id, count(t.feedback), avg(t.feedback)::float8
				from account_v a
				join training_attendance_v t on t.project_id = a.current_project_id and t.session_done and t.feedback is not null
				where a.account_id = any(:ids) group by a.account_id""", p,
				rs -> { feedback.put(rs.getObject(1, UUID.class), new Object[] { rs.getInt(2), rs.getDouble(3) }); });
		var all = new HashSet<UUID>();
		all.addAll(results.keySet());
		all.addAll(complaints.keySet());
		all.addAll(escalations.keySet());
		all.addAll(feedback.keySet());
		var map = new HashMap<UUID, HealthInputs.Signals>();
		for (UUID id : all) {
			Results r = results.getOrDefault(id, new Results(List.of(), 0, null));
			int[] c = complaints.getOrDefault(id, new int[2]);
			Object[] fb = feedback.get(id);
			map.put(id, new HealthInputs.Signals(null, r.trends(), r.tracked(), r.lastMeasured(), c[0], c[1],
					escalations.getOrDefault(id, List.of()), fb == null ? 0 : (Integer) fb[0],
					fb == null ? null : (Double) fb[1]));
		}
		return map;
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
