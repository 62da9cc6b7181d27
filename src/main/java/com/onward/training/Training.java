package com.onward.training;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Training plans, sessions and attendance; the rates TRN-2 asks for. */
@Service
public class Training {

	public record SessionUpdate(LocalDate plannedOn, @NotNull Session.Status status) {
	}

	/** One attendee of a session; {@code feedback}: their 1–5 rating of the session, when asked (HLT-2). */
	public record AttendanceRecord(@NotBlank @Size(max = 200) String attendee, boolean attended, boolean completed,
			@Min(0) @Max(100) Integer assessmentScore, @Min(1) @Max(5) Integer feedback) {

		public AttendanceRecord(String attendee, boolean attended, boolean completed, Integer assessmentScore) {
			this(attendee, attended, completed, assessmentScore, null);
		}
	}

	/** TRN-2 for a project: rates over attendance records of sessions held (null without any). */
	public record Stats(int sessions, int held, int invited, int attended, int completed, int assessed, int passed,
			Double attendanceRate, Double completionRate, Double passRate, double completionTarget) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final TrainingProperties props;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final Clock clock;

	Training(JdbcClient jdbc, Projects projects, TrainingProperties props, ApplicationEventPublisher events,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.props = props;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The sample schedule on the seeds' days (weeks 6–9 of the standard plan, before its day-60
	 * go-live), scaled only for a plan whose go-live is elsewhere, never on or after the go-live.
	 * Tech-touch segments get the same content as on-demand academy items (recorded), without the
	 * live office hours.
	 */
	@Transactional
	void planFor(UUID projectId, LocalDate start, LocalDate targetGraduation, com.onward.shared.Segment segment,
			LocalDate goLiveDue) {
		Long goLiveDay = goLiveDue == null ? null : ChronoUnit.DAYS.between(start, goLiveDue);
		double scale = scale(goLiveDay, Math.max(1, ChronoUnit.DAYS.between(start, targetGraduation)));
		boolean techTouch = segment != null && props.techTouchSegments().contains(segment);
		record Row(String code, String audience, String format, int minutes, String plannedOn, boolean optional) {
		}
		List<Row> rows = new ArrayList<>();
		for (TrainingProperties.Planned p : props.schedule()) {
			if (techTouch && p.format() == Session.Format.OFFICE_HOURS) {
				continue;
			}
			long day = Math.round((p.week() - 1) * 7.0 * scale);
			if (goLiveDay != null && goLiveDay > 0 && day >= goLiveDay) {
				day = goLiveDay - 1;
			}
			Session.Format format = techTouch ? Session.Format.RECORDED_VIDEO : p.format();
			rows.add(new Row(p.code(), p.audience().name(), format.name(), p.minutes(), start.plusDays(day).toString(),
					p.optional()));
		}
		// One statement for the whole plan (a driver-rewritten batch is split into several).
		jdbc.sql("""
				insert into training_session (id, project_id, position, code, audience, format, duration_minutes,
				  planned_on, optional, status, created_at)
				select gen_random_uuid(), :p, s.n - 1, s.code, s.audience, s.format, s.minutes, s.planned_on, s.optional, 'PLANNED', :at
				from unnest(cast(:code as text[]), cast(:audience as text[]), cast(:format as text[]), cast(:minutes as int[]),
				  cast(:plannedOn as date[]), cast(:optional as boolean[]))
				  with ordinality as s(code, audience, format, minutes, planned_on, optional, n)""")
			.param("p", projectId).param("at", Timestamp.from(clock.instant()))
			.param("code", rows.stream().map(Row::code).toArray(String[]::new))
			.param("audience", rows.stream().map(Row::audience).toArray(String[]::new))
			.param("format", rows.stream().map(Row::format).toArray(String[]::new))
			.param("minutes", rows.stream().map(Row::minutes).toArray(Integer[]::new))
			.param("plannedOn", rows.stream().map(Row::plannedOn).toArray(String[]::new))
			.param("optional", rows.stream().map(Row::optional).toArray(Boolean[]::new))
			.update();
	}

	/** 1 for the seeds' own plan (go-live within the tolerance of day 60), else go-live ÷ 60, or plan ÷ 90 without a go-live. */
	double scale(Long goLiveDay, long planDays) {
		if (goLiveDay == null || goLiveDay <= 0) {
			return (double) planDays / props.standardPlanDays();
		}
		if (Math.abs(goLiveDay - props.standardGoLiveDay()) <= props.goLiveToleranceDays()) {
			return 1.0;
		}
		return (double) goLiveDay / props.standardGoLiveDay();
	}

