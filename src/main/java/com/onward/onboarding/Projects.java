package com.onward.onboarding;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.ContractSigned;
import com.onward.identity.AuditLog;
import com.onward.playbook.ItemKind;
import com.onward.playbook.Playbook;
import com.onward.playbook.Playbooks;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Onboarding projects: creation from a playbook, loading, and every change to them. */
@Service
public class Projects {

	public record ProjectSummary(UUID id, UUID accountId, LocalizedText playbookName, ProjectStatus status,
			LocalDate startDate, LocalDate targetGraduationDate, LocalDate forecastGraduationDate, int progressPercent) {
	}

	private static final TypeReference<Map<Factor, Integer>> FACTOR_MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate named;
	private final Playbooks playbooks;
	private final com.onward.account.Accounts accounts;
	private final FactorEffects factorEffects;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	Projects(JdbcClient jdbc, NamedParameterJdbcTemplate named, Playbooks playbooks,
			com.onward.account.Accounts accounts, FactorEffects factorEffects,
			ApplicationEventPublisher events, AuditLog audit, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.named = named;
		this.playbooks = playbooks;
		this.accounts = accounts;
		this.factorEffects = factorEffects;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * ANL-1: the day the go-live milestone was done, and the first value date the analytics module
	 * publishes (the first success criterion met, or a person's override); days from signing.
	 */
	public record ValueDates(LocalDate goLiveDate, Integer timeToGoLiveDays, LocalDate firstValueDate,
			Integer timeToValueDays, boolean firstValueOverridden, String firstValueNote) {
	}

	public ValueDates valueDates(Project p) {
		LocalDate goLive = p.goLiveItem().filter(i -> i.status() == ItemStatus.DONE).map(PlanItem::completedOn).orElse(null);
		Integer goLiveDays = goLive == null ? null : (int) java.time.temporal.ChronoUnit.DAYS.between(p.startDate(), goLive);
		return jdbc.sql("""
				select first_value_date, ttv_days, overridden, override_note from analytics_first_value_v
				where project_id = :p""")
			.param("p", p.id())
			.query((rs, n) -> new ValueDates(goLive, goLiveDays, rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					rs.getBoolean(3), rs.getString(4)))
			.optional().orElse(new ValueDates(goLive, goLiveDays, null, null, false, null));
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

	/** PLAN-3: the project for a signed contract, from the segment's current playbook version. */
	@Transactional
	public Project createFor(ContractSigned signed) {
		Playbook playbook = playbooks.forSegment(signed.segment());
		LocalDate start = signed.signedAt().atZone(clock.getZone()).toLocalDate();
		Project project = Project.plan(signed.projectId(), signed.accountId(), signed.contractId(), playbook, start,
				factorEffects.percentages(signed.factors()), clock.instant());
		insert(project);
		accounts.linkProject(project.accountId(), project.id());
		audit.record("project.created", "project", project.id(), playbook.family() + " v" + playbook.version());
		events.publishEvent(created(project, signed.segment()));
		return project;
	}

	private ProjectCreated created(Project p, Segment segment) {
		return new ProjectCreated(p.id(), p.accountId(), segment, p.startDate(), p.targetGraduationDate(),
				p.phases().stream()
					.map(ph -> new ProjectCreated.PhaseRoles(ph.key(), ph.position(), ph.name(), p.ownerRoles(ph)))
					.toList());
	}

	public Project get(UUID id) {
		return load(id, false).orElseThrow(() -> new NotFoundException("Project", id));
	}

	public Optional<Project> find(UUID id) {
		return load(id, false);
	}

	public List<ProjectSummary> forAccount(UUID accountId) {
		return jdbc.sql("""
				select id, account_id, playbook_name, status, start_date, target_graduation_date,
				  forecast_graduation_date, progress_percent
				from project where account_id = :a order by created_at desc""")
			.param("a", accountId)
			.query((rs, n) -> new ProjectSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					json.readValue(rs.getString(3), LocalizedText.class), ProjectStatus.valueOf(rs.getString(4)),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
					rs.getInt(8)))
			.list();
	}

	@Transactional
	public Project updateItem(UUID projectId, UUID itemId, ItemUpdate update) {
		Project project = lock(projectId);
		PlanItem item = project.item(itemId);
		List<String> changes = new ArrayList<>();
		if (update.dueDate() != null && !update.dueDate().equals(item.due)) {
			changes.add("due " + item.due + " → " + update.dueDate());
			project.moveDue(itemId, update.dueDate());
		}
		if (update.status() != null && update.status() != item.status) {
			changes.add("status " + item.status + " → " + update.status());
			project.changeStatus(itemId, update.status(), today());
		}
		if (update.assignee() != null) {
			project.assign(itemId, update.assignee());
			changes.add("assignee " + update.assignee());
		}
		if (update.notes() != null) {
			project.note(itemId, update.notes());
			changes.add("notes");
		}
		boolean planChanged = update.dueDate() != null || update.status() != null;
		save(project);
		audit.record("project.item-updated", "project", projectId, item.key + ": " + String.join(", ", changes));
		if (planChanged && !changes.isEmpty()) events.publishEvent(new PlanItemsChanged(projectId, project.accountId()));
		return project;
	}

	/**
	 * A person's (or an automation rule's) status change, along {@link ProjectStatus#next()}: holding,
	 * cancelling and reopening need a CS manager or admin and a reason; COMPLETED is refused (422),
	 * projects complete through graduation. Audited with the reason; {@link ProjectClosed} when it closes.
	 */
	@Transactional
	public Project changeStatus(UUID projectId, ProjectStatus status, String reason) {
		Project project = lock(projectId);
		ProjectStatus from = project.status();
		String why = checkedReason(from, status, reason);
		project.moveTo(status);
		return stored(project, from, why);
	}

	/** Starts a project that has not started (NOT_STARTED → IN_PROGRESS), e.g. after its kickoff. */
	@Transactional
	public Project start(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::start);
	}

	/** Puts a project on hold: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project hold(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.ON_HOLD, reason, Project::hold);
	}

	/** Resumes a project on hold. */
	@Transactional
	public Project resume(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::resume);
	}

