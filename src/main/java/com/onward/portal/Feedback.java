package com.onward.portal;

import java.util.Comparator;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.graduation.ProjectGraduated;
import com.onward.onboarding.ItemCompleted;
import com.onward.onboarding.Projects;
import com.onward.playbook.ItemKind;
import com.onward.playbook.PlaybookDefinition;
import com.onward.playbook.Playbooks;
import com.onward.shared.ContactRole;
import com.onward.shared.LocalizedText;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Sentiment;
import com.onward.stakeholder.Stakeholders;
import com.onward.survey.SurveyAnswered;
import com.onward.survey.Surveys;

import tools.jackson.databind.ObjectMapper;

/**
 * Milestone CSAT: after each completed milestone flagged for it in the project's playbook version
 * ({@link com.onward.playbook.PlaybookDefinition.Item#asksForCsat()}: kickoff, go-live and
 * graduation by default), and after a project's graduation, the account's customer contact gets a one-question CSAT through the
 * survey module, answerable from the email or in the portal, once. A CSAT answer becomes the
 * contact's sentiment, which the health score's sentiment component reads; a low score is a
 * detractor, for which the shipped SURVEY_DETRACTOR rule makes the CSM a task.
 */
@Service
class Feedback {

	private final Surveys surveys;
	private final Stakeholders stakeholders;
	private final Accounts accounts;
	private final JdbcClient jdbc;
	private final Projects projects;
	private final Playbooks playbooks;
	private final ObjectMapper json;

	Feedback(Surveys surveys, Stakeholders stakeholders, Accounts accounts, JdbcClient jdbc, Projects projects,
			Playbooks playbooks, ObjectMapper json) {
		this.surveys = surveys;
		this.stakeholders = stakeholders;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.projects = projects;
		this.playbooks = playbooks;
		this.json = json;
	}

	@ApplicationModuleListener
	void on(ItemCompleted e) {
		if (e.kind() != ItemKind.MILESTONE || !asksForCsat(e)) return;
		LocalizedText name = jdbc.sql("select name from onboarding_customer_item_v where id = :id and account_id = :a")
			.param("id", e.itemId()).param("a", e.accountId())
			.query((rs, n) -> json.readValue(rs.getString(1), LocalizedText.class)).optional()
			.orElse(LocalizedText.of(e.itemKey()));
		send("csat:milestone:" + e.itemId(), e.accountId(), e.projectId(), e.itemId(), name);
	}

	/**
	 * The flag of the item in the playbook version the project started from (versions never
	 * change); an item added to the project by hand asks only when it is the go-live milestone.
	 */
	private boolean asksForCsat(ItemCompleted e) {
		UUID playbookId = projects.find(e.projectId()).map(p -> p.playbookId()).orElse(null);
		if (playbookId == null) return e.goLive();
		return playbooks.get(playbookId).definition().items().stream().filter(i -> i.key().equals(e.itemKey())).findFirst()
			.map(PlaybookDefinition.Item::asksForCsat).orElse(e.goLive());
	}

	@ApplicationModuleListener
	void on(ProjectGraduated e) {
		send("csat:graduation:" + e.projectId(), e.accountId(), e.projectId(), null,
				new LocalizedText("Graduation", "Kelulusan", "Tamat onboarding"));
	}

	@Transactional
	void send(String key, UUID accountId, UUID projectId, UUID itemId, LocalizedText topic) {
		Account account = accounts.get(accountId);
		Contact contact = stakeholders.contacts(accountId).stream().filter(c -> c.email() != null && !c.email().isBlank())
			.min(Comparator.comparing((Contact c) -> c.role() != ContactRole.PROJECT_LEAD)
				.thenComparing(c -> c.role() != ContactRole.CHAMPION))
			.orElse(null);
		if (contact == null) return;
		jdbc.sql("""
				insert into portal_csat (survey_key, account_id, project_id, item_id, topic) values (:k, :a, :p, :i, :t::jsonb)
				on conflict do nothing""")
			.param("k", key).param("a", accountId).param("p", projectId).param("i", itemId)
			.param("t", json.writeValueAsString(topic)).update();
		surveys.send(key, accountId, Surveys.Kind.CSAT, contact.email(), contact.name(), account.language());
	}

	/** A CSAT answer is what the contact feels now: 4–5 positive, 3 neutral, 1–2 negative. */
	@ApplicationModuleListener
	void on(SurveyAnswered e) {
		if (e.kind() != Surveys.Kind.CSAT) return;
		surveys.find(e.surveyId()).ifPresent(s -> stakeholders.recordSentiment(e.accountId(), s.recipient(),
				e.score() >= 4 ? Sentiment.POSITIVE : e.score() == 3 ? Sentiment.NEUTRAL : Sentiment.NEGATIVE));
	}
}
