package com.onward.success;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Accounts;
import com.onward.account.ProductType;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Projects;
import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.ObjectMapper;

/**
 * Success-criteria templates per product type and use case, and the quick-win idea library (VAL-1, VAL-4):
 * the vendor's own, edited by admins, in English, Bahasa Indonesia and Bahasa Melayu. A template becomes a
 * project's criterion in the account's language; an idea names a planned quick win.
 */
@Service
public class SuccessTemplates {

	public record Template(UUID id, ProductType productType, LocalizedText useCase, LocalizedText kpi,
			Criterion.Kind kind, String unit, LocalizedText evidenceMethod, int position) {
	}

	public record Idea(UUID id, int horizonDays, LocalizedText title, int position) {
	}

	/** A template as edited: every text in the three languages. */
	public record TemplateInput(ProductType productType, @NotNull Texts useCase, @NotNull Texts kpi,
			@NotNull Criterion.Kind kind, @Size(max = 50) String unit, Texts evidenceMethod, Integer position) {
	}

	public record IdeaInput(@NotNull Integer horizonDays, @NotNull Texts title, Integer position) {
	}

	/** A text in the three languages (each required, at most 300 characters). */
	public record Texts(String en, String id, String ms) {
	}

	/** A project's quick win from an idea of the library. */
	public record FromIdea(@NotNull UUID ideaId) {
	}

	/** A project's criterion from a template: the numbers the template leaves to the project. */
	public record FromTemplate(@NotNull UUID templateId, BigDecimal baseline, BigDecimal target, LocalDate deadline) {
	}

	private final JdbcClient jdbc;
	private final SuccessPlans plans;
	private final Projects projects;
	private final Accounts accounts;
	private final ObjectMapper json;
	private final AuditLog audit;
	private final Clock clock;