	/** Cancels a project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project cancel(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.CANCELLED, reason, Project::cancel);
	}

	/** Reopens a cancelled project: a CS manager's or admin's decision, with a reason. */
	@Transactional
	public Project reopen(UUID projectId, String reason) {
		return transition(projectId, ProjectStatus.IN_PROGRESS, reason, Project::reopen);
	}

	private Project transition(UUID projectId, ProjectStatus to, String reason, java.util.function.Consumer<Project> move) {
		Project project = lock(projectId);
		ProjectStatus from = project.status();
		move.accept(project); // refuses a move off the lifecycle (422) before anything else is asked
		String why = checkedReason(from, to, reason);
		return stored(project, from, why);
	}

	/** Holding, cancelling and reopening need a manager and a reason (only for a move the lifecycle allows). */
	private static String checkedReason(ProjectStatus from, ProjectStatus to, String reason) {
		String why = com.onward.shared.Texts.blankToNull(reason);
		if (from.needsManager(to) && to != from && from.canTransitionTo(to)) {
			if (!actingAsManager()) {
				throw new org.springframework.security.access.AccessDeniedException(
						"only a CS manager or admin may put on hold, cancel or reopen a project");
			}
			if (why == null) {
				throw com.onward.shared.InvalidInputException.of("reason", "say why the project is "
						+ (to == ProjectStatus.ON_HOLD ? "put on hold" : to == ProjectStatus.CANCELLED ? "cancelled" : "reopened"));
			}
		}
		if (why != null && why.length() > 1000) throw com.onward.shared.InvalidInputException.of("reason", "size must be between 0 and 1000");
		return why;
	}

	/** Graduation's completion of a project (the only way to COMPLETED). */
	@Transactional
	public Project complete(UUID projectId) {
		Project project = lock(projectId);
		ProjectStatus from = project.status();
		project.complete();
		return stored(project, from, "graduated");
	}

	private Project stored(Project project, ProjectStatus from, String reason) {
		ProjectStatus status = project.status();
		save(project);
		jdbc.sql("update project set completed_at = :at where id = :id")
			.param("at", status == ProjectStatus.COMPLETED ? Timestamp.from(clock.instant()) : null)
			.param("id", project.id()).update();
		audit.record("project.status", "project", project.id(), from + " → " + status + (reason == null ? "" : ": " + reason));
		// Once per closing: a closed project only reopens (to IN_PROGRESS) before it can close again.
		if (from.active() && !status.active()) events.publishEvent(new ProjectClosed(project.id(), status));
		return project;
	}

	/** A signed-in manager or admin, or the system itself (automation rules a manager configured). */
	private static boolean actingAsManager() {
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return true;
		return auth.getAuthorities().stream().map(a -> a.getAuthority())
			.anyMatch(a -> a.equals("ROLE_ADMIN") || a.equals("ROLE_CS_MANAGER"));
	}

	/** The effect a scope change would have, computed on a copy: nothing is stored. */
	public ScopeChange.Impact previewScope(UUID projectId, ScopeChangeRequest request) {
		return impact(get(projectId), request);
	}

