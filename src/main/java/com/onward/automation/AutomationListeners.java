package com.onward.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.onward.account.ContractSigned;
import com.onward.account.ContractsSigned;
import com.onward.graduation.ProjectGraduated;
import com.onward.health.HealthBandChanged;
import com.onward.health.HealthBandsChanged;
import com.onward.health.RedFlagsRaised;
import com.onward.health.RedFlagRaised;
import com.onward.messaging.RecipientUnsubscribed;
import com.onward.onboarding.ItemCompleted;
import com.onward.playbook.ItemKind;
import com.onward.success.SuccessCriterionMet;
import com.onward.survey.SurveyAnswered;
import com.onward.training.TrainingModuleCompleted;
import com.onward.usage.EarlyWinDetected;

/**
 * The domain events that trigger EVENT rules (AUTO-1), after their transaction commits. The
 * occurrence names what happened (the contract, the item, the criterion…), so a redelivered event
 * fires nothing twice.
 */
@Component
class AutomationListeners {

	private final Automation automation;
	private final Sequences sequences;
	private final AutomationProperties props;
	private final Clock clock;

	AutomationListeners(Automation automation, Sequences sequences, AutomationProperties props, Clock clock) {
		this.clock = clock;
		this.automation = automation;
		this.sequences = sequences;
		this.props = props;
	}

	/** In the contract's transaction: the sequences it starts (a historical contract starts none). */
	@EventListener
	void enrol(ContractSigned e) {
		if (!e.historical()) {
			sequences.enrolOnSigning(e.accountId(), e.segment(), e.language(), signedOn(e), automation.rules());
		}
	}

	/**
	 * After commit: the CONTRACT_SIGNED rules, for every contract of the signing transaction at once (an import
	 * is one step per chunk). A historical contract emails the customer nothing; the welcome goes only while the
	 * signing is recent ({@code onward.automation.welcome-within-days}).
	 */
	@ApplicationModuleListener
	void on(ContractsSigned signed) {
		LocalDate recentFrom = LocalDate.now(clock).minusDays(props.welcomeWithinDays());
		automation.onEvents(Trigger.CONTRACT_SIGNED, signed.contracts().stream()
			.map(e -> new Automation.Occurrence(e.accountId(), e.contractId().toString(), Map.of(), List.of(),
					data("contractId", e.contractId(), "projectId", e.projectId(), "segment", e.segment(), "historical",
							e.historical()), !e.historical(), !signedOn(e).isBefore(recentFrom)))
			.toList());
	}

	private LocalDate signedOn(ContractSigned e) {
		return e.signedAt().atZone(clock.getZone()).toLocalDate();
	}

	@ApplicationModuleListener
	void on(ItemCompleted e) {
		Map<String, Object> data = data("projectId", e.projectId(), "itemId", e.itemId(), "itemKey", e.itemKey(), "kind",
				e.kind(), "goLive", e.goLive());
		automation.onEvent(Trigger.ITEM_COMPLETED, e.accountId(), e.itemId().toString(), Map.of(), List.of(e.itemKey()), data);
		if (e.kind() == ItemKind.MILESTONE) {
			automation.onEvent(Trigger.MILESTONE_COMPLETED, e.accountId(), e.itemId().toString(), Map.of(), List.of(e.itemKey()), data);
		}
		if (props.kickoffItems().contains(e.itemKey())) {
			automation.onEvent(Trigger.KICKOFF_COMPLETED, e.accountId(), e.projectId().toString(), Map.of(), List.of(), data);
		}
	}

	@ApplicationModuleListener
	void on(EarlyWinDetected e) {
		automation.onEvent(Trigger.EARLY_WIN, e.accountId(), e.kind().name(), Map.of(), List.of(e.kind().name()),
				data("kind", e.kind(), "occurredAt", e.occurredAt()));
	}

