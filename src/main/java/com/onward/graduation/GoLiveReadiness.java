package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.MilestoneGate;
import com.onward.onboarding.PlanItem;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Texts;

/**
 * The go-live readiness checklist (the seeds' "go-live readiness assessment": UAT sign-off, integrations
 * tested in production, data validated, users trained, support and a resolution SLA in place, the
 * announcement ready, stakeholders informed). The go-live milestone cannot be completed before every
 * configured item is done.
 */
@Service
@Order(2)
public class GoLiveReadiness implements MilestoneGate {

	public record Check(String item, boolean done, String note, String updatedBy, Instant updatedAt) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final HandoffProperties props;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;

	GoLiveReadiness(JdbcClient jdbc, Projects projects, HandoffProperties props, MessageSource messages, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.props = props;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every configured item, done or not, in the configured order. */
	public List<Check> of(UUID projectId) {
		Map<String, Check> stored = new HashMap<>();
		jdbc.sql("select item, done, note, updated_by, updated_at from go_live_check where project_id = :p")
			.param("p", projectId)
			.query((rs, n) -> stored.put(rs.getString(1), new Check(rs.getString(1), rs.getBoolean(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant())))
			.list();
		return props.goLiveReadiness().stream()
			.map(i -> stored.getOrDefault(i, new Check(i, false, null, null, null))).toList();
	}

	public List<String> missing(UUID projectId) {
		return of(projectId).stream().filter(c -> !c.done()).map(Check::item).toList();
	}

	@Transactional
	public Check set(UUID projectId, String item, boolean done, String note) {
		projects.get(projectId);
		if (item == null || !props.goLiveReadiness().contains(item)) {
			throw InvalidInputException.of("item", "not an item of the go-live readiness checklist; one of "
					+ props.goLiveReadiness());
		}
		if (note != null && note.length() > 2000) {
			throw InvalidInputException.of("note", "size must be between 0 and 2000");
		}
		jdbc.sql("""
				insert into go_live_check (project_id, item, done, note, updated_by, updated_at)
				values (:p, :item, :done, :note, :by, :at)
				on conflict (project_id, item) do update set done = excluded.done, note = excluded.note,
				  updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("p", projectId).param("item", item).param("done", done).param("note", Texts.blankToNull(note))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("golive.readiness", "project", projectId, item + (done ? " done" : " open"));
		return of(projectId).stream().filter(c -> c.item().equals(item)).findFirst().orElseThrow();
	}

	/** The go-live milestone needs every readiness item done. */
	@Override
	public void checkCompletion(Project project, PlanItem item) {
		if (!item.goLive()) return;
		List<String> missing = missing(project.id());
		if (missing.isEmpty()) return;
		Locale locale = LocaleContextHolder.getLocale();
		throw new BusinessRuleException("goLiveReadiness",
				"complete the go-live readiness checklist before go-live; open: " + String.join(", ", missing),
				"error.golive.incompleteBeforeGoLive", String.join(", ", missing.stream()
					.map(i -> messages.getMessage("golive.item." + i, null, i, locale)).toList()));
	}
}