	public List<Session> sessions(UUID projectId) {
		projects.get(projectId);
		var attendance = new HashMap<UUID, List<Session.Attendance>>();
		jdbc.sql("""
				select a.session_id, a.attendee, a.attended, a.completed, a.assessment_score, a.feedback from training_attendance a
				join training_session s on s.id = a.session_id where s.project_id = :p order by a.attendee""")
			.param("p", projectId)
			.query(rs -> { attendance.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new Session.Attendance(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
						(Integer) rs.getObject(5), (Integer) rs.getObject(6))); });
		return jdbc.sql("""
				select id, project_id, position, code, title, audience, format, duration_minutes, planned_on, optional, status
				from training_session where project_id = :p order by planned_on, position""")
			.param("p", projectId)
			.query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getString(4), rs.getString(5), Session.Audience.valueOf(rs.getString(6)),
					Session.Format.valueOf(rs.getString(7)), rs.getInt(8), rs.getObject(9, LocalDate.class),
					rs.getBoolean(10), Session.Status.valueOf(rs.getString(11)),
					attendance.getOrDefault(rs.getObject(1, UUID.class), List.of())))
			.list();
	}

	public Stats stats(UUID projectId) {
		return stats(sessions(projectId));
	}

	/** The rates of a plan already loaded (pages show both, and need not load it twice). */
	public Stats stats(List<Session> sessions) {
		var held = sessions.stream().filter(s -> s.status() == Session.Status.DONE).toList();
		var records = held.stream().flatMap(s -> s.attendance().stream()).toList();
		int attended = (int) records.stream().filter(Session.Attendance::attended).count();
		int completed = (int) records.stream().filter(Session.Attendance::completed).count();
		var assessed = records.stream().filter(a -> a.assessmentScore() != null).toList();
		int passed = (int) assessed.stream().filter(a -> a.assessmentScore() >= props.passScore()).count();
		return new Stats(sessions.size(), held.size(), records.size(), attended, completed, assessed.size(), passed,
				rate(attended, records.size()), rate(completed, records.size()), rate(passed, assessed.size()),
				props.completionTarget());
	}

	@Transactional
	public Session updateSession(UUID sessionId, SessionUpdate u) {
		UUID projectId = projectOf(sessionId);
		jdbc.sql("update training_session set planned_on = coalesce(:on, planned_on), status = :status where id = :id")
			.param("on", u.plannedOn()).param("status", u.status().name()).param("id", sessionId).update();
		audit.record("training.session", "project", projectId, u.status().name());
		return sessions(projectId).stream().filter(s -> s.id().equals(sessionId)).findFirst().orElseThrow();
	}

	/** Records attendance (upsert per attendee); a first completion publishes {@link TrainingModuleCompleted}. */
	@Transactional
	public Session recordAttendance(UUID sessionId, List<AttendanceRecord> records) {
		UUID projectId = projectOf(sessionId);
		Project project = projects.get(projectId);
		for (AttendanceRecord r : records) {
			if (r.completed() && !r.attended()) {
				throw BusinessRuleException.of("completed", "error.training.completedWithoutAttending", r.attendee());
			}
		}
		for (AttendanceRecord r : records) {
			Boolean wasCompleted = jdbc.sql("select completed from training_attendance where session_id = :s and attendee = :a")
				.param("s", sessionId).param("a", r.attendee().strip()).query(Boolean.class).optional().orElse(false);
			jdbc.sql("""
					insert into training_attendance (session_id, attendee, attended, completed, assessment_score, feedback, recorded_at)
					values (:s, :a, :attended, :completed, :score, :feedback, :at)
					on conflict (session_id, attendee) do update set attended = excluded.attended,
					  completed = excluded.completed, assessment_score = excluded.assessment_score,
					  feedback = coalesce(excluded.feedback, training_attendance.feedback),
					  recorded_at = excluded.recorded_at""")
				.param("s", sessionId).param("a", r.attendee().strip()).param("attended", r.attended())
				.param("completed", r.completed()).param("score", r.assessmentScore()).param("feedback", r.feedback())
				.param("at", Timestamp.from(clock.instant())).update();
			if (r.completed() && !wasCompleted) {
				events.publishEvent(new TrainingModuleCompleted(sessionId, projectId, project.accountId(), r.attendee().strip(),
						r.assessmentScore()));
			}
		}
		// Recording attendance means the session took place.
		jdbc.sql("update training_session set status = 'DONE' where id = :id and status <> 'CANCELLED'").param("id", sessionId)
			.update();
		audit.record("training.attendance", "project", projectId, records.size() + " attendees");
		return sessions(projectId).stream().filter(s -> s.id().equals(sessionId)).findFirst().orElseThrow();
	}

	private UUID projectOf(UUID sessionId) {
		return jdbc.sql("select project_id from training_session where id = :id").param("id", sessionId)
			.query(UUID.class).optional().orElseThrow(() -> new NotFoundException("Training session", sessionId));
	}

	private static Double rate(int part, int whole) {
		return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
	}
}