	SuccessTemplates(JdbcClient jdbc, SuccessPlans plans, Projects projects, Accounts accounts, ObjectMapper json,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.projects = projects;
		this.accounts = accounts;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	/** Templates for a product type (its own and those for any type), optionally one use case (any language). */
	public List<Template> templates(ProductType productType, String useCase) {
		String uc = useCase == null || useCase.isBlank() ? null : useCase.strip().toLowerCase(Locale.ROOT);
		return jdbc.sql("""
				select * from success_criterion_template
				where (cast(:pt as text) is null or product_type is null or product_type = :pt)
				  and (cast(:uc as text) is null or lower(use_case ->> 'en') = :uc or lower(use_case ->> 'id') = :uc
				       or lower(use_case ->> 'ms') = :uc)
				order by position, id""")
			.param("pt", productType == null ? null : productType.name()).param("uc", uc)
			.query((rs, n) -> new Template(rs.getObject("id", UUID.class),
					rs.getString("product_type") == null ? null : ProductType.valueOf(rs.getString("product_type")),
					text(rs.getString("use_case")), text(rs.getString("kpi")), Criterion.Kind.valueOf(rs.getString("kind")),
					rs.getString("unit"), rs.getString("evidence_method") == null ? null : text(rs.getString("evidence_method")),
					rs.getInt("position")))
			.list();
	}

	public Template template(UUID id) {
		return templates(null, null).stream().filter(t -> t.id().equals(id)).findFirst()
			.orElseThrow(() -> new NotFoundException("Success-criterion template", id));
	}

	@Transactional
	public Template saveTemplate(UUID id, TemplateInput in) {
		var errors = new ArrayList<InvalidInputException.FieldError>();
		check("useCase", in.useCase(), true, errors);
		check("kpi", in.kpi(), true, errors);
		check("evidenceMethod", in.evidenceMethod(), false, errors);
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
		UUID key = id == null ? UUID.randomUUID() : id;
		if (id != null) template(id);
		jdbc.sql("""
				insert into success_criterion_template (id, product_type, use_case, kpi, kind, unit, evidence_method, position,
				  updated_by, updated_at)
				values (:id, :pt, cast(:uc as jsonb), cast(:kpi as jsonb), :kind, :unit, cast(:ev as jsonb),
				  coalesce(:pos, (select coalesce(max(position), 0) + 10 from success_criterion_template)), :by, :at)
				on conflict (id) do update set product_type = excluded.product_type, use_case = excluded.use_case,
				  kpi = excluded.kpi, kind = excluded.kind, unit = excluded.unit, evidence_method = excluded.evidence_method,
				  position = coalesce(:pos, success_criterion_template.position), updated_by = excluded.updated_by,
				  updated_at = excluded.updated_at""")
			.param("id", key).param("pt", in.productType() == null ? null : in.productType().name())
			.param("uc", write(in.useCase())).param("kpi", write(in.kpi())).param("kind", in.kind().name())
			.param("unit", in.unit() == null || in.unit().isBlank() ? null : in.unit().strip())
			.param("ev", in.evidenceMethod() == null ? null : write(in.evidenceMethod())).param("pos", in.position())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("success-template.saved", "template", key, in.kpi().en());
		return template(key);
	}

	@Transactional
	public void deleteTemplate(UUID id) {
		if (jdbc.sql("delete from success_criterion_template where id = :id").param("id", id).update() == 0) {
			throw new NotFoundException("Success-criterion template", id);
		}
		audit.record("success-template.deleted", "template", id, null);
	}

	/** The project's new criterion from a template, in the account's language. */
	@Transactional
	public Criterion apply(UUID projectId, FromTemplate f) {
		Template t = template(f.templateId());
		Locale locale = Locale.forLanguageTag(accounts.get(projects.get(projectId).accountId()).language());
		return plans.define(projectId, new SuccessPlans.NewCriterion(t.useCase().in(locale), t.kpi().in(locale), t.unit(),
				t.kind(), f.baseline(), f.target(), f.deadline(),
				t.evidenceMethod() == null ? null : t.evidenceMethod().in(locale), null));
	}

	/** A quick win from an idea of the library, planned on the project at the idea's horizon, titled in the account's language. */
	@Transactional
	public QuickWin applyIdea(UUID projectId, UUID ideaId) {
		Idea idea = ideas(null).stream().filter(i -> i.id().equals(ideaId)).findFirst()
			.orElseThrow(() -> new NotFoundException("Quick-win idea", ideaId));
		Locale locale = Locale.forLanguageTag(accounts.get(projects.get(projectId).accountId()).language());
		return plans.planQuickWin(projectId, idea.horizonDays(), idea.title().in(locale));
	}

	public List<Idea> ideas(Integer horizonDays) {
		return jdbc.sql("""
				select id, horizon_days, title, position from quick_win_idea
				where cast(:h as int) is null or horizon_days = :h order by horizon_days, position, id""")
			.param("h", horizonDays)
			.query((rs, n) -> new Idea(rs.getObject(1, UUID.class), rs.getInt(2), text(rs.getString(3)), rs.getInt(4)))
			.list();
	}

	@Transactional
	public Idea saveIdea(UUID id, IdeaInput in) {
		var errors = new ArrayList<InvalidInputException.FieldError>();
		if (!List.of(30, 60, 90).contains(in.horizonDays())) {
			errors.add(new InvalidInputException.FieldError("horizonDays", "must be 30, 60 or 90"));
		}
		check("title", in.title(), true, errors);
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
		UUID key = id == null ? UUID.randomUUID() : id;
		if (id != null && ideas(null).stream().noneMatch(i -> i.id().equals(id))) {
			throw new NotFoundException("Quick-win idea", id);
		}
		jdbc.sql("""
				insert into quick_win_idea (id, horizon_days, title, position, updated_by, updated_at)
				values (:id, :h, cast(:t as jsonb), coalesce(:pos, (select coalesce(max(position), 0) + 10 from quick_win_idea)), :by, :at)
				on conflict (id) do update set horizon_days = excluded.horizon_days, title = excluded.title,
				  position = coalesce(:pos, quick_win_idea.position), updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("id", key).param("h", in.horizonDays()).param("t", write(in.title())).param("pos", in.position())
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("quick-win-idea.saved", "idea", key, in.title().en());
		return ideas(null).stream().filter(i -> i.id().equals(key)).findFirst().orElseThrow();
	}

	@Transactional
	public void deleteIdea(UUID id) {
		if (jdbc.sql("delete from quick_win_idea where id = :id").param("id", id).update() == 0) {
			throw new NotFoundException("Quick-win idea", id);
		}
		audit.record("quick-win-idea.deleted", "idea", id, null);
	}

	private static void check(String field, Texts t, boolean required, List<InvalidInputException.FieldError> errors) {
		if (t == null) {
			if (required) errors.add(new InvalidInputException.FieldError(field, "is required in en, id and ms"));
			return;
		}
		for (String[] lang : new String[][] { { "en", t.en() }, { "id", t.id() }, { "ms", t.ms() } }) {
			if (lang[1] == null || lang[1].isBlank()) {
				errors.add(new InvalidInputException.FieldError(field + "." + lang[0], "is required"));
			}
			else if (lang[1].length() > 300) {
				errors.add(new InvalidInputException.FieldError(field + "." + lang[0], "must be at most 300 characters"));
			}
		}
	}

	private String write(Texts t) {
		return json.writeValueAsString(new LocalizedText(t.en().strip(), t.id().strip(), t.ms().strip()));
	}

	private LocalizedText text(String value) {
		return json.readValue(value, LocalizedText.class);
	}
}
