package com.onward.onboarding;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.onward.playbook.ItemKind;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Persistence of projects: the project row with its derived read columns, its phases and plan items. Saving a
 * project also publishes the events it buffered. Only this module's services use it; other modules go through
 * {@link Projects}.
 */
@Repository
class ProjectRepository {

	private static final TypeReference<Map<Factor, Integer>> FACTOR_MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final ObjectMapper json;

	ProjectRepository(JdbcClient jdbc, ApplicationEventPublisher events, ObjectMapper json) {
		this.jdbc = jdbc;
		this.events = events;
		this.json = json;
	}

	Project get(UUID id) {
		return load(id, false).orElseThrow(() -> new NotFoundException("Project", id));
	}

	List<Projects.ProjectSummary> forAccount(UUID accountId) {
		return jdbc.sql("""
				select id, account_id, playbook_name, status, start_date, target_graduation_date,
				  forecast_graduation_date, progress_percent
				from project where account_id = :a order by created_at desc""")
			.param("a", accountId)
			.query((rs, n) -> new Projects.ProjectSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					json.readValue(rs.getString(3), LocalizedText.class), ProjectStatus.valueOf(rs.getString(4)),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
					rs.getInt(8)))
			.list();
	}

	/** When the project completed (null when it is not completed). */
	void completedAt(UUID projectId, Instant at) {
		jdbc.sql("update project set completed_at = :at where id = :id")
			.param("at", at == null ? null : Timestamp.from(at)).param("id", projectId).update();
	}

	Project lock(UUID id) {
		return load(id, true).orElseThrow(() -> new NotFoundException("Project", id));
	}

	/** The project row; phases and items are read after it (not inside its row mapper). */
	private record Header(UUID accountId, UUID contractId, UUID playbookId, LocalizedText playbookName,
			ProjectStatus status, LocalDate start, LocalDate target, LocalDate forecast, int progress,
			Map<Factor, Integer> factors, java.time.Instant createdAt) {
	}

	Optional<Project> load(UUID id, boolean forUpdate) {
		return jdbc.sql("select * from project where id = :id" + (forUpdate ? " for update" : "")).param("id", id)
			.query((rs, n) -> {
				Map<Factor, Integer> factors = new EnumMap<>(Factor.class);
				factors.putAll(json.readValue(rs.getString("factors"), FACTOR_MAP));
				return new Header(rs.getObject("account_id", UUID.class), rs.getObject("contract_id", UUID.class),
						rs.getObject("playbook_id", UUID.class), json.readValue(rs.getString("playbook_name"), LocalizedText.class),
						ProjectStatus.valueOf(rs.getString("status")), rs.getObject("start_date", LocalDate.class),
						rs.getObject("target_graduation_date", LocalDate.class),
						rs.getObject("forecast_graduation_date", LocalDate.class), rs.getInt("progress_percent"), factors,
						rs.getTimestamp("created_at").toInstant());
			})
			.optional()
			.map(h -> new Project(id, h.accountId(), h.contractId(), h.playbookId(), h.playbookName(), h.status(), h.start(),
					h.target(), h.forecast(), h.progress(), h.factors(), h.createdAt(), phases(id), items(id)));
	}

	private List<Project.Phase> phases(UUID projectId) {
		return jdbc.sql("select id, position, key, name from project_phase where project_id = :id order by position")
			.param("id", projectId)
			.query((rs, n) -> new Project.Phase(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
					json.readValue(rs.getString(4), LocalizedText.class)))
			.list();
	}

	private List<PlanItem> items(UUID projectId) {
		return jdbc.sql("select * from project_item where project_id = :id order by position").param("id", projectId)
			.query(this::mapItem).list();
	}

	private PlanItem mapItem(ResultSet rs, int n) throws SQLException {
		String tag = rs.getString("scope_tag");
		return new PlanItem(rs.getObject("id", UUID.class), rs.getObject("phase_id", UUID.class), rs.getInt("position"),
				rs.getString("key"), ItemKind.valueOf(rs.getString("kind")),
				json.readValue(rs.getString("name"), LocalizedText.class), OwnerRole.valueOf(rs.getString("owner_role")),
				rs.getBoolean("customer_homework"), rs.getBoolean("go_live"), tag == null ? null : ScopeTag.valueOf(tag),
				rs.getObject("planned_start", LocalDate.class), rs.getObject("planned_due", LocalDate.class),
				rs.getObject("start_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
				rs.getInt("duration_days"), rs.getInt("lag_days"), uuids(rs.getArray("depends_on")),
				uuids(rs.getArray("extra_depends_on")), json.readValue(rs.getString("factor_shift"), FACTOR_MAP),
				ItemStatus.valueOf(rs.getString("status")), rs.getString("assignee"),
				rs.getObject("completed_on", LocalDate.class), rs.getString("notes"));
	}

	void insert(Project p) {
		jdbc.sql("""
				insert into project (id, account_id, contract_id, playbook_id, playbook_name, status, start_date,
				  target_graduation_date, forecast_graduation_date, progress_percent, factors, created_at,
				  current_phase_pos, current_phase_name, min_open_due)
				values (:id, :account, :contract, :playbook, :name::jsonb, :status, :start, :target, :forecast, :progress,
				  :factors::jsonb, :at, :phasePos, :phaseName::jsonb, :minDue)""")
			.param("id", p.id()).param("account", p.accountId()).param("contract", p.contractId())
			.param("playbook", p.playbookId()).param("name", json.writeValueAsString(p.playbookName()))
			.param("status", p.status().name()).param("start", p.startDate()).param("target", p.targetGraduationDate())
			.param("forecast", p.forecastGraduationDate()).param("progress", p.progressPercent())
			.param("factors", json.writeValueAsString(p.factorPercent())).param("at", Timestamp.from(p.createdAt()))
			.param("phasePos", p.currentPhase().map(Project.Phase::position).orElse(null))
			.param("phaseName", p.currentPhase().map(ph -> json.writeValueAsString(ph.name())).orElse(null))
			.param("minDue", p.earliestOpenDue().orElse(null))
			.update();
		// One statement for the phases (a driver-rewritten batch is split into several).
		jdbc.sql("""
				insert into project_phase (id, project_id, position, key, name)
				select ph.id, :p, ph.pos, ph.key, cast(ph.name as jsonb)
				from unnest(cast(:ids as uuid[]), cast(:pos as int[]), cast(:keys as text[]), cast(:names as text[]))
				  as ph(id, pos, key, name)""")
			.param("p", p.id())
			.param("ids", p.phases().stream().map(Project.Phase::id).toArray(UUID[]::new))
			.param("pos", p.phases().stream().map(Project.Phase::position).toArray(Integer[]::new))
			.param("keys", p.phases().stream().map(Project.Phase::key).toArray(String[]::new))
			.param("names", p.phases().stream().map(ph -> json.writeValueAsString(ph.name())).toArray(String[]::new))
			.update();
		// The derived columns went into the row above; what save() does besides.
		upsertItems(p);
		p.events.forEach(events::publishEvent);
		p.events.clear();
	}

	void save(Project p) {
		jdbc.sql("""
				update project set status = :status, forecast_graduation_date = :forecast, progress_percent = :progress,
				  current_phase_pos = :phasePos, current_phase_name = :phaseName::jsonb, min_open_due = :minDue
				where id = :id""")
			.param("status", p.status().name()).param("forecast", p.forecastGraduationDate())
			.param("progress", p.progressPercent())
			.param("phasePos", p.currentPhase().map(Project.Phase::position).orElse(null))
			.param("phaseName", p.currentPhase().map(ph -> json.writeValueAsString(ph.name())).orElse(null))
			.param("minDue", p.earliestOpenDue().orElse(null))
			.param("id", p.id()).update();
		upsertItems(p);
		p.events.forEach(events::publishEvent);
		p.events.clear();
	}

	private void upsertItems(Project p) {
		// The items travel as one JSON array read by one statement: a driver-rewritten batch of 24 columns is split
		// into several statements (power-of-two row counts) of hundreds of parameters each.
		var rows = new java.util.ArrayList<Map<String, Object>>(p.items.size());
		for (PlanItem i : p.items) {
			var row = new java.util.HashMap<String, Object>();
			row.put("id", i.id.toString());
			row.put("phase_id", i.phaseId.toString());
			row.put("position", i.position);
			row.put("key", i.key);
			row.put("kind", i.kind.name());
			row.put("name", i.name);
			row.put("owner_role", i.ownerRole.name());
			row.put("customer_homework", i.customerHomework);
			row.put("go_live", i.goLive);
			row.put("scope_tag", i.scopeTag == null ? null : i.scopeTag.name());
			row.put("planned_start", i.plannedStart.toString());
			row.put("planned_due", i.plannedDue.toString());
			row.put("start_date", i.start.toString());
			row.put("due_date", i.due.toString());
			row.put("duration_days", i.durationDays);
			row.put("lag_days", i.lagDays);
			row.put("depends_on", i.dependsOn.stream().map(UUID::toString).toList());
			row.put("extra_depends_on", i.extraDependsOn.stream().map(UUID::toString).toList());
			row.put("factor_shift", i.factorShift);
			row.put("status", i.status.name());
			row.put("assignee", i.assignee);
			row.put("completed_on", i.completedOn == null ? null : i.completedOn.toString());
			row.put("notes", i.notes);
			rows.add(row);
		}
		jdbc.sql("""
				insert into project_item (id, project_id, phase_id, position, key, kind, name, owner_role, customer_homework,
				  go_live, scope_tag, planned_start, planned_due, start_date, due_date, duration_days, lag_days, depends_on,
				  extra_depends_on, factor_shift, status, assignee, completed_on, notes)
				select i.id, :project, i.phase_id, i.position, i.key, i.kind, i.name, i.owner_role, i.customer_homework,
				  i.go_live, i.scope_tag, i.planned_start, i.planned_due, i.start_date, i.due_date, i.duration_days, i.lag_days,
				  i.depends_on, i.extra_depends_on, i.factor_shift, i.status, i.assignee, i.completed_on, i.notes
				from jsonb_to_recordset(cast(:items as jsonb)) as i(id uuid, phase_id uuid, position int, key text, kind text,
				  name jsonb, owner_role text, customer_homework boolean, go_live boolean, scope_tag text, planned_start date,
				  planned_due date, start_date date, due_date date, duration_days int, lag_days int, depends_on uuid[],
				  extra_depends_on uuid[], factor_shift jsonb, status text, assignee text, completed_on date, notes text)
				on conflict (id) do update set position = excluded.position, start_date = excluded.start_date,
				  due_date = excluded.due_date, duration_days = excluded.duration_days,
				  extra_depends_on = excluded.extra_depends_on, status = excluded.status, assignee = excluded.assignee,
				  completed_on = excluded.completed_on, notes = excluded.notes""")
			.param("project", p.id()).param("items", json.writeValueAsString(rows)).update();
	}

	static String uuidArray(List<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
	}

	static List<UUID> uuids(Array array) throws SQLException {
		if (array == null) return List.of();
		return Arrays.stream((Object[]) array.getArray()).map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()))
			.toList();
	}
}
