package com.onward.stakeholder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.ProjectCreated;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.ContactRole;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;

import tools.jackson.databind.ObjectMapper;

/** Customer contacts and RACI matrices. */
@Service
public class Stakeholders {

	/** A RACI matrix: one row per phase, one column per role, cells R/A/C/I or empty. */
	public record Raci(List<Row> rows, List<OwnerRole> roles) {
		public record Row(String phaseKey, LocalizedText phaseName, Map<OwnerRole, String> cells) {
		}
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final org.springframework.context.ApplicationEventPublisher events;
	private final ObjectMapper json;
	private final Clock clock;

	Stakeholders(JdbcClient jdbc, AuditLog audit,
			org.springframework.context.ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	public List<Contact> contacts(UUID accountId) {
		return jdbc.sql("select * from contact where account_id = :a order by role, name").param("a", accountId)
			.query(Stakeholders::map).list();
	}

	/** The ids of the contacts with one of these addresses (any case), in one account or (null) in all. */
	public List<UUID> contactIdsByEmail(java.util.Collection<String> emails, UUID accountId) {
		return jdbc.sql("select id from contact where lower(email) = any(:emails) and (cast(:a as uuid) is null or account_id = :a)")
			.param("emails", emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new))
			.param("a", accountId).query(UUID.class).list();
	}

