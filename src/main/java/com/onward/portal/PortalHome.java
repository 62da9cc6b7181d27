package com.onward.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.graduation.ProjectGraduated;
import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.Projects;
import com.onward.shared.ContactRole;
import com.onward.shared.LocalizedText;
import com.onward.success.Criterion;
import com.onward.success.QuickWin;
import com.onward.success.SuccessCriterionMet;
import com.onward.success.SuccessPlans;
import com.onward.team.Team;
import com.onward.team.TeamMember;
import com.onward.training.Library;
import com.onward.training.Session;
import com.onward.training.Training;
import com.onward.training.TrainingModuleCompleted;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a signed-in contact sees (PRT-1), always for {@link PortalUser#accountId()} only: the plan's
 * customer-visible items (never internal tasks, notes, health or flags), progress counted on them,
 * what is late on whose side, their homework with comments and files, success criteria, training,
 * celebrated wins, their CSM and open surveys. What the customer's own actions change is read in one
 * query per request; what only staff change is a per-account snapshot re-read in the background
 * after {@code onward.portal.home-snapshot-ttl} (dropped at once on this instance's events), so a page
 * costs one query besides the session's.
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
			List<QuickWin> quickWins, Csm csm, List<OpenSurvey> surveys, LocalDate today, Branding.Brand brand,
			boolean digest) {
	}

	/** What only staff change, kept per account for {@code onward.portal.home-snapshot-ttl} in each instance. */
	private record Snapshot(Account account, Projects.ProjectSummary project, List<Criterion> criteria,
			List<Session> training, List<QuickWin> wins, Csm csm) {
	}

	/** What the customer changes (or sees change right after their own action), read fresh in one query. */
	private record Fresh(List<Item> items, Map<UUID, List<Comment>> comments, Map<UUID, List<FileRef>> files,
			List<OpenSurvey> surveys, String role, boolean digest, Branding.Brand brand) {
	}

	private record ContentKey(UUID accountId, Session.Audience audience) {
	}

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final Projects projects;
	private final SuccessPlans success;
	private final Training training;
	private final Library library;
	private final Team team;
	private final Branding branding;
	private final ObjectMapper json;
	private static final java.util.concurrent.Executor REFRESH = java.util.concurrent.Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("portal-home-refresh-", 0).factory());

	private final com.github.benmanes.caffeine.cache.LoadingCache<UUID, Snapshot> snapshots;
	private final Cache<ContentKey, List<Library.Content>> content;
	/** Parsed plans by their JSON text: most page views of a plan find it unchanged since the last one. */
	private final Cache<String, List<Item>> parsedItems = Caffeine.newBuilder()
		.expireAfterAccess(java.time.Duration.ofMinutes(10)).maximumWeight(16_000_000)
		.weigher((String k, List<Item> v) -> k.length()).build();

	PortalHome(JdbcClient jdbc, Accounts accounts, Projects projects, SuccessPlans success, Training training,
			Library library, Team team, Branding branding, ObjectMapper json, PortalProperties props) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.projects = projects;
		this.success = success;
		this.training = training;
		this.library = library;
		this.team = team;
		this.branding = branding;
		this.json = json;
		// A snapshot older than its lifetime is served once more while it is re-read in the background
		// (no page waits for the re-read); one unused for four lifetimes is read again before use.
		this.snapshots = Caffeine.newBuilder().refreshAfterWrite(props.homeSnapshotTtl())
			.expireAfterWrite(props.homeSnapshotTtl().multipliedBy(4)).maximumSize(props.homeSnapshotAccounts())
			.executor(REFRESH).build(this::snapshot);
		this.content = Caffeine.newBuilder().expireAfterWrite(props.homeSnapshotTtl())
			.maximumSize(props.homeSnapshotAccounts()).build();
	}

	View view(PortalUser user) {
		UUID accountId = user.accountId();
		Snapshot snapshot = snapshots.get(accountId);
		LocalDate today = projects.today();
		var project = snapshot.project();
		Fresh fresh = fresh(user, project == null ? null : project.id());
		List<Item> items = fresh.items();
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
		Session.Audience audience = audience(fresh.role());
		List<Library.Content> recommended = content.get(new ContentKey(accountId, audience),
				k -> library.recommended(accountId, audience));
		return new View(snapshot.account(), project, phases, progress, counted.size(), done, upcoming, homework, lateOurs,
				lateYours, fresh.comments(), fresh.files(), snapshot.criteria(), snapshot.training(), recommended,
				items.stream().filter(i -> "MILESTONE".equals(i.kind()) && i.done()).toList(),
				snapshot.criteria().stream().filter(c -> c.metOn() != null).toList(), snapshot.wins(), snapshot.csm(),
				fresh.surveys(), today, fresh.brand(), fresh.digest());
	}

	private Snapshot snapshot(UUID accountId) {
		Account account = accounts.get(accountId);
		var project = projects.forAccount(accountId).stream().findFirst().orElse(null);
		List<Criterion> criteria = project == null ? List.of() : success.criteria(project.id());
		List<Session> sessions = project == null ? List.of()
				: training.sessions(project.id()).stream().filter(s -> s.status() != Session.Status.CANCELLED).toList();
		List<QuickWin> wins = project == null ? List.of()
				: success.quickWins(project.id()).stream().filter(w -> w.status() == QuickWin.Status.ACHIEVED).toList();
		return new Snapshot(account, project, criteria, sessions, wins, csm(account));
	}

	/** Staff changes seen by this instance's events show at once; others within the snapshot's lifetime. */
	void forget(UUID accountId) {
		snapshots.invalidate(accountId);
		content.asMap().keySet().removeIf(k -> k.accountId().equals(accountId));
	}

	@EventListener
	void on(ItemCompleted e) {
		forget(e.accountId());
	}

	@EventListener
	void on(SuccessCriterionMet e) {
		forget(e.accountId());
	}

	@EventListener
	void on(TrainingModuleCompleted e) {
		forget(e.accountId());
	}

	@EventListener
	void on(ProjectGraduated e) {
		forget(e.accountId());
	}

	/**
	 * One round trip for everything the customer's own actions change: the plan's customer-visible
	 * items, comments, files, open surveys, the contact's role, their digest choice and the brand.
	 * Each part is scoped by the signed-in contact's account.
	 */
	private Fresh fresh(PortalUser user, UUID projectId) {
		return jdbc.sql("""
				select
				  (select coalesce(json_agg(json_build_object('id', i.id, 'projectId', i.project_id, 'phasePos', i.phase_pos,
				       'phaseName', i.phase_name, 'key', i.key, 'kind', i.kind, 'name', i.name, 'ownerRole', i.owner_role,
				       'homework', i.customer_homework, 'goLive', i.go_live, 'plannedDue', i.planned_due, 'due', i.due_date,
				       'status', i.status, 'completedOn', i.completed_on, 'customerSide', i.customer_side)
				       order by i.phase_pos, i.position), '[]'::json)
				   from onboarding_customer_item_v i where i.account_id = :a and i.project_id = cast(:p as uuid)),
				  (select coalesce(json_agg(json_build_object('id', c.id, 'itemId', c.item_id, 'author', c.author, 'body', c.body,
				       'at', c.created_at) order by c.created_at), '[]'::json)
				   from portal_comment c where c.account_id = :a),
				  (select coalesce(json_agg(json_build_object('id', f.id, 'itemId', f.item_id, 'filename', f.filename, 'size', f.size,
				       'at', f.created_at) order by f.created_at), '[]'::json)
				   from portal_file f where f.account_id = :a),
				  (select coalesce(json_agg(json_build_object('id', s.id, 'kind', s.kind, 'topic', t.topic, 'at', s.created_at)
				       order by s.created_at), '[]'::json)
				   from survey_request_v s left join portal_csat t on t.survey_key = s.uniqueness_key
				   where s.account_id = :a and s.answered_at is null),
				  (select role from stakeholder_contact_v where id = :c and account_id = :a),
				  coalesce((select digest from portal_contact where contact_id = :c and account_id = :a), true),
				  b.vendor_name, b.logo_url, b.accent_colour
				from (select 1) one left join portal_branding b on b.id = 1""")
			.param("a", user.accountId()).param("p", projectId).param("c", user.contactId())
			.query((rs, n) -> new Fresh(items(rs.getString(1)), comments(rs.getString(2)), files(rs.getString(3)),
					surveys(rs.getString(4)), rs.getString(5), rs.getBoolean(6),
					branding.of(rs.getString(7), rs.getString(8), rs.getString(9))))
			.single();
	}

	private List<Item> items(String array) {
		return parsedItems.get(array, this::parseItems);
	}

	private List<Item> parseItems(String array) {
		var list = new ArrayList<Item>();
		for (JsonNode i : json.readTree(array)) {
			list.add(new Item(uuid(i, "id"), uuid(i, "projectId"), i.get("phasePos").asInt(), text(i.get("phaseName")),
					i.get("key").asString(), i.get("kind").asString(), text(i.get("name")), i.get("ownerRole").asString(),
					i.get("homework").asBoolean(), i.get("goLive").asBoolean(), date(i, "plannedDue"), date(i, "due"),
					i.get("status").asString(), date(i, "completedOn"), i.get("customerSide").asBoolean()));
		}
		return List.copyOf(list);
	}

	private Map<UUID, List<Comment>> comments(String array) {
		var map = new LinkedHashMap<UUID, List<Comment>>();
		for (JsonNode c : json.readTree(array)) {
			var comment = new Comment(uuid(c, "id"), uuid(c, "itemId"), str(c, "author"), str(c, "body"),
					instant(c, "at"));
			map.computeIfAbsent(comment.itemId(), k -> new ArrayList<>()).add(comment);
		}
		return map;
	}

	private Map<UUID, List<FileRef>> files(String array) {
		var map = new LinkedHashMap<UUID, List<FileRef>>();
		for (JsonNode f : json.readTree(array)) {
			var file = new FileRef(uuid(f, "id"), uuid(f, "itemId"), str(f, "filename"), f.get("size").asInt(),
					instant(f, "at"));
			map.computeIfAbsent(file.itemId(), k -> new ArrayList<>()).add(file);
		}
		return map;
	}

	private List<OpenSurvey> surveys(String array) {
		var list = new ArrayList<OpenSurvey>();
		for (JsonNode s : json.readTree(array)) {
			JsonNode topic = s.get("topic");
			list.add(new OpenSurvey(uuid(s, "id"), s.get("kind").asString(), topic == null || topic.isNull() ? null
					: text(topic), instant(s, "at")));
		}
		return list;
	}

	private LocalizedText text(JsonNode node) {
		return json.treeToValue(node, LocalizedText.class);
	}

	private static String str(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : v.asString();
	}

	private static UUID uuid(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : UUID.fromString(v.asString());
	}

	private static LocalDate date(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : LocalDate.parse(v.asString());
	}

	private static Instant instant(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : java.time.OffsetDateTime.parse(v.asString()).toInstant();
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
	private static Session.Audience audience(String role) {
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
