package com.onward.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.onboarding.Projects;
import com.onward.shared.ContactRole;
import com.onward.shared.LocalizedText;
import com.onward.success.Criterion;
import com.onward.success.QuickWin;
import com.onward.success.SuccessPlans;
import com.onward.team.Team;
import com.onward.team.TeamMember;
import com.onward.training.Library;
import com.onward.training.Session;
import com.onward.training.Training;

import tools.jackson.databind.ObjectMapper;

/**
 * What a signed-in contact sees (PRT-1), always for {@link PortalUser#accountId()} only: the plan's
 * customer-visible items (never internal tasks, notes, health or flags), progress counted on them,
 * what is late on whose side, their homework with comments and files, success criteria, training,
 * celebrated wins, their CSM and open surveys.
 */
@Service
class PortalHome {

	record Item(UUID id, UUID projectId, int phasePos, LocalizedText phaseName, String key, String kind,
			LocalizedText name, String ownerRole, boolean homework, boolean goLive, LocalDate plannedDue, LocalDate due,
			String status, LocalDate completedOn, boolean customerSide) {

		public boolean done() {
			return "DONE".equals(status);
		}

		public boolean closed() {
			return "DONE".equals(status) || "SKIPPED".equals(status);
		}

		public boolean late(LocalDate today) {
			return !closed() && due.isBefore(today);
		}

		public int slipDays() {
			return (int) java.time.temporal.ChronoUnit.DAYS.between(plannedDue, done() && completedOn != null ? completedOn : due);
		}
	}

	record Phase(int position, LocalizedText name, List<Item> items, LocalDate plannedEnd, LocalDate forecastEnd) {
	}

	record Comment(UUID id, UUID itemId, String author, String body, Instant at) {
	}

	record FileRef(UUID id, UUID itemId, String filename, int size, Instant at) {
	}

	record OpenSurvey(UUID id, String kind, LocalizedText topic, Instant sentAt) {
	}

	record Csm(String name, String initials, String email) {
	}

	record View(Account account, Projects.ProjectSummary project, List<Phase> phases, int progressPercent, int visibleItems,
			int doneItems, List<Item> upcomingMilestones, List<Item> homework, List<Item> lateOurs, List<Item> lateYours,
			Map<UUID, List<Comment>> comments, Map<UUID, List<FileRef>> files, List<Criterion> criteria,
			List<Session> training, List<Library.Content> content, List<Item> milestonesDone, List<Criterion> criteriaMet,
			List<QuickWin> quickWins, Csm csm, List<OpenSurvey> surveys, LocalDate today) {
	}

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Projects projects;
	private final SuccessPlans success;
	private final Training training;
	private final Library library;
	private final Team team;
	private final ObjectMapper json;

