package com.onward.graduation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.onward.onboarding.ItemStatus;
import com.onward.onboarding.Project;
import com.onward.shared.ContactRole;
import com.onward.stakeholder.Contact;
import com.onward.stakeholder.Stakeholders;
import com.onward.success.Criterion;
import com.onward.success.SuccessPlans;
import com.onward.training.Training;
import com.onward.usage.Adoption;
import com.onward.usage.AdoptionMetrics;

/**
 * Suggests each dimension's 0–10 score from the data (GRD-2), with the evidence behind it as a
 * message key and arguments. A dimension without data gets no suggestion: the CSM scores it.
 */
@Component
class Suggestions {

	/** A suggested score (null: no data) and why. */
	record Suggestion(Dimension dimension, BigDecimal score, String evidenceKey, List<Object> evidence) {
	}

	private static final Set<String> UAT_KEYS = Set.of("uat", "d-uat", "test-validate");
	private static final Set<ContactRole> KEY_CONTACTS = Set.of(ContactRole.EXECUTIVE_SPONSOR, ContactRole.CHAMPION,
			ContactRole.PROJECT_LEAD);

	private final Training training;
	private final Adoption adoption;
	private final SuccessPlans success;
	private final Stakeholders stakeholders;
	private final ReadinessProperties readiness;

	Suggestions(Training training, Adoption adoption, SuccessPlans success, Stakeholders stakeholders,
			ReadinessProperties readiness) {
		this.readiness = readiness;
		this.training = training;
		this.adoption = adoption;
		this.success = success;
		this.stakeholders = stakeholders;
	}

	Map<Dimension, Suggestion> suggest(Project project, LocalDate today) {
		var map = new EnumMap<Dimension, Suggestion>(Dimension.class);
		map.put(Dimension.TECHNICAL, technical(project));
		map.put(Dimension.KNOWLEDGE, knowledge(project));
		map.put(Dimension.ADOPTION, adoption(project, today));
		map.put(Dimension.VALUE, value(project));
		map.put(Dimension.STAKEHOLDER, stakeholder(project));
		return map;
	}

	/** Plan items done; without UAT sign-off at most 7. */
	Suggestion technical(Project p) {
		var items = p.items();
		long done = items.stream().filter(i -> i.status() == ItemStatus.DONE || i.status() == ItemStatus.SKIPPED).count();
		var uat = items.stream().filter(i -> UAT_KEYS.contains(i.key())).toList();
		boolean uatSigned = !uat.isEmpty() && uat.stream().allMatch(i -> i.status() == ItemStatus.DONE);
		BigDecimal score = ten(done, items.size());
		if (!uat.isEmpty() && !uatSigned) {
			score = score.min(BigDecimal.valueOf(7));
		}
		return new Suggestion(Dimension.TECHNICAL, score, "graduation.evidence.technical",
				List.of(done, items.size(), uat.isEmpty() ? "-" : uatSigned ? "✓" : "✗"));
	}

	/** 60 % training completion, 40 % assessments passed; no training held: no suggestion. */
	Suggestion knowledge(Project p) {
		Training.Stats s = training.stats(p.id());
		if (s.completionRate() == null) {
			return new Suggestion(Dimension.KNOWLEDGE, null, "graduation.evidence.knowledge.none", List.of());
		}
		double pass = s.passRate() == null ? s.completionRate() : s.passRate();
		BigDecimal score = BigDecimal.valueOf(10 * (0.6 * s.completionRate() + 0.4 * pass)).setScale(1, RoundingMode.HALF_UP);
		return new Suggestion(Dimension.KNOWLEDGE, score, "graduation.evidence.knowledge",
				List.of(Math.round(s.completionRate() * 100), Math.round(pass * 100)));
	}

	/** ADO-4 thresholds met and usage not falling → 10; met but falling → 8; otherwise the share reached. */
	Suggestion adoption(Project p, LocalDate today) {
		if (!adoption.telemetryConnected()) {
			return new Suggestion(Dimension.ADOPTION, null, "graduation.evidence.adoption.none", List.of());
		}
		AdoptionMetrics m = adoption.metrics(p.accountId(), today);
		var checks = m.thresholds().checks();
		double share = checks.isEmpty() ? 0 : checks.stream()
			.mapToDouble(c -> c.actual() == null ? 0 : Math.min(1, c.actual() / c.threshold())).average().orElse(0);
		boolean growing = m.weekOverWeekChange() >= 0;
		BigDecimal score = m.thresholds().met() ? BigDecimal.valueOf(growing ? 10 : 8)
				: BigDecimal.valueOf(8 * share).setScale(1, RoundingMode.HALF_UP);
		return new Suggestion(Dimension.ADOPTION, score, "graduation.evidence.adoption",
				List.of(Math.round(share * 100), m.weekOverWeekChange()));
	}

	/**
	 * Average progress of the criteria; met but unconfirmed at most 8; while no criterion is met,
	 * at most the configured cap (below the floor: value is not green before it is measured).
	 */
	Suggestion value(Project p) {
		List<Criterion> criteria = success.criteria(p.id());
		if (criteria.isEmpty()) {
			return new Suggestion(Dimension.VALUE, BigDecimal.ZERO, "graduation.evidence.value.none", List.of());
		}
		double progress = criteria.stream().mapToInt(c -> c.progressPercent() == null ? 0 : c.progressPercent())
			.average().orElse(0);
		long confirmed = criteria.stream().filter(c -> !c.confirmations().isEmpty()).count();
		BigDecimal score = BigDecimal.valueOf(progress / 10).setScale(1, RoundingMode.HALF_UP);
		if (confirmed < criteria.size()) {
			score = score.min(BigDecimal.valueOf(8));
		}
		if (criteria.stream().noneMatch(Criterion::reached)) {
			score = score.min(readiness.valueCapUntilMet());
		}
		return new Suggestion(Dimension.VALUE, score, "graduation.evidence.value",
				List.of(Math.round(progress), confirmed, criteria.size()));
	}

	/** Key contacts' sentiment (positive 10, neutral 6, negative 1); none rated: no suggestion. */
	Suggestion stakeholder(Project p) {
		List<Contact> rated = stakeholders.contacts(p.accountId()).stream()
			.filter(c -> KEY_CONTACTS.contains(c.role()) && !"UNKNOWN".equals(c.sentiment().name())).toList();
		if (rated.isEmpty()) {
			return new Suggestion(Dimension.STAKEHOLDER, null, "graduation.evidence.stakeholder.none", List.of());
		}
		double avg = rated.stream().mapToInt(c -> switch (c.sentiment().name()) {
			case "POSITIVE" -> 10;
			case "NEUTRAL" -> 6;
			default -> 1;
		}).average().orElse(0);
		long positive = rated.stream().filter(c -> "POSITIVE".equals(c.sentiment().name())).count();
		return new Suggestion(Dimension.STAKEHOLDER, BigDecimal.valueOf(avg).setScale(1, RoundingMode.HALF_UP),
				"graduation.evidence.stakeholder", List.of(positive, rated.size()));
	}

	private static BigDecimal ten(long part, long whole) {
		return whole == 0 ? BigDecimal.ZERO
				: BigDecimal.valueOf(10.0 * part / whole).setScale(1, RoundingMode.HALF_UP);
	}
}
