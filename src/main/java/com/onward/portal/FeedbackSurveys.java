package com.onward.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.account.RenewalOutcome;
import com.onward.account.RenewalRecorded;
import com.onward.graduation.ProjectGraduated;
import com.onward.graduation.ReadyToComplete;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Stakeholders;
import com.onward.survey.SurveyAnswered;
import com.onward.survey.Surveys;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The feedback loop's surveys to the customer: the tech-touch day-30 goal survey (daily, for running projects
 * of the configured segments), the NPS survey at graduation and the exit interview of a churned customer.
 * Each goes once (keyed by project or renewal) to the project lead (else a champion, else the first contact
 * with an address): answered in the portal when that contact has portal access, by email otherwise.
 */
@Service
public class FeedbackSurveys {

	private final Surveys surveys;
	private final Stakeholders stakeholders;
	private final Accounts accounts;
	private final PortalAccess access;
	private final JdbcClient jdbc;
	private final FeedbackSurveyProperties props;
	private final Clock clock;
	private final ReadyToComplete ready;

	FeedbackSurveys(Surveys surveys, Stakeholders stakeholders, Accounts accounts, PortalAccess access, JdbcClient jdbc,
			FeedbackSurveyProperties props, Clock clock, ReadyToComplete ready) {
		this.ready = ready;
		this.surveys = surveys;
		this.stakeholders = stakeholders;
		this.accounts = accounts;
		this.access = access;
		this.jdbc = jdbc;
		this.props = props;
		this.clock = clock;
	}

	@Scheduled(cron = "${onward.portal.feedback-surveys.cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "portal-goal-surveys")
	void scheduled() {
		sendGoalSurveys();
	}

	/** Sends the day-N goal survey to the running projects of the configured segments that reached day N; returns how many. */
	public int sendGoalSurveys() {
		if (props.goalSegments().isEmpty()) return 0;
		LocalDate today = LocalDate.now(clock);
		List<UUID[]> due = jdbc.sql("""
				select a.account_id, p.project_id from account_v a
				join onboarding_project_v p on p.project_id = a.current_project_id and p.running
				where a.segment = any(:segments) and p.start_date <= :latest and p.start_date >= :earliest
				  and not exists (select 1 from survey_request_v s where s.uniqueness_key = 'goal:' || p.project_id)""")
			.param("segments", props.goalSegments().stream().map(Enum::name).toArray(String[]::new))
			.param("latest", today.minusDays(props.goalDay()))
			.param("earliest", today.minusDays(props.goalDay() + props.goalCatchUpDays()))
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list();
		int sent = 0;
		for (UUID[] d : due) {
			if (send("goal:" + d[1], d[0], Surveys.Kind.GOAL)) sent++;
		}
		return sent;
	}

	/** A yes to the goal survey is the customer's confirmation of value, and may list the project for completion. */
	@ApplicationModuleListener
	void on(SurveyAnswered e) {
		if (e.kind() != Surveys.Kind.GOAL || e.score() != 1) return;
		String who = surveys.find(e.surveyId()).map(Surveys.Survey::recipient).orElse(null);
		ready.goalAchieved(e.accountId(), e.surveyId(), who, e.comment());
	}

	@ApplicationModuleListener
	void on(ProjectGraduated e) {
		if (props.npsAtGraduation()) send("nps:graduation:" + e.projectId(), e.accountId(), Surveys.Kind.NPS);
	}

	@ApplicationModuleListener
	void on(RenewalRecorded e) {
		if (props.exitInterview() && e.outcome() == RenewalOutcome.CHURNED) {
			send("exit:" + e.renewalId(), e.accountId(), Surveys.Kind.EXIT);
		}
	}

	/** Sends one survey to the account's customer contact: in the portal when they can sign in, else by email. */
	@Transactional
	boolean send(String key, UUID accountId, Surveys.Kind kind) {
		// An account deleted meanwhile (a churned customer's data removed) gets no survey; see findForWriting.
		Account account = accounts.findForWriting(accountId).orElse(null);
		if (account == null) return false;
		Contact contact = stakeholders.contacts(accountId).stream().filter(c -> c.email() != null && !c.email().isBlank())
			.min(Comparator.comparing((Contact c) -> c.role() != ContactRole.PROJECT_LEAD)
				.thenComparing(c -> c.role() != ContactRole.CHAMPION))
			.orElse(null);
		if (contact == null) return false;
		boolean inPortal = access.accountEnabled(accountId) && access.contacts(accountId).stream()
			.anyMatch(c -> c.contactId().equals(contact.id()) && c.enabled());
		return surveys.send(key, accountId, kind, contact.email(), contact.name(), account.language(), !inPortal);
	}
}
