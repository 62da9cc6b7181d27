package com.onward.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.onward.shared.Segment;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The rule engine (AUTO-1, AUTO-2): rules of trigger → conditions → actions. A rule's matches
 * ("hits": account, project, occurrence) are computed by one set-based query — for an EVENT rule
 * restricted to the event's account, for a SWEEP rule over every active project — into a
 * transaction-local table, and each action is one statement over that table. Every action is keyed
 * by (rule, account, occurrence), so a rule fires once per occurrence however often it is
 * evaluated, and on however many instances.
 * <p>
 * This class is the module's API for rules; the work is done by {@link RuleStore} (stored rules and their
 * edits), {@link RuleMatches} (the hit query per trigger), {@link Sweep} (time-based rules) and
 * {@link EventRules} (event rules), with {@link RuleActions} carrying out the actions.
 */
@Service
public class Automation {

	/** The actions a rule can take. */
	public enum Action {
		SEND_MESSAGE, SEND_INVITE, CREATE_TASK, ASSIGN_OWNER, NOTIFY_CSM, RAISE_FLAG, SEND_SURVEY, START_SEQUENCE,
		STOP_SEQUENCE, CHANGE_STATUS, CALL_WEBHOOK
	}

	public record Rule(String code, int position, String kind, Trigger trigger, String template, List<Action> actions,
			Conditions conditions, Map<String, Object> params, boolean enabled, String updatedBy, Instant updatedAt) {

		int days() {
			return params.get("days") instanceof Number n ? n.intValue() : 7;
		}

		String param(String name) {
			return params.get(name) == null ? null : params.get(name).toString();
		}
	}

	/** Conditions on the account: empty lists and null days mean "any". */
	public record Conditions(List<String> segments, List<String> touchModels, List<String> healthBands,
			List<String> languages, Integer minDay, Integer maxDay) {
		public Conditions {
			segments = segments == null ? List.of() : List.copyOf(segments);
			touchModels = touchModels == null ? List.of() : List.copyOf(touchModels);
			healthBands = healthBands == null ? List.of() : List.copyOf(healthBands);
			languages = languages == null ? List.of() : List.copyOf(languages);
		}

		/** Whether a new account (no health score yet) of this segment and language on this onboarding day is admitted. */
		boolean admitsNew(Segment segment, String language, long day) {
			return (segments.isEmpty() || segments.contains(segment.name()))
					&& (touchModels.isEmpty() || touchModels.contains(segment.touchModel().name()))
					&& (healthBands.isEmpty() || healthBands.contains("NO_DATA"))
					&& (languages.isEmpty() || languages.contains(language)) && (minDay == null || day >= minDay)
					&& (maxDay == null || day <= maxDay);
		}
	}

	public record SweepResult(int rulesEvaluated, int actionsFired) {
	}

	/**
	 * An account a rule fires (or would fire) for: the occasion as a key ({@code occurrence}, e.g.
	 * {@code item-<id>}) and as the reader's language says it ({@code description}, e.g. milestone "Go-live" is 4
	 * days overdue).
	 */
	public record Hit(UUID accountId, String accountName, String occurrence, String description) {
	}

	private final RuleStore store;
	private final Sweep sweep;
	private final EventRules eventRules;

	Automation(RuleStore store, Sweep sweep, EventRules eventRules) {
		this.store = store;
		this.sweep = sweep;
		this.eventRules = eventRules;
	}

	public List<Rule> rules() {
		return store.rules();
	}

	public Rule rule(String code) {
		return store.rule(code);
	}

	/** An edit of a rule: what the editor changes. Null leaves a part as it is. */
	public record RuleEdit(Boolean enabled, Integer days, String template, Conditions conditions) {
	}

	/** Edits a rule (enabled, day threshold 1–365, template, conditions), validated field by field. */
	public Rule update(String code, RuleEdit edit) {
		return store.update(code, edit);
	}

	/** The values a condition may take: the enum's names. */
	static List<String> names(Enum<?>[] values) {
		return RuleStore.names(values);
	}

	/**
	 * Which accounts a rule would fire for now, without doing anything: for a sweep rule the
	 * matches not yet acted on, for an event rule the active accounts its conditions admit.
	 */
	public List<Hit> dryRun(String code, int limit) {
		return sweep.dryRun(code, limit);
	}

	@Scheduled(cron = "${onward.automation.sweep-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "automation-sweep")
	void scheduled() {
		sweep();
	}

	/**
	 * Evaluates the time-based rules: sequences advance (or stop at their goal), cadences are
	 * checked, then every enabled SWEEP rule runs. Keys make repeated sweeps harmless.
	 */
	public SweepResult sweep() {
		return sweep.sweep();
	}

	/** A domain event: fans out to subscribed webhooks and runs the enabled EVENT rules of its trigger. */
	int onEvent(Trigger trigger, UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
			Map<String, Object> data) {
		return eventRules.onEvents(trigger, List.of(new Occurrence(accountId, occurrence, values, args, data)));
	}

	/** Many occurrences of one trigger (a chunk of a bulk change), handled set-based. */
	int onEvents(Trigger trigger, List<Occurrence> occurrences) {
		return eventRules.onEvents(trigger, occurrences);
	}

	/**
	 * One occurrence of an event: the account, what names it, values for templates, args for texts, webhook
	 * data; {@code customer}: whether it may email the customer at all (not for a historical contract);
	 * {@code recent}: whether its messages (the welcome) are still timely.
	 */
	record Occurrence(UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
			Map<String, Object> data, boolean customer, boolean recent) {
		Occurrence(UUID accountId, String occurrence, Map<String, String> values, List<Object> args,
				Map<String, Object> data) {
			this(accountId, occurrence, values, args, data, true, true);
		}
	}
}
