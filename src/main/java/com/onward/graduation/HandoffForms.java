package com.onward.graduation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.onboarding.MilestoneGate;
import com.onward.onboarding.PlanItem;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Texts;
import com.onward.stakeholder.Stakeholders;

import jakarta.validation.constraints.Size;

/**
 * The structured sales → CS handoff form of a project (use case, business problem, measurable success
 * criteria, timeline expectations, stakeholders, promises made, risks, dependencies). Until it is saved
 * it is prefilled from what the contract brought (the account's use case, mapped from the CRM when a
 * connection exists, and the contacts); completing the kickoff milestone needs the required fields.
 */
@Service
@Order(1)
public class HandoffForms implements MilestoneGate {

	/** The form's fields, in the order shown. */
	public static final List<String> FIELDS = List.of("useCase", "businessProblem", "successCriteria",
			"timelineExpectations", "stakeholders", "promisesMade", "risks", "dependencies");

	private static final List<String> COLUMNS = List.of("use_case", "business_problem", "success_criteria",
			"timeline_expectations", "stakeholders", "promises_made", "risks", "dependencies");

	/** What a person enters; a blank field is stored as empty. */
	public record FormInput(@Size(max = 4000) String useCase, @Size(max = 4000) String businessProblem,
			@Size(max = 4000) String successCriteria, @Size(max = 4000) String timelineExpectations,
			@Size(max = 4000) String stakeholders, @Size(max = 4000) String promisesMade, @Size(max = 4000) String risks,
			@Size(max = 4000) String dependencies) {

		Map<String, String> values() {
			var m = new LinkedHashMap<String, String>();
			m.put("useCase", useCase);
			m.put("businessProblem", businessProblem);
			m.put("successCriteria", successCriteria);
			m.put("timelineExpectations", timelineExpectations);
			m.put("stakeholders", stakeholders);
			m.put("promisesMade", promisesMade);
			m.put("risks", risks);
			m.put("dependencies", dependencies);
			return m;
		}
	}

