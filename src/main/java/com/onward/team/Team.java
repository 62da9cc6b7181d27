package com.onward.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.identity.Users;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;
import com.onward.shared.Segment;

/** The vendor team: members, utilisation, assignment and reassignment. */
@Service
public class Team {

	private static final String MEMBER_SELECT = """
			select m.id, m.user_id, m.name, m.email, m.role, m.segments, m.capacity, m.active,
			  m.active_projects as load
			from team_member m""";

	private final JdbcClient jdbc;
	private final TeamProperties props;
	private final Accounts accounts;
	private final AuditLog audit;
	private final Clock clock;
	private final Users users;

	Team(JdbcClient jdbc, TeamProperties props, Accounts accounts, AuditLog audit, Clock clock, Users users) {
		this.users = users;
		this.jdbc = jdbc;
		this.props = props;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	public List<TeamMember> members() {
		return jdbc.sql(MEMBER_SELECT + " order by m.role, m.name").query(Team::mapMember).list();
	}

	/**
	 * The members a staff user is: those linked to the user, and those linked to nobody with the user's email (the
	 * inbox badge of every page's top bar asks, so a query for their ids rather than the whole team).
	 */
	public List<UUID> memberIdsOf(UUID userId, String email) {
		return jdbc.sql("""
				select id from team_member
				where user_id = :user or (user_id is null and lower(email) = lower(cast(:email as text)))""")
			.param("user", userId).param("email", email).query(UUID.class).list();
	}

	public TeamMember member(UUID id) {
		return jdbc.sql(MEMBER_SELECT + " where m.id = :id").param("id", id).query(Team::mapMember).optional()
			.orElseThrow(() -> new NotFoundException("Team member", id));
	}

	@Transactional
	public TeamMember add(NewMember m) {
		Set<Segment> segments = m.segments() == null ? Set.of() : m.segments();
		int capacity = m.capacity() != null ? m.capacity()
				: props.defaultCapacity(m.role(), segments.stream().sorted().findFirst().orElse(null));
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into team_member (id, name, email, role, segments, capacity, created_at)
				values (:id, :name, :email, :role, :segments::text[], :capacity, :at)""")
			.param("id", id).param("name", m.name().strip()).param("email", m.email()).param("role", m.role().name())
			.param("segments", array(segments)).param("capacity", capacity)
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("team.member-added", "team_member", id, m.name() + " as " + m.role());
		return member(id);
	}

	/**
	 * Links a team member to the staff user they sign in as, so that what the automation hands to the member
	 * (notices, tasks) reaches that user's inbox; {@code null} unlinks (the member is then matched by email).
	 * A user is one member: linked to two, one person would get two people's notices.
	 */
	@Transactional
	public TeamMember linkUser(UUID memberId, UUID userId) {
		TeamMember before = member(memberId);
		if (userId != null) {
			Users.StaffUser user = users.all().stream().filter(u -> u.id().equals(userId)).findFirst()
				.orElseThrow(() -> new BusinessRuleException("userId", "no staff user " + userId, "team.error.noSuchUser"));
			var other = jdbc.sql("select name from team_member where user_id = :u and id <> :id")
				.param("u", userId).param("id", memberId).query(String.class).optional();
			if (other.isPresent()) {
				throw new BusinessRuleException("userId", user.username() + " is already linked to " + other.get(),
						"team.error.userTaken", user.username(), other.get());
			}
			if (userId.equals(before.userId())) return before;
			jdbc.sql("update team_member set user_id = :u where id = :id").param("u", userId).param("id", memberId).update();
			audit.record("team.member-linked", "team_member", memberId, before.name() + " signs in as " + user.username());
		}
		else if (before.userId() != null) {
			jdbc.sql("update team_member set user_id = null where id = :id").param("id", memberId).update();
			audit.record("team.member-unlinked", "team_member", memberId, before.name() + " is linked to no user");
		}
		return member(memberId);
	}

	@Transactional
	public TeamMember update(UUID id, MemberUpdate u) {
		TeamMember before = member(id);
		jdbc.sql("""
				update team_member set capacity = coalesce(:capacity, capacity),
				  segments = coalesce(:segments::text[], segments), active = coalesce(:active, active) where id = :id""")
			.param("capacity", u.capacity()).param("segments", u.segments() == null ? null : array(u.segments()))
			.param("active", u.active()).param("id", id).update();
		TeamMember after = member(id);
		audit.record("team.member-updated", "team_member", id,
				"capacity " + before.capacity() + " → " + after.capacity() + ", segments " + after.segments());
		refreshOverCapacity(id);
		return after;
	}

	/**
	 * PPL-1: gives the project its auto-assigned roles. Among active members of the role who
	 * serve the segment, the one with the lowest utilisation and spare capacity wins; when
	 * nobody has spare capacity the least-loaded is assigned and the assignment is flagged
	 * over capacity, never overloading silently.
	 */
	@Transactional
	public void assignFor(UUID projectId, UUID accountId, Segment segment) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// The picked members' rows stay locked until commit, so picking them as the creating transaction's last
			// step (rather than in the middle of it, with the plan, training and RACI still to write) keeps concurrent
			// contracts from queueing behind each other for their whole transaction. Only the audit entries, written
			// together at commit (AuditLog#deferToCommit), come after it.
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					assignNow(projectId, accountId, segment);
				}

				@Override
				public int getOrder() {
					return Ordered.LOWEST_PRECEDENCE - 1;
				}
			});
			return;
		}
		assignNow(projectId, accountId, segment);
	}

	private void assignNow(UUID projectId, UUID accountId, Segment segment) {
		// One assigner per segment at a time (until commit, a few milliseconds away): the roles' rows are then always
		// locked in the same order and two contracts never each hold a member the other waits for.
		jdbc.sql("select pg_advisory_xact_lock(hashtext('team-assignment:' || :s))").param("s", segment.name())
			.query((rs, n) -> 1).list();
		for (TeamRole role : props.autoAssignFor(segment)) {
			// Row locks instead of a global lock: concurrent contracts each take the best member
			// nobody else is assigning right now; only when all are busy do they wait.
			Optional<TeamMember> pick = pickWithRoom(role, segment);
			boolean over = pick.map(m -> m.load() + 1 > m.capacity()).orElse(true);
			insertAssignment(projectId, role, pick.map(TeamMember::id).orElse(null), segment, over, "auto");
			if (role == TeamRole.CSM && pick.isPresent()) {
				accounts.assignOwnerCsm(accountId, pick.get().id());
			}
			audit.record("team.assigned", "project", projectId,
					role + " → " + pick.map(TeamMember::name).orElse("nobody available") + (over ? " (over capacity)" : ""));
		}
	}

	private Optional<TeamMember> candidate(TeamRole role, Segment segment, String locking) {
		// Members with room come first, whatever their utilisation: nobody is overloaded while someone has room.
		return jdbc.sql(MEMBER_SELECT + " " + """
				where m.role = :role and m.active and (cardinality(m.segments) = 0 or :segment = any(m.segments))
				order by m.active_projects >= m.capacity, m.active_projects::float / m.capacity, m.name limit 1 """ + " " + locking)
			.param("role", role.name()).param("segment", segment.name()).query(Team::mapMember).optional();
	}

	/**
	 * The member to assign: the best one nobody else is assigning right now, unless that one has no room — then
	 * a member with room who is being assigned concurrently is waited for rather than skipped, so a contract is
	 * never given to someone over capacity while someone with room exists.
	 */
	private Optional<TeamMember> pickWithRoom(TeamRole role, Segment segment) {
		Optional<TeamMember> free = candidate(role, segment, "for update of m skip locked");
		if (free.isPresent() && free.get().load() + 1 <= free.get().capacity()) {
			return free;
		}
		return candidate(role, segment, "for update of m");
	}

	/**
	 * What a manager should know before giving a project's role to a member: the project's segment, whether the
	 * member serves it, whether they would be over capacity, and who has the role now (to undo).
	 */
	public record ReassignCheck(TeamMember member, Segment segment, boolean outsideSegment, boolean overCapacity,
			UUID currentMemberId, String currentMemberName) {

		public boolean warns() {
			return outsideSegment || overCapacity;
		}
	}

	/** The segment a project's team was assigned for. */
	public Optional<Segment> segmentOf(UUID projectId) {
		return jdbc.sql("select segment from project_assignment where project_id = :p limit 1")
			.param("p", projectId).query(String.class).optional().map(Segment::valueOf);
	}

	public ReassignCheck checkReassign(UUID projectId, TeamRole role, UUID memberId) {
		TeamMember member = member(memberId);
		Segment segment = segmentOf(projectId).orElseThrow(() -> new NotFoundException("Project team", projectId));
		var current = assignments(projectId).stream().filter(a -> a.role() == role).findFirst();
		boolean same = current.map(a -> memberId.equals(a.memberId())).orElse(false);
		return new ReassignCheck(member, segment, !member.segments().isEmpty() && !member.segments().contains(segment),
				!same && member.load() + 1 > member.capacity(), current.map(Assignment::memberId).orElse(null),
				current.map(Assignment::memberName).orElse(null));
	}

	@Transactional
	public Assignment reassign(UUID projectId, TeamRole role, UUID memberId) {
		TeamMember member = member(memberId);
		if (member.role() != role) {
			throw BusinessRuleException.of("memberId", "error.team.wrongRole", member.name(),
					BusinessRuleException.label("role.", member.role()), BusinessRuleException.label("role.", role));
		}
		if (!member.active()) {
			throw BusinessRuleException.of("memberId", "error.team.inactive", member.name());
		}
		var existing = assignments(projectId).stream().filter(a -> a.role() == role).findFirst();
		boolean closed = jdbc.sql("select exists(select 1 from project_assignment where project_id = :p and not active)")
			.param("p", projectId).query(Boolean.class).single();
		if (closed) {
			throw BusinessRuleException.of("projectId", "error.team.projectClosed");
		}
		Segment segment = jdbc.sql("select segment from project_assignment where project_id = :p limit 1")
			.param("p", projectId).query(String.class).optional().map(Segment::valueOf)
			.orElseThrow(() -> new NotFoundException("Project team", projectId));
		boolean sameMember = existing.map(a -> memberId.equals(a.memberId())).orElse(false);
		boolean over = !sameMember && member.load() + 1 > member.capacity();
		jdbc.sql("delete from project_assignment where project_id = :p and role = :r").param("p", projectId)
			.param("r", role.name()).update();
		existing.map(Assignment::memberId).filter(id -> id != null).ifPresent(id -> countLoad(id, -1));
		insertAssignment(projectId, role, memberId, segment, sameMember ? member.overCapacity() : over,
				AuditLog.currentActor());
		existing.map(Assignment::memberId).filter(id -> id != null && !id.equals(memberId)).ifPresent(this::refreshOverCapacity);
		audit.record("team.reassigned", "project", projectId, role + " "
				+ existing.map(Assignment::memberName).orElse("nobody") + " → " + member.name());
		return assignments(projectId).stream().filter(a -> a.role() == role).findFirst().orElseThrow();
	}

	public List<Assignment> assignments(UUID projectId) {
		return jdbc.sql("""
				select a.project_id, a.role, a.member_id, m.name, a.over_capacity, a.assigned_at, a.assigned_by
				from project_assignment a left join team_member m on m.id = a.member_id
				where a.project_id = :p order by a.role""")
			.param("p", projectId)
			.query((rs, n) -> new Assignment(rs.getObject(1, UUID.class), TeamRole.valueOf(rs.getString(2)),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getBoolean(5), rs.getTimestamp(6).toInstant(),
					rs.getString(7)))
			.list();
	}

	/** PPL-5: expected hours per week on a project, per vendor and customer role. */
	public Map<OwnerRole, TeamProperties.Hours> hoursPerWeek() {
		return new LinkedHashMap<>(props.hoursPerWeek());
	}

	/** PPL-5: hours in total over their phase (training lead, SMEs, end users), not per week. */
	public Map<OwnerRole, TeamProperties.Hours> phaseTotalHours() {
		return new LinkedHashMap<>(props.phaseTotalHours());
	}

	/**
	 * Fills the project's roles nobody could take when it was assigned (no member served the segment):
	 * the same choice as {@link #assignFor}. Returns how many roles were filled; the automation's
	 * "assign an owner" action.
	 */
	@Transactional
	public int assignUnfilled(UUID projectId, UUID accountId) {
		record Open(TeamRole role, Segment segment) {
		}
		int filled = 0;
		for (Open open : jdbc.sql("""
				select role, segment from project_assignment
				where project_id = :p and active and member_id is null order by role for update""")
			.param("p", projectId)
			.query((rs, n) -> new Open(TeamRole.valueOf(rs.getString(1)), Segment.valueOf(rs.getString(2)))).list()) {
			Optional<TeamMember> pick = pickWithRoom(open.role(), open.segment());
			if (pick.isEmpty()) continue;
			TeamMember m = pick.get();
			countLoad(m.id(), 1);
			jdbc.sql("""
					update project_assignment set member_id = :m, over_capacity = :over, assigned_at = :at, assigned_by = 'automation'
					where project_id = :p and role = :r""")
				.param("m", m.id()).param("over", m.load() + 1 > m.capacity()).param("at", Timestamp.from(clock.instant()))
				.param("p", projectId).param("r", open.role().name()).update();
			if (open.role() == TeamRole.CSM) {
				accounts.assignOwnerCsm(accountId, m.id());
			}
			audit.record("team.assigned", "project", projectId, open.role() + " → " + m.name() + " (automation)");
			filled++;
		}
		return filled;
	}

	@Transactional
	public void release(UUID projectId) {
		List<UUID> members = jdbc.sql("""
				update project_assignment set active = false where project_id = :p and active and member_id is not null
				returning member_id""")
			.param("p", projectId).query(UUID.class).list();
		members.forEach(m -> {
			countLoad(m, -1);
			refreshOverCapacity(m);
		});
	}

	/** After a member's load or capacity changes, their flags tell the truth again. */
	private void refreshOverCapacity(UUID memberId) {
		jdbc.sql("""
				update project_assignment a set over_capacity = m.active_projects > m.capacity
				from team_member m where m.id = :m and a.member_id = m.id and a.active""")
			.param("m", memberId).update();
	}

	private void countLoad(UUID memberId, int delta) {
		jdbc.sql("update team_member set active_projects = active_projects + :d where id = :m").param("d", delta)
			.param("m", memberId).update();
	}

	private void insertAssignment(UUID projectId, TeamRole role, UUID memberId, Segment segment, boolean over, String by) {
		if (memberId != null) countLoad(memberId, 1);
		jdbc.sql("""
				insert into project_assignment (project_id, role, member_id, segment, over_capacity, assigned_at, assigned_by)
				values (:p, :r, :m, :s, :over, :at, :by)""")
			.param("p", projectId).param("r", role.name()).param("m", memberId).param("s", segment.name())
			.param("over", over).param("at", Timestamp.from(clock.instant())).param("by", by).update();
	}

	private static String array(Set<Segment> segments) {
		return segments.stream().map(Segment::name).sorted().collect(Collectors.joining(",", "{", "}"));
	}

	private static TeamMember mapMember(ResultSet rs, int n) throws SQLException {
		Set<Segment> segments = EnumSet.noneOf(Segment.class);
		Arrays.stream((Object[]) rs.getArray("segments").getArray()).map(o -> Segment.valueOf(o.toString()))
			.forEach(segments::add);
		return new TeamMember(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getString("email"), TeamRole.valueOf(rs.getString("role")), segments, rs.getInt("capacity"),
				rs.getBoolean("active"), rs.getInt("load"));
	}
}