	PortalHome(JdbcClient jdbc, Accounts accounts, Projects projects, SuccessPlans success, Training training,
			Library library, Team team, ObjectMapper json) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.projects = projects;
		this.success = success;
		this.training = training;
		this.library = library;
		this.team = team;
		this.json = json;
	}

	View view(PortalUser user) {
		UUID accountId = user.accountId();
		Account account = accounts.get(accountId);
		LocalDate today = projects.today();
		var project = projects.forAccount(accountId).stream().findFirst().orElse(null);
		List<Item> items = project == null ? List.of() : items(accountId, project.id());
		var byPhase = new LinkedHashMap<Integer, List<Item>>();
		items.forEach(i -> byPhase.computeIfAbsent(i.phasePos(), k -> new ArrayList<>()).add(i));
		List<Phase> phases = byPhase.values().stream().map(list -> new Phase(list.get(0).phasePos(), list.get(0).phaseName(),
				list, list.stream().map(Item::plannedDue).max(LocalDate::compareTo).orElse(null),
				list.stream().map(Item::due).max(LocalDate::compareTo).orElse(null))).toList();
		var counted = items.stream().filter(i -> !"SKIPPED".equals(i.status())).toList();
		int done = (int) counted.stream().filter(Item::done).count();
		int progress = counted.isEmpty() ? 0 : Math.round(100f * done / counted.size());
		var upcoming = items.stream().filter(i -> "MILESTONE".equals(i.kind()) && !i.closed())
			.sorted(java.util.Comparator.comparing(Item::due)).limit(3).toList();
		var homework = items.stream().filter(Item::homework).toList();
		var lateYours = items.stream().filter(i -> i.late(today) && i.customerSide()).toList();
		var lateOurs = items.stream().filter(i -> i.late(today) && !i.customerSide()).toList();
		List<Criterion> criteria = project == null ? List.of() : success.criteria(project.id());
		List<Session> sessions = project == null ? List.of()
				: training.sessions(project.id()).stream().filter(s -> s.status() != Session.Status.CANCELLED).toList();
		List<QuickWin> wins = project == null ? List.of()
				: success.quickWins(project.id()).stream().filter(w -> w.status() == QuickWin.Status.ACHIEVED).toList();
		return new View(account, project, phases, progress, counted.size(), done, upcoming, homework, lateOurs, lateYours,
				comments(accountId), files(accountId), criteria, sessions, library.recommended(accountId, audience(user)),
				items.stream().filter(i -> "MILESTONE".equals(i.kind()) && i.done()).toList(),
				criteria.stream().filter(c -> c.metOn() != null).toList(), wins, csm(account), surveys(accountId), today);
	}

	private List<Item> items(UUID accountId, UUID projectId) {
		return jdbc.sql("""
				select id, project_id, phase_pos, phase_name, key, kind, name, owner_role, customer_homework, go_live,
				  planned_due, due_date, status, completed_on, customer_side
				from onboarding_customer_item_v where account_id = :a and project_id = :p order by phase_pos, position""")
			.param("a", accountId).param("p", projectId)
			.query((rs, n) -> new Item(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					json.readValue(rs.getString(4), LocalizedText.class), rs.getString(5), rs.getString(6),
					json.readValue(rs.getString(7), LocalizedText.class), rs.getString(8), rs.getBoolean(9),
					rs.getBoolean(10), rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class),
					rs.getString(13), rs.getObject(14, LocalDate.class), rs.getBoolean(15)))
			.list();
	}

	Map<UUID, List<Comment>> comments(UUID accountId) {
		var map = new LinkedHashMap<UUID, List<Comment>>();
		jdbc.sql("select id, item_id, author, body, created_at from portal_comment where account_id = :a order by created_at")
			.param("a", accountId)
			.query((rs, n) -> new Comment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list().forEach(c -> map.computeIfAbsent(c.itemId(), k -> new ArrayList<>()).add(c));
		return map;
	}

	Map<UUID, List<FileRef>> files(UUID accountId) {
		var map = new LinkedHashMap<UUID, List<FileRef>>();
		jdbc.sql("select id, item_id, filename, size, created_at from portal_file where account_id = :a order by created_at")
			.param("a", accountId)
			.query((rs, n) -> new FileRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getInt(4), rs.getTimestamp(5).toInstant()))
			.list().forEach(f -> map.computeIfAbsent(f.itemId(), k -> new ArrayList<>()).add(f));
		return map;
	}

	private List<OpenSurvey> surveys(UUID accountId) {
		return jdbc.sql("""
				select s.id, s.kind, c.topic, s.created_at from survey_request_v s
				left join portal_csat c on c.survey_key = s.uniqueness_key
				where s.account_id = :a and s.answered_at is null order by s.created_at""")
			.param("a", accountId)
			.query((rs, n) -> new OpenSurvey(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3) == null ? null : json.readValue(rs.getString(3), LocalizedText.class),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	private Csm csm(Account account) {
		if (account.ownerCsmId() == null) return null;
		TeamMember m;
		try {
			m = team.member(account.ownerCsmId());
		}
		catch (RuntimeException e) {
			return null;
		}
		String initials = java.util.Arrays.stream(m.name().strip().split("\\s+")).filter(s -> !s.isEmpty())
			.limit(2).map(s -> s.substring(0, 1).toUpperCase()).reduce("", String::concat);
		return new Csm(m.name(), initials, m.email());
	}

	/** The training audience closest to a contact's role (their recommended content). */
	private Session.Audience audience(PortalUser user) {
		String role = jdbc.sql("select role from stakeholder_contact_v where id = :c and account_id = :a")
			.param("c", user.contactId()).param("a", user.accountId()).query(String.class).optional().orElse(null);
		if (role == null) return null;
		return switch (ContactRole.valueOf(role)) {
			case EXECUTIVE_SPONSOR -> Session.Audience.EXECUTIVE;
			case PROJECT_LEAD -> Session.Audience.MANAGER;
			case TECHNICAL_LEAD, SME -> Session.Audience.ADMIN;
			case CHAMPION -> Session.Audience.POWER_USER;
			case END_USER -> Session.Audience.END_USER;
		};
	}
}
