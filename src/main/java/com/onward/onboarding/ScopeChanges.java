package com.onward.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;

/**
 * Scope changes of a project: the impact of a proposed item on go-live and graduation (computed on a copy),
 * proposals, decisions and their history. Reached through {@link Projects}.
 */
@Service
class ScopeChanges {

	private final JdbcClient jdbc;
	private final ProjectRepository projects;
	private final AuditLog audit;
	private final Clock clock;

	ScopeChanges(JdbcClient jdbc, ProjectRepository projects, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.audit = audit;
		this.clock = clock;
	}

	/** The effect a scope change would have, computed on a copy: nothing is stored. */
	ScopeChange.Impact previewScope(UUID projectId, ScopeChangeRequest request) {
		return impact(projects.get(projectId), request);
	}

	private ScopeChange.Impact impact(Project project, ScopeChangeRequest request) {
		Project after = project.copy();
		after.addScopeItem(request, LocalDate.now(clock));
		LocalDate before = project.goLiveItem().map(PlanItem::end).orElse(null);
		LocalDate afterGoLive = after.goLiveItem().map(PlanItem::end).orElse(null);
		return new ScopeChange.Impact(before, afterGoLive, before == null ? null : project.weekOf(before),
				afterGoLive == null ? null : after.weekOf(afterGoLive), project.forecastGraduationDate(),
				after.forecastGraduationDate());
	}

	/** Records a proposed scope change with its impact; nothing changes in the plan yet. */
	@Transactional
	ScopeChange proposeScope(UUID projectId, ScopeChangeRequest request) {
		Project project = projects.lock(projectId);
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
			.param("deps", ProjectRepository.uuidArray(request.dependsOnOrEmpty()))
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
	ScopeChange decideScope(UUID projectId, UUID changeId, boolean accept) {
		Project project = projects.lock(projectId);
		ScopeChange change = scopeChange(projectId, changeId);
		if (!"PROPOSED".equals(change.status())) {
			throw new com.onward.shared.BusinessRuleException("status", "this scope change was already " + change.status().toLowerCase());
		}
		var row = jdbc.sql("select phase_id, owner_role, depends_on from scope_change where id = :id").param("id", changeId)
			.query((rs, n) -> new ScopeChangeRequest(change.name(), change.scopeTag(), rs.getObject(1, UUID.class),
					change.durationDays(), OwnerRole.valueOf(rs.getString(2)), ProjectRepository.uuids(rs.getArray(3)), change.reason()))
			.single();
		UUID itemId = null;
		if (accept) {
			ScopeChange.Impact impact = impact(project, row);
			itemId = project.addScopeItem(row, LocalDate.now(clock)).id();
			projects.save(project);
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

	List<ScopeChange> scopeHistory(UUID projectId) {
		return jdbc.sql("select * from scope_change where project_id = :p order by requested_at desc")
			.param("p", projectId).query(ScopeChanges::mapScope).list();
	}

	private ScopeChange scopeChange(UUID projectId, UUID id) {
		return jdbc.sql("select * from scope_change where project_id = :p and id = :id").param("p", projectId)
			.param("id", id).query(ScopeChanges::mapScope).optional()
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
}
