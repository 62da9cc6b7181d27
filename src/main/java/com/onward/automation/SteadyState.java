package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.graduation.Graduations;
import com.onward.graduation.ProjectGraduated;
import com.onward.messaging.Outbox;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Stakeholders;
import com.onward.team.Team;
import com.onward.team.TeamMember;

import tools.jackson.databind.ObjectMapper;

/**
 * The seeds' handover after graduation: the ongoing CSM introduces themself to the customer by email
 * (in the account's language), and tasks are created for the three-way transition call and the
 * steady-state cadence — monthly check-in, quarterly business review, annual planning. Each exists
 * once per project, however often the event is delivered.
 */
@Component
class SteadyState {

	static final String RULE = "STEADY_STATE";

	private final Graduations graduations;
	private final Accounts accounts;
	private final Stakeholders stakeholders;
	private final Team team;
	private final Outbox outbox;
	private final JdbcClient jdbc;
	private final SteadyStateProperties props;
	private final ObjectMapper json;
	private final Clock clock;

	SteadyState(Graduations graduations, Accounts accounts, Stakeholders stakeholders, Team team, Outbox outbox,
			JdbcClient jdbc, SteadyStateProperties props, ObjectMapper json, Clock clock) {
		this.graduations = graduations;
		this.accounts = accounts;
		this.stakeholders = stakeholders;
		this.team = team;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.props = props;
		this.json = json;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ProjectGraduated e) {
		Account account = accounts.get(e.accountId());
		String ongoing = graduations.find(e.projectId()).map(Graduations.Graduated::ongoingCsm).filter(s -> !s.isBlank())
			.orElse(null);
		Optional<TeamMember> onboardingCsm = Optional.ofNullable(account.ownerCsmId()).flatMap(this::member);
		Optional<TeamMember> ongoingMember = Optional.ofNullable(ongoing).flatMap(this::named);
		String ongoingName = ongoing != null ? ongoing : onboardingCsm.map(TeamMember::name).orElse("");
		String onboardingName = onboardingCsm.map(TeamMember::name).orElse("");
		recipient(e.accountId()).ifPresent(c -> {
			var values = new LinkedHashMap<String, String>();
			values.put("account", account.name());
			values.put("contact", c.name());
			values.put("csm", ongoingName);
			values.put("onboardingCsm", onboardingName);
			values.put("days", String.valueOf(props.transitionCallDays()));
			outbox.enqueue("graduated-intro:" + e.projectId(), "ongoing-csm-introduction", e.accountId(), c.email(),
					e.language(), values);
		});
		UUID assignee = ongoingMember.or(() -> onboardingCsm).map(TeamMember::id).orElse(null);
		LocalDate on = e.graduatedOn();
		task(e, "TRANSITION_CALL", assignee, on.plusDays(props.transitionCallDays()),
				List.of(account.name(), onboardingName, ongoingName));
		task(e, "MONTHLY_CHECK_IN", assignee, on.plusDays(props.monthlyCheckInDays()), List.of(account.name()));
		task(e, "QUARTERLY_REVIEW", assignee, on.plusDays(props.quarterlyReviewDays()), List.of(account.name()));
		task(e, "ANNUAL_PLANNING", assignee, on.plusDays(props.annualPlanningDays()), List.of(account.name()));
	}

	private void task(ProjectGraduated e, String what, UUID assignee, LocalDate due, List<Object> args) {
		jdbc.sql("""
				insert into automation_task (id, uniqueness_key, rule_code, account_id, project_id, assignee_id, title_key,
				  args, due_on, created_at)
				values (:id, :key, :rule, :account, :project, :assignee, :title, cast(:args as jsonb), :due, :now)
				on conflict (uniqueness_key) do nothing""")
			.param("id", UUID.randomUUID()).param("key", "graduated:" + e.projectId() + ":" + what).param("rule", RULE)
			.param("account", e.accountId()).param("project", e.projectId()).param("assignee", assignee)
			.param("title", "task." + RULE + "_" + what).param("args", json.writeValueAsString(args)).param("due", due)
			.param("now", Timestamp.from(clock.instant())).update();
	}

	private Optional<TeamMember> member(UUID id) {
		return team.members().stream().filter(m -> m.id().equals(id)).findFirst();
	}

	/** The ongoing CSM as named at graduation: a team member by name or email address. */
	private Optional<TeamMember> named(String who) {
		String w = who.strip();
		return team.members().stream()
			.filter(m -> w.equalsIgnoreCase(m.name()) || (m.email() != null && w.equalsIgnoreCase(m.email()))).findFirst();
	}

	/** The project lead, else the first contact with an email address. */
	private Optional<Contact> recipient(UUID accountId) {
		var withEmail = stakeholders.contacts(accountId).stream().filter(c -> c.email() != null && !c.email().isBlank())
			.toList();
		return withEmail.stream().filter(c -> c.role() == ContactRole.PROJECT_LEAD).findFirst()
			.or(() -> withEmail.stream().findFirst());
	}

}
