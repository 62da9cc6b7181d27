package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Problems logged on a project. Open data-quality and security problems block graduation (the
 * kinds are configurable); an issue logged during hypercare carries a resolution target.
 */
@Service
public class ProjectIssues {

	public enum Kind {
		DATA_QUALITY, SECURITY, TECHNICAL, OTHER
	}

	public record NewIssue(@NotNull Kind kind, @NotBlank @Size(max = 300) String title, LocalDate resolveBy) {
	}

	public record Resolution(@Size(max = 2000) String resolution) {
	}

	public record Issue(UUID id, UUID projectId, Kind kind, String title, boolean hypercare, LocalDate resolveBy,
			String loggedBy, Instant loggedAt, Instant resolvedAt, String resolvedBy, String resolution) {
		public boolean open() {
			return resolvedAt == null;
		}

		public boolean late(LocalDate today) {
			return open() && resolveBy != null && resolveBy.isBefore(today);
		}
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Hypercare hypercare;
	private final AuditLog audit;
	private final Clock clock;

	ProjectIssues(JdbcClient jdbc, Projects projects, Hypercare hypercare, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.hypercare = hypercare;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Issue log(UUID projectId, NewIssue in) {
		Project project = projects.get(projectId);
		LocalDate today = LocalDate.now(clock);
		boolean inHypercare = hypercare.window(project).map(w -> w.contains(today)).orElse(false);
		LocalDate resolveBy = in.resolveBy();
		if (resolveBy != null && resolveBy.isBefore(today)) {
			throw com.onward.shared.InvalidInputException.of("resolveBy", "the resolution target cannot be in the past");
		}
		if (resolveBy == null && inHypercare) {
			resolveBy = hypercare.resolutionTarget(today);
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into project_issue (id, project_id, account_id, kind, title, hypercare, resolve_by, logged_by, logged_at)
				values (:id, :p, :a, :kind, :title, :hypercare, :by_date, :who, :at)""")
			.param("id", id).param("p", projectId).param("a", project.accountId()).param("kind", in.kind().name())
			.param("title", in.title().strip()).param("hypercare", inHypercare).param("by_date", resolveBy)
			.param("who", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("issue.logged", "project", projectId, in.kind().name());
		return get(projectId, id);
	}

	@Transactional
	public Issue resolve(UUID projectId, UUID issueId, String resolution) {
		Issue issue = get(projectId, issueId);
		if (!issue.open()) {
			throw BusinessRuleException.of("issueId", "error.issue.resolved");
		}
		jdbc.sql("update project_issue set resolved_at = :at, resolved_by = :who, resolution = :r where id = :id")
			.param("at", Timestamp.from(clock.instant())).param("who", AuditLog.currentActor())
			.param("r", Texts.blankToNull(resolution)).param("id", issueId).update();
		audit.record("issue.resolved", "project", projectId, issue.kind().name());
		return get(projectId, issueId);
	}

	public List<Issue> forProject(UUID projectId) {
		return jdbc.sql(SELECT + " where project_id = :p order by resolved_at is not null, logged_at desc")
			.param("p", projectId).query(ProjectIssues::map).list();
	}

	Issue get(UUID projectId, UUID issueId) {
		return jdbc.sql(SELECT + " where id = :id and project_id = :p").param("id", issueId).param("p", projectId)
			.query(ProjectIssues::map).optional().orElseThrow(() -> new NotFoundException("Issue", issueId));
	}

	private static final String SELECT = """
			select id, project_id, kind, title, hypercare, resolve_by, logged_by, logged_at, resolved_at, resolved_by,
			  resolution from project_issue""";

	private static Issue map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp resolved = rs.getTimestamp(9);
		return new Issue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)),
				rs.getString(4), rs.getBoolean(5), rs.getObject(6, LocalDate.class), rs.getString(7),
				rs.getTimestamp(8).toInstant(), resolved == null ? null : resolved.toInstant(), rs.getString(10),
				rs.getString(11));
	}
}
