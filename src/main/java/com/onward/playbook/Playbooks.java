package com.onward.playbook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.shared.Segment;

import tools.jackson.databind.ObjectMapper;

/** Playbook families and their versions. */
@Service
public class Playbooks {

	/** Which playbook family a new project of each segment starts from. */
	@ConfigurationProperties("onward.playbook")
	public record PlaybookProperties(Map<Segment, String> defaultFamily) {
	}

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final AuditLog audit;
	private final Clock clock;
	private final PlaybookProperties props;
	private final Map<UUID, Playbook> versionCache = new java.util.concurrent.ConcurrentHashMap<>();

	Playbooks(JdbcClient jdbc, ObjectMapper json, AuditLog audit, Clock clock, PlaybookProperties props) {
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
		this.props = props;
	}

	public Playbook get(UUID id) {
		// Versions never change once saved, so a parsed version can be kept for good.
		Playbook cached = versionCache.get(id);
		if (cached != null) return cached;
		Playbook playbook = jdbc.sql("select * from playbook where id = :id").param("id", id).query(this::map).optional()
			.orElseThrow(() -> new NotFoundException("Playbook", id));
		versionCache.put(id, playbook);
		return playbook;
	}

	public Optional<Playbook> latest(String family) {
		return jdbc.sql("select * from playbook where family = :f order by version desc limit 1").param("f", family)
			.query(this::map).optional();
	}

	/** The latest version of the segment's default family: what a newly signed contract gets. */
	public Playbook forSegment(Segment segment) {
		String family = props.defaultFamily().get(segment);
		UUID id = jdbc.sql("select id from playbook where family = :f order by version desc limit 1").param("f", family)
			.query(UUID.class).optional().orElseThrow(() -> new IllegalStateException("No playbook of family " + family));
		return get(id);
	}

	/** The latest version of every family. */
	public List<Playbook> latestVersions() {
		return jdbc.sql("""
				select distinct on (family) * from playbook order by family, version desc""").query(this::map).list();
	}

	public List<Playbook> versions(String family) {
		return jdbc.sql("select * from playbook where family = :f order by version desc").param("f", family)
			.query(this::map).list();
	}

	public boolean familyExists(String family) {
		return jdbc.sql("select exists(select 1 from playbook where family = :f)").param("f", family)
			.query(Boolean.class).single();
	}

	/** Creates version 1 of a new family. */
	@Transactional
	public Playbook create(String family, Segment segment, LocalizedText name, LocalizedText description,
			PlaybookDefinition definition) {
		if (family == null || !family.matches("[a-z0-9][a-z0-9-]{1,60}")) {
			throw BusinessRuleException.of("family", "error.playbook.familyInvalid");
		}
		if (familyExists(family)) {
			throw BusinessRuleException.of("family", "error.playbook.familyExists", family);
		}
		return insert(family, 1, segment, name, description, definition);
	}

	/** Saves an edit as the next version of the family; earlier versions stay as they were. */
	@Transactional
	public Playbook saveNewVersion(UUID basedOn, LocalizedText name, LocalizedText description,
			PlaybookDefinition definition) {
		Playbook base = get(basedOn);
		int next = jdbc.sql("select max(version) + 1 from playbook where family = :f").param("f", base.family())
			.query(Integer.class).single();
		return insert(base.family(), next, base.segment(), name == null ? base.name() : name,
				description == null ? base.description() : description, definition);
	}

	@Transactional
	public Playbook cloneAs(UUID source, String family, LocalizedText name) {
		Playbook base = get(source);
		Playbook copy = create(family, null, name, base.description(), base.definition());
		audit.record("playbook.cloned", "playbook", copy.id(), "from " + base.family() + " v" + base.version());
		return copy;
	}

	private Playbook insert(String family, int version, Segment segment, LocalizedText name, LocalizedText description,
			PlaybookDefinition definition) {
		definition.validate();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into playbook (id, family, version, segment, name, description, definition, created_by, created_at)
				values (:id, :family, :version, :segment, :name::jsonb, :description::jsonb, :definition::jsonb, :by, :at)""")
			.param("id", id).param("family", family).param("version", version)
			.param("segment", segment == null ? null : segment.name())
			.param("name", json.writeValueAsString(name))
			.param("description", description == null ? null : json.writeValueAsString(description))
			.param("definition", json.writeValueAsString(definition))
			.param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant()))
			.update();
		audit.record("playbook.saved", "playbook", id, family + " v" + version);
		return get(id);
	}

	private Playbook map(ResultSet rs, int n) throws SQLException {
		String segment = rs.getString("segment");
		String description = rs.getString("description");
		return new Playbook(rs.getObject("id", UUID.class), rs.getString("family"), rs.getInt("version"),
				segment == null ? null : Segment.valueOf(segment), json.readValue(rs.getString("name"), LocalizedText.class),
				description == null ? null : json.readValue(description, LocalizedText.class),
				json.readValue(rs.getString("definition"), PlaybookDefinition.class), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}
}