	private ScopeChange.Impact impact(Project project, ScopeChangeRequest request) {
		Project after = project.copy();
		after.addScopeItem(request, today());
		LocalDate before = project.goLiveItem().map(PlanItem::end).orElse(null);
		LocalDate afterGoLive = after.goLiveItem().map(PlanItem::end).orElse(null);
		return new ScopeChange.Impact(before, afterGoLive, before == null ? null : project.weekOf(before),
				afterGoLive == null ? null : after.weekOf(afterGoLive), project.forecastGraduationDate(),
				after.forecastGraduationDate());
	}

	/** Records a proposed scope change with its impact; nothing changes in the plan yet. */
	@Transactional
	public ScopeChange proposeScope(UUID projectId, ScopeChangeRequest request) {
		Project project = lock(projectId);
		ScopeChange.Impact impact = impact(project, request);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into scope_change (id, project_id, name, scope_tag, phase_id, duration_days, owner_role, depends_on,
				  go_live_before, go_live_after, graduation_before, graduation_after, status, requested_by, requested_at, reason)
				values (:id, :p, :name, :tag, :phase, :duration, :role, :deps::uuid[], :glb, :gla, :gb, :ga, 'PROPOSED',
				  :by, :at, :reason)""")
			.param("id", id).param("p", projectId).param("name", request.name().strip())
			.param("tag", request.scopeTag().name()).param("phase", request.phaseId())
			.param("duration", request.durationDays()).param("role", request.ownerRole().name())
			.param("deps", uuidArray(request.dependsOnOrEmpty()))
			.param("glb", impact.goLiveBefore()).param("gla", impact.goLiveAfter())
			.param("gb", impact.graduationBefore()).param("ga", impact.graduationAfter())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant()))
			.param("reason", request.reason())
			.update();
		audit.record("scope.proposed", "project", projectId, request.scopeTag() + " " + request.name());
		return scopeChange(projectId, id);
	}

	/** Accepts (adds the item, re-measuring the impact against today's plan) or rejects a proposal. */
	@Transactional
	public ScopeChange decideScope(UUID projectId, UUID changeId, boolean accept) {
		Project project = lock(projectId);
		ScopeChange change = scopeChange(projectId, changeId);
		if (!"PROPOSED".equals(change.status())) {
			throw new com.onward.shared.BusinessRuleException("status", "this scope change was already " + change.status().toLowerCase());
		}
		var row = jdbc.sql("select phase_id, owner_role, depends_on from scope_change where id = :id").param("id", changeId)
			.query((rs, n) -> new ScopeChangeRequest(change.name(), change.scopeTag(), rs.getObject(1, UUID.class),
					change.durationDays(), OwnerRole.valueOf(rs.getString(2)), uuids(rs.getArray(3)), change.reason()))
			.single();
		UUID itemId = null;
		if (accept) {
			ScopeChange.Impact impact = impact(project, row);
			itemId = project.addScopeItem(row, today()).id();
			save(project);
			jdbc.sql("""
					update scope_change set go_live_before = :glb, go_live_after = :gla, graduation_before = :gb,
					  graduation_after = :ga where id = :id""")
				.param("glb", impact.goLiveBefore()).param("gla", impact.goLiveAfter())
				.param("gb", impact.graduationBefore()).param("ga", impact.graduationAfter()).param("id", changeId)
				.update();
		}
		jdbc.sql("""
				update scope_change set status = :s, item_id = :item, decided_by = :by, decided_at = :at where id = :id""")
			.param("s", accept ? "ACCEPTED" : "REJECTED").param("item", itemId).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).param("id", changeId).update();
		audit.record(accept ? "scope.accepted" : "scope.rejected", "project", projectId, change.name());
		return scopeChange(projectId, changeId);
	}

	/**
	 * Records work already done before Onward tracked it: every open item due on or before
	 * {@code cutoff} is marked done on its due date (used when loading history and demo data).
	 */
	@Transactional
	public Project completeThrough(UUID projectId, LocalDate cutoff) {
		Project project = lock(projectId);
		project.items().stream().filter(i -> !i.status().closed() && !i.due().isAfter(cutoff))
			.sorted(java.util.Comparator.comparing(PlanItem::due))
			.forEach(i -> project.completeOn(i.id(), project.item(i.id()).due()));
		save(project);
		return project;
	}

	public List<ScopeChange> scopeHistory(UUID projectId) {
		return jdbc.sql("select * from scope_change where project_id = :p order by requested_at desc")
			.param("p", projectId).query(Projects::mapScope).list();
	}

	private ScopeChange scopeChange(UUID projectId, UUID id) {
		return jdbc.sql("select * from scope_change where project_id = :p and id = :id").param("p", projectId)
			.param("id", id).query(Projects::mapScope).optional()
			.orElseThrow(() -> new NotFoundException("Scope change", id));
	}

	private static ScopeChange mapScope(ResultSet rs, int n) throws SQLException {
		return new ScopeChange(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getString("name"), ScopeTag.valueOf(rs.getString("scope_tag")), rs.getInt("duration_days"),
				new ScopeChange.Impact(rs.getObject("go_live_before", LocalDate.class),
						rs.getObject("go_live_after", LocalDate.class), null, null,
						rs.getObject("graduation_before", LocalDate.class), rs.getObject("graduation_after", LocalDate.class)),
				rs.getString("status"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
				rs.getString("decided_by"),
				rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
				rs.getString("reason"));
	}

	// ---- persistence ---------------------------------------------------------------------

	private Project lock(UUID id) {
		return load(id, true).orElseThrow(() -> new NotFoundException("Project", id));
	}

	/** The project row; phases and items are read after it (not inside its row mapper). */
	private record Header(UUID accountId, UUID contractId, UUID playbookId, LocalizedText playbookName,
			ProjectStatus status, LocalDate start, LocalDate target, LocalDate forecast, int progress,
			Map<Factor, Integer> factors, java.time.Instant createdAt) {
	}

	private Optional<Project> load(UUID id, boolean forUpdate) {
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

	private void insert(Project p) {
		jdbc.sql("""
				insert into project (id, account_id, contract_id, playbook_id, playbook_name, status, start_date,
				  target_graduation_date, forecast_graduation_date, progress_percent, factors, created_at)
				values (:id, :account, :contract, :playbook, :name::jsonb, :status, :start, :target, :forecast, :progress,
				  :factors::jsonb, :at)""")
			.param("id", p.id()).param("account", p.accountId()).param("contract", p.contractId())
			.param("playbook", p.playbookId()).param("name", json.writeValueAsString(p.playbookName()))
			.param("status", p.status().name()).param("start", p.startDate()).param("target", p.targetGraduationDate())
			.param("forecast", p.forecastGraduationDate()).param("progress", p.progressPercent())
			.param("factors", json.writeValueAsString(p.factorPercent())).param("at", Timestamp.from(p.createdAt()))
			.update();
		named.batchUpdate("insert into project_phase (id, project_id, position, key, name) values (:id, :p, :pos, :key, :name::jsonb)",
				p.phases().stream().map(ph -> new MapSqlParameterSource().addValue("id", ph.id()).addValue("p", p.id())
					.addValue("pos", ph.position()).addValue("key", ph.key())
					.addValue("name", json.writeValueAsString(ph.name()))).toArray(MapSqlParameterSource[]::new));
		save(p); // writes the items and the derived columns
	}

	private void save(Project p) {
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
		named.batchUpdate("""
				insert into project_item (id, project_id, phase_id, position, key, kind, name, owner_role, customer_homework,
				  go_live, scope_tag, planned_start, planned_due, start_date, due_date, duration_days, lag_days, depends_on,
				  extra_depends_on, factor_shift, status, assignee, completed_on, notes)
				values (:id, :project, :phase, :position, :key, :kind, :name::jsonb, :role, :homework, :goLive, :tag,
				  :plannedStart, :plannedDue, :start, :due, :duration, :lag, :deps::uuid[], :extra::uuid[], :shift::jsonb,
				  :status, :assignee, :completedOn, :notes)
				on conflict (id) do update set position = excluded.position, start_date = excluded.start_date,
				  due_date = excluded.due_date, duration_days = excluded.duration_days,
				  extra_depends_on = excluded.extra_depends_on, status = excluded.status, assignee = excluded.assignee,
				  completed_on = excluded.completed_on, notes = excluded.notes""",
				p.items.stream().map(i -> new MapSqlParameterSource().addValue("id", i.id).addValue("project", p.id())
					.addValue("phase", i.phaseId).addValue("position", i.position).addValue("key", i.key)
					.addValue("kind", i.kind.name()).addValue("name", json.writeValueAsString(i.name))
					.addValue("role", i.ownerRole.name()).addValue("homework", i.customerHomework)
					.addValue("goLive", i.goLive).addValue("tag", i.scopeTag == null ? null : i.scopeTag.name())
					.addValue("plannedStart", i.plannedStart).addValue("plannedDue", i.plannedDue)
					.addValue("start", i.start).addValue("due", i.due).addValue("duration", i.durationDays)
					.addValue("lag", i.lagDays).addValue("deps", uuidArray(i.dependsOn))
					.addValue("extra", uuidArray(i.extraDependsOn))
					.addValue("shift", json.writeValueAsString(i.factorShift)).addValue("status", i.status.name())
					.addValue("assignee", i.assignee).addValue("completedOn", i.completedOn).addValue("notes", i.notes))
					.toArray(MapSqlParameterSource[]::new));
	}

	private static String uuidArray(List<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		if (array == null) return List.of();
		return Arrays.stream((Object[]) array.getArray()).map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()))
			.toList();
	}
}