	/**
	 * The form as stored ({@code saved}) or as prefilled from the contract; {@code missing} lists the
	 * required fields still empty in what is stored.
	 */
	public record Form(UUID projectId, String useCase, String businessProblem, String successCriteria,
			String timelineExpectations, String stakeholders, String promisesMade, String risks, String dependencies,
			boolean saved, String updatedBy, Instant updatedAt, List<String> missing) {

		public boolean complete() {
			return missing.isEmpty();
		}

		/** A field's value by its name in {@link #FIELDS}. */
		public String value(String field) {
			return switch (field) {
				case "useCase" -> useCase;
				case "businessProblem" -> businessProblem;
				case "successCriteria" -> successCriteria;
				case "timelineExpectations" -> timelineExpectations;
				case "stakeholders" -> stakeholders;
				case "promisesMade" -> promisesMade;
				case "risks" -> risks;
				case "dependencies" -> dependencies;
				default -> throw new IllegalArgumentException(field);
			};
		}
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final Stakeholders stakeholders;
	private final HandoffProperties props;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;

	HandoffForms(JdbcClient jdbc, Projects projects, Accounts accounts, Stakeholders stakeholders,
			HandoffProperties props, MessageSource messages, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.stakeholders = stakeholders;
		this.props = props;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/** The project's form: stored, or prefilled from the contract (not yet saved). */
	public Form form(UUID projectId) {
		Project project = projects.get(projectId);
		return stored(projectId).orElseGet(() -> prefilled(project));
	}

	/** The stored form, if a person saved one. */
	public Optional<Form> stored(UUID projectId) {
		return jdbc.sql("select " + String.join(", ", COLUMNS) + ", updated_by, updated_at from handoff_form where project_id = :p")
			.param("p", projectId)
			.query((rs, n) -> {
				var values = new LinkedHashMap<String, String>();
				for (int i = 0; i < FIELDS.size(); i++) values.put(FIELDS.get(i), rs.getString(i + 1));
				return form(projectId, values, true, rs.getString(9), rs.getTimestamp(10).toInstant());
			})
			.optional();
	}

	private Form prefilled(Project project) {
		Account account = accounts.get(project.accountId());
		var values = new LinkedHashMap<String, String>();
		FIELDS.forEach(f -> values.put(f, null));
		values.put("useCase", Texts.blankToNull(account.useCase()));
		List<String> people = stakeholders.contacts(project.accountId()).stream()
			.map(c -> c.name() + (c.title() == null || c.title().isBlank() ? "" : ", " + c.title()) + " (" + messages.getMessage("contactRole." + c.role(), null, String.valueOf(c.role()), LocaleContextHolder.getLocale()) + ")")
			.toList();
		values.put("stakeholders", people.isEmpty() ? null : String.join("\n", people));
		return form(project.id(), values, false, null, null);
	}

	private Form form(UUID projectId, Map<String, String> v, boolean saved, String by, Instant at) {
		List<String> missing = saved ? props.requiredFields().stream().filter(f -> Texts.blankToNull(v.get(f)) == null).toList()
				: List.copyOf(props.requiredFields());
		return new Form(projectId, v.get("useCase"), v.get("businessProblem"), v.get("successCriteria"),
				v.get("timelineExpectations"), v.get("stakeholders"), v.get("promisesMade"), v.get("risks"),
				v.get("dependencies"), saved, by, at, missing);
	}

	/** Saves the whole form (empty fields included); the kickoff stays blocked while a required one is empty. */
	@Transactional
	public Form save(UUID projectId, FormInput in) {
		Project project = projects.get(projectId);
		Map<String, String> values = in.values();
		var params = new LinkedHashMap<String, Object>();
		for (int i = 0; i < FIELDS.size(); i++) {
			String v = Texts.blankToNull(values.get(FIELDS.get(i)));
			params.put(COLUMNS.get(i), v == null ? null : v.strip());
		}
		jdbc.sql("""
				insert into handoff_form (project_id, account_id, use_case, business_problem, success_criteria,
				  timeline_expectations, stakeholders, promises_made, risks, dependencies, updated_by, updated_at)
				values (:p, :a, :use_case, :business_problem, :success_criteria, :timeline_expectations, :stakeholders,
				  :promises_made, :risks, :dependencies, :by, :at)
				on conflict (project_id) do update set use_case = excluded.use_case,
				  business_problem = excluded.business_problem, success_criteria = excluded.success_criteria,
				  timeline_expectations = excluded.timeline_expectations, stakeholders = excluded.stakeholders,
				  promises_made = excluded.promises_made, risks = excluded.risks, dependencies = excluded.dependencies,
				  updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.params(params).param("p", projectId).param("a", project.accountId())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("handoff.form-saved", "project", projectId, "");
		return stored(projectId).orElseThrow();
	}

	/** The kickoff needs the saved form with every required field. */
	@Override
	public void checkCompletion(Project project, PlanItem item) {
		if (!props.kickoffItems().contains(item.key())) return;
		List<String> missing = stored(project.id()).map(Form::missing).orElse(props.requiredFields());
		if (missing.isEmpty()) return;
		Locale locale = LocaleContextHolder.getLocale();
		throw new BusinessRuleException("handoffForm",
				"fill in the sales handoff form before completing the kickoff; missing: " + String.join(", ", missing),
				"error.handoff.incompleteBeforeKickoff", labels(missing, locale));
	}

	/** The fields' names in a language, comma-separated. */
	String labels(List<String> fields, Locale locale) {
		var names = new ArrayList<String>();
		fields.forEach(f -> names.add(messages.getMessage("handoff.field." + f, null, f, locale)));
		return String.join(", ", names);
	}

	/** What the ongoing CSM gets in the graduation handoff package. */
	Map<String, Object> packageOf(UUID projectId) {
		var m = new LinkedHashMap<String, Object>();
		stored(projectId).ifPresent(f -> FIELDS.forEach(field -> {
			if (f.value(field) != null) m.put(field, f.value(field));
		}));
		return m;
	}
}
