package com.onward.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import com.onward.shared.Phrases;


/**
 * An account's health as people and integrations read it (HLT-1, "why is this 72?"): each
 * component with its inputs, contribution, change since last week and what would raise it,
 * the open red flags with their evidence, the leading indicators and the escalate-or-extend
 * guidance (HLT-5) — all texts in the viewer's language.
 */
@org.springframework.stereotype.Component
class HealthView {

	record View(UUID accountId, LocalDate asOf, Integer score, HealthBand band, Integer changeSinceLastWeek,
			Instant computedAt, List<ComponentView> components, List<FlagView> redFlags, List<IndicatorView> indicators,
			Guidance guidance) {
	}

	record ComponentView(String name, String label, double weight, double effectiveWeight, Integer score,
			double contribution, boolean noData, Map<String, Object> inputs, String explanation, String toRaise,
			Integer changeSinceLastWeek) {

		/** The inputs labelled in the viewer's language, rates as percentages (for the page; the API keeps the map). */
		@com.fasterxml.jackson.annotation.JsonIgnore
		public List<String> inputTexts(MessageSource messages) {
			Locale locale = LocaleContextHolder.getLocale();
			return inputs.entrySet().stream().map(e -> {
				Object v = e.getValue();
				boolean rate = (e.getKey().endsWith("Rate") || e.getKey().equals("activationTarget")
						|| e.getKey().equals("weeklyActiveTarget")) && v instanceof Number;
				String value = rate ? Math.round(((Number) v).doubleValue() * 100) + " %" : String.valueOf(v);
				return messages.getMessage("health.input." + e.getKey(), null, e.getKey(), locale) + " " + value;
			}).toList();
		}
	}

	record FlagView(UUID id, FlagCategory category, String code, String title, String evidence, Instant raisedAt,
			Instant clearedAt, CorrectiveProblem correctiveProblem, boolean manual) {
	}

	record IndicatorView(int week, long day, HealthRules.IndicatorStatus status, String missing) {
	}

	/** HLT-5: ESCALATE, EXTEND or NONE, with the reasons that led there. */
	record Guidance(String recommendation, List<String> reasons) {
	}

	private final MessageSource messages;
	private final Phrases phrases;

	HealthView(MessageSource messages, Phrases phrases) {
		this.messages = messages;
		this.phrases = phrases;
	}

	View of(Health.Stored stored, Health.HistoryPoint weekBefore, List<Health.Flag> flags,
			List<HealthRules.Indicator> indicators) {
		Locale locale = LocaleContextHolder.getLocale();
		var components = new ArrayList<ComponentView>();
		for (Component c : stored.components()) {
			Integer before = weekBefore == null ? null : weekBefore.components().stream()
				.filter(b -> b.name().equals(c.name())).findFirst().map(Component::score).orElse(null);
			components.add(new ComponentView(c.name(), text("health.component." + c.name(), locale), c.weight(),
					c.effectiveWeight(), c.score(), c.contribution(), !c.hasData(), c.inputs(),
					text(c.explanation(), locale), text(c.toRaise(), locale),
					c.score() == null || before == null ? null : c.score() - before));
		}
		Integer change = stored.score() == null || weekBefore == null || weekBefore.score() == null ? null
				: stored.score() - weekBefore.score();
		List<FlagView> flagViews = flags.stream().map(f -> flag(f, locale)).toList();
		List<IndicatorView> indicatorViews = indicators.stream()
			.map(i -> new IndicatorView(i.week(), i.day(), i.status(), String.join(", ",
					i.missing().stream().map(m -> text("health.indicator.check." + m, locale)).toList())))
			.toList();
		return new View(stored.accountId(), stored.asOf(), stored.score(), stored.band(), change, stored.computedAt(),
				components, flagViews, indicatorViews, guidance(stored, flags, locale));
	}

	FlagView flag(Health.Flag f, Locale locale) {
		Object[] args = f.evidence().toArray();
		if (FlagTexts.earlyWarning(f.code()) && args.length == 3) {
			// The third argument lists the missing checks by name: show them in the viewer's language.
			args = new Object[] { args[0], args[1], java.util.Arrays.stream(String.valueOf(args[2]).split(", "))
				.map(m -> text("health.indicator.check." + m, locale)).reduce((a, b) -> a + ", " + b).orElse("") };
		}
		if (f.code().equals("PROJECT_LEAD_UNRESPONSIVE") || f.code().equals("SPONSOR_MISSES_CHECK_INS")) {
			// The second argument is an engagement level: say it in the viewer's language.
			args = args.clone();
			args[1] = messages.getMessage("engagement." + args[1], null, String.valueOf(args[1]), locale);
		}
		args = phrases.spelledOut(args, locale);
		// No contact date recorded: say so rather than "last contact - days ago".
		boolean noContact = (f.code().equals("PROJECT_LEAD_UNRESPONSIVE") || f.code().equals("SPONSOR_MISSES_CHECK_INS"))
				&& args.length == 3 && (args[2] == null || "-".equals(String.valueOf(args[2])));
		String evidenceKey = FlagTexts.evidenceKey(f.code()) + (noContact ? ".noContact" : "");
		return new FlagView(f.id(), f.category(), f.code(),
				messages.getMessage(FlagTexts.titleKey(f.code()), args, f.code(), locale),
				messages.getMessage(evidenceKey, args, "", locale), f.raisedAt(), f.clearedAt(),
				f.category().problem(), f.manual());
	}

	private Guidance guidance(Health.Stored stored, List<Health.Flag> flags, Locale locale) {
		var escalate = new ArrayList<String>();
		for (Health.Flag f : flags) {
			switch (f.code()) {
				case "DISENGAGED_TWO_WEEKS" -> escalate.add(text("guidance.escalate.disengaged", locale));
				case "NEGATIVE_SENTIMENT" -> escalate.add(text("guidance.escalate.dissatisfaction", locale));
				case "RISING_SCOPE_REQUESTS" -> escalate.add(text("guidance.escalate.scope", locale));
				case "EXECUTIVE_ESCALATION" -> escalate.add(text("guidance.escalate.executiveEscalation", locale));
				default -> {
				}
			}
		}
		if (stored.band() == HealthBand.RED) {
			escalate.add(text("guidance.escalate.churnRisk", locale));
		}
		if (!escalate.isEmpty()) {
			return new Guidance("ESCALATE", escalate);
		}
		Object slip = stored.components().stream().filter(c -> c.name().equals("milestones")).findFirst()
			.map(c -> c.inputs().get("graduationSlipDays")).orElse(null);
		if (slip instanceof Number n && n.intValue() > 0) {
			return new Guidance("EXTEND", List.of(messages.getMessage("guidance.extend.slipping",
					new Object[] { n.intValue() }, locale)));
		}
		return new Guidance("NONE", List.of());
	}

	private String text(Component.Text t, Locale locale) {
		return messages.getMessage(t.key(), phrases.spelledOut(t.args().toArray(), locale), t.key(), locale);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