	@ApplicationModuleListener
	void on(TrainingModuleCompleted e) {
		automation.onEvent(Trigger.TRAINING_MODULE_COMPLETED, e.accountId(), e.sessionId() + ":" + e.attendee(),
				Map.of("contact", e.attendee()), List.of(e.attendee()),
				data("sessionId", e.sessionId(), "attendee", e.attendee(), "assessmentScore", e.assessmentScore()));
	}

	@ApplicationModuleListener
	void on(SuccessCriterionMet e) {
		automation.onEvent(Trigger.SUCCESS_CRITERION_MET, e.accountId(), e.criterionId().toString(),
				Map.of("achievements", e.kpi()), List.of(e.kpi()), data("criterionId", e.criterionId(), "kpi", e.kpi()));
	}

	@ApplicationModuleListener
	void on(RedFlagRaised e) {
		automation.onEvents(Trigger.RED_FLAG_RAISED, List.of(occurrence(e)));
	}

	/**
	 * A chunk of flags from a bulk recompute: one set-based run per rule for the whole chunk, on the bulk lane
	 * (a few flags come one event each, on the listener pool).
	 */
	@com.onward.shared.BulkListener
	void on(RedFlagsRaised e) {
		automation.onEvents(Trigger.RED_FLAG_RAISED, e.flags().stream().map(AutomationListeners::occurrence).toList());
	}

	@ApplicationModuleListener
	void on(HealthBandChanged e) {
		automation.onEvents(Trigger.HEALTH_BAND_CHANGED, List.of(occurrence(e)));
	}

	@com.onward.shared.BulkListener
	void on(HealthBandsChanged e) {
		automation.onEvents(Trigger.HEALTH_BAND_CHANGED, e.changes().stream().map(AutomationListeners::occurrence).toList());
	}

	private static Automation.Occurrence occurrence(RedFlagRaised e) {
		// Texts name the flag by its title, in the language of whoever reads them (see Phrases).
		return new Automation.Occurrence(e.accountId(), e.flagId().toString(), Map.of(),
				List.of(Map.of("key", com.onward.health.FlagTexts.titleKey(e.code()))),
				data("flagId", e.flagId(), "code", e.code(), "category", e.category()));
	}

	private static Automation.Occurrence occurrence(HealthBandChanged e) {
		return new Automation.Occurrence(e.accountId(), e.to() + ":" + e.score() + ":" + e.from(), Map.of(),
				List.of(band(e.from()), band(e.to()), e.score() == null ? "-" : e.score()),
				data("from", e.from(), "to", e.to(), "score", e.score()));
	}

	/** A health band as texts name it: by its name in the reader's language. */
	private static Map<String, String> band(com.onward.health.HealthBand band) {
		return Map.of("key", "band." + (band == null ? "NO_DATA" : band.name()));
	}

	@ApplicationModuleListener
	void on(ProjectGraduated e) {
		automation.onEvent(Trigger.PROJECT_GRADUATED, e.accountId(), e.projectId().toString(), Map.of(), List.of(),
				data("projectId", e.projectId(), "graduatedOn", e.graduatedOn()));
	}

	@ApplicationModuleListener
	void on(SurveyAnswered e) {
		var data = data("surveyId", e.surveyId(), "kind", e.kind(), "score", e.score(), "comment", e.comment());
		List<Object> args = List.of(e.kind().name(), e.score(), e.comment() == null ? "-" : e.comment());
		automation.onEvent(Trigger.SURVEY_ANSWERED, e.accountId(), e.surveyId().toString(), Map.of(), args, data);
		if (e.detractor()) {
			automation.onEvent(Trigger.SURVEY_DETRACTOR, e.accountId(), e.surveyId().toString(), Map.of(), args, data);
		}
	}

	@ApplicationModuleListener
	void on(RecipientUnsubscribed e) {
		sequences.stopForAddress(e.email());
	}

	private static Map<String, Object> data(Object... pairs) {
		var map = new LinkedHashMap<String, Object>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1] == null ? null : pairs[i + 1].toString());
		}
		return map;
	}
}
