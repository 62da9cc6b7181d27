package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Texts;

/** GRD-1: the five dimensions' completion criteria as a checklist, each with an evidence link. */
@Service
class Checklist {

	/** The criteria of each dimension, as the seeds list them (titled per language). */
	static final Map<Dimension, List<String>> ITEMS = new LinkedHashMap<>();
	static {
		ITEMS.put(Dimension.TECHNICAL, List.of("access", "integrations", "migration", "workflows", "performance",
				"security", "uat"));
		ITEMS.put(Dimension.KNOWLEDGE, List.of("admins", "roleTraining", "assessments", "champion", "documentation"));
		ITEMS.put(Dimension.ADOPTION, List.of("thresholds", "trend", "process"));
		ITEMS.put(Dimension.VALUE, List.of("kpis", "confirmation", "evidence"));
		ITEMS.put(Dimension.STAKEHOLDER, List.of("sponsor", "champion", "plan", "objections"));
	}

	record Check(Dimension dimension, String item, boolean done, String evidenceUrl, String updatedBy) {
		public String key() {
			return dimension.name().toLowerCase() + "." + item;
		}
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	Checklist(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	Map<Dimension, List<Check>> of(UUID projectId) {
		record Row(boolean done, String url, String by) {
		}
		var stored = new HashMap<String, Row>();
		jdbc.sql("select item, done, evidence_url, updated_by from graduation_check where project_id = :p")
			.param("p", projectId)
			.query(rs -> { stored.put(rs.getString(1), new Row(rs.getBoolean(2), rs.getString(3), rs.getString(4))); });
		var result = new LinkedHashMap<Dimension, List<Check>>();
		ITEMS.forEach((d, items) -> result.put(d, items.stream().map(i -> {
			Row r = stored.get(d.name().toLowerCase() + "." + i);
			return new Check(d, i, r != null && r.done(), r == null ? null : r.url(), r == null ? null : r.by());
		}).toList()));
		return result;
	}

	@Transactional
	void set(UUID projectId, String key, boolean done, String evidenceUrl) {
		boolean known = ITEMS.entrySet().stream()
			.anyMatch(e -> e.getValue().stream().anyMatch(i -> (e.getKey().name().toLowerCase() + "." + i).equals(key)));
		if (!known) {
			throw InvalidInputException.of("item", "unknown checklist item '" + key + "'");
		}
		evidenceUrl = com.onward.shared.WebLinks.require("evidenceUrl", evidenceUrl);
		jdbc.sql("""
				insert into graduation_check (project_id, item, done, evidence_url, updated_by, updated_at)
				values (:p, :item, :done, :url, :by, :at)
				on conflict (project_id, item) do update set done = excluded.done, evidence_url = excluded.evidence_url,
				  updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("p", projectId).param("item", key).param("done", done)
			.param("url", Texts.blankToNull(evidenceUrl))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("graduation.check", "project", projectId, key + (done ? " done" : " open"));
	}
}