	@Transactional
	public Contact add(UUID accountId, ContactForm f) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into contact (id, account_id, name, email, phone, title, role, engagement, sentiment,
				  last_contact_on, created_at)
				values (:id, :a, :name, :email, :phone, :title, :role, :eng, :sent, :last, :at)""")
			.param("id", id).param("a", accountId).param("name", f.name().strip()).param("email", f.email())
			.param("phone", f.phone()).param("title", f.title()).param("role", f.role().name())
			.param("eng", (f.engagement() == null ? Engagement.UNKNOWN : f.engagement()).name())
			.param("sent", (f.sentiment() == null ? Sentiment.UNKNOWN : f.sentiment()).name())
			.param("last", f.lastContactOn()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("contact.added", "account", accountId, f.name() + " (" + f.role() + ")");
		events.publishEvent(new ContactChanged(accountId, id));
		return contact(id);
	}

	@Transactional
	public Contact update(UUID accountId, UUID contactId, ContactForm f) {
		int n = jdbc.sql("""
				update contact set name = :name, email = :email, phone = :phone, title = :title, role = :role,
				  engagement = :eng, sentiment = :sent, last_contact_on = :last where id = :id and account_id = :a""")
			.param("name", f.name().strip()).param("email", f.email()).param("phone", f.phone())
			.param("title", f.title()).param("role", f.role().name())
			.param("eng", (f.engagement() == null ? Engagement.UNKNOWN : f.engagement()).name())
			.param("sent", (f.sentiment() == null ? Sentiment.UNKNOWN : f.sentiment()).name())
			.param("last", f.lastContactOn()).param("id", contactId).param("a", accountId).update();
		if (n == 0) throw new NotFoundException("Contact", contactId);
		audit.record("contact.updated", "account", accountId, f.name());
		events.publishEvent(new ContactChanged(accountId, contactId));
		return contact(contactId);
	}

	/** A meeting or check-in with the contact took place (never moves the last contact back). */
	@Transactional
	public void recordContact(UUID accountId, UUID contactId, java.time.LocalDate on) {
		int n = jdbc.sql("""
				update contact set last_contact_on = greatest(coalesce(last_contact_on, :on), :on)
				where id = :id and account_id = :a""").param("on", on).param("id", contactId).param("a", accountId).update();
		if (n == 0) throw new NotFoundException("Contact", contactId);
		events.publishEvent(new ContactChanged(accountId, contactId));
	}

	/**
	 * What a contact said in a survey becomes their sentiment (the health score's sentiment
	 * component reads it); returns how many contacts at the account have that address.
	 */
	@Transactional
	public int recordSentiment(UUID accountId, String email, Sentiment sentiment) {
		List<UUID> ids = jdbc.sql("""
				update contact set sentiment = :s where account_id = :a and lower(trim(email)) = lower(trim(:e)) returning id""")
			.param("s", sentiment.name()).param("a", accountId).param("e", email).query(UUID.class).list();
		ids.forEach(id -> events.publishEvent(new ContactChanged(accountId, id)));
		return ids.size();
	}

	private Contact contact(UUID id) {
		return jdbc.sql("select * from contact where id = :id").param("id", id).query(Stakeholders::map).single();
	}

	/**
	 * PPL-4 defaults: the roles owning a phase's items are Responsible, the CSM is
	 * Accountable for every phase, the customer's project lead is Consulted and the
	 * executive sponsor Informed where they own nothing.
	 */
	@Transactional
	public void generateRaci(ProjectCreated project) {
		record Cell(String phaseKey, int phasePos, String phaseName, String role, String value) {
		}
		List<Cell> cells = new ArrayList<>();
		for (ProjectCreated.PhaseRoles phase : project.phases()) {
			Map<OwnerRole, String> row = new LinkedHashMap<>();
			phase.ownerRoles().forEach(r -> row.put(r, "R"));
			row.put(OwnerRole.CSM, "A");
			row.putIfAbsent(OwnerRole.PROJECT_LEAD, "C");
			row.putIfAbsent(OwnerRole.EXECUTIVE_SPONSOR, "I");
			String name = json.writeValueAsString(phase.name());
			row.forEach((role, value) -> cells.add(new Cell(phase.key(), phase.position(), name, role.name(), value)));
		}
		// One statement for the whole matrix (a driver-rewritten batch is split into several).
		jdbc.sql("""
				insert into raci_cell (project_id, phase_key, phase_pos, phase_name, role, value)
				select :p, c.k, c.pos, cast(c.name as jsonb), c.role, c.v
				from unnest(cast(:k as text[]), cast(:pos as int[]), cast(:name as text[]), cast(:role as text[]),
				  cast(:v as text[])) as c(k, pos, name, role, v)""")
			.param("p", project.projectId())
			.param("k", cells.stream().map(Cell::phaseKey).toArray(String[]::new))
			.param("pos", cells.stream().map(Cell::phasePos).toArray(Integer[]::new))
			.param("name", cells.stream().map(Cell::phaseName).toArray(String[]::new))
			.param("role", cells.stream().map(Cell::role).toArray(String[]::new))
			.param("v", cells.stream().map(Cell::value).toArray(String[]::new))
			.update();
	}

	public Raci raci(UUID projectId) {
		record Cell(String phaseKey, String phaseName, OwnerRole role, String value) {
		}
		Map<String, Raci.Row> rows = new LinkedHashMap<>();
		jdbc.sql("select phase_key, phase_name, role, value from raci_cell where project_id = :p order by phase_pos, role")
			.param("p", projectId)
			.query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), OwnerRole.valueOf(rs.getString(3)), rs.getString(4)))
			.list()
			.forEach(c -> rows.computeIfAbsent(c.phaseKey(),
					k -> new Raci.Row(k, json.readValue(c.phaseName(), LocalizedText.class), new LinkedHashMap<>()))
				.cells().put(c.role(), c.value()));
		return new Raci(new ArrayList<>(rows.values()), List.of(OwnerRole.values()));
	}

	/** Sets one cell; an empty value clears it. A phase keeps exactly one Accountable. */
	@Transactional
	public Raci setRaci(UUID projectId, String phaseKey, OwnerRole role, String value) {
		record Phase(int position, String name) {
		}
		Phase phase = jdbc.sql("select phase_pos, phase_name::text from raci_cell where project_id = :p and phase_key = :k limit 1")
			.param("p", projectId).param("k", phaseKey)
			.query((rs, n) -> new Phase(rs.getInt(1), rs.getString(2))).optional()
			.orElseThrow(() -> new NotFoundException("RACI phase", phaseKey));
		String v = value == null ? "" : value.strip().toUpperCase();
		if (!v.isEmpty() && !List.of("R", "A", "C", "I").contains(v)) {
			throw BusinessRuleException.of("value", "error.raci.value");
		}
		if ("A".equals(v)) {
			// Only one role can be accountable for a phase: the previous one becomes Responsible.
			jdbc.sql("update raci_cell set value = 'R' where project_id = :p and phase_key = :k and value = 'A'")
				.param("p", projectId).param("k", phaseKey).update();
		}
		jdbc.sql("delete from raci_cell where project_id = :p and phase_key = :k and role = :r").param("p", projectId)
			.param("k", phaseKey).param("r", role.name()).update();
		if (!v.isEmpty()) {
			jdbc.sql("""
					insert into raci_cell (project_id, phase_key, phase_pos, phase_name, role, value)
					values (:p, :k, :pos, :name::jsonb, :r, :v)""")
				.param("p", projectId).param("k", phaseKey).param("pos", phase.position()).param("name", phase.name())
				.param("r", role.name()).param("v", v).update();
		}
		audit.record("raci.updated", "project", projectId, phaseKey + " " + role + " = " + (v.isEmpty() ? "—" : v));
		return raci(projectId);
	}

	private static Contact map(ResultSet rs, int n) throws SQLException {
		return new Contact(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name"),
				rs.getString("email"), rs.getString("phone"), rs.getString("title"),
				ContactRole.valueOf(rs.getString("role")), Engagement.valueOf(rs.getString("engagement")),
				Sentiment.valueOf(rs.getString("sentiment")), rs.getObject("last_contact_on", java.time.LocalDate.class));
	}
}
