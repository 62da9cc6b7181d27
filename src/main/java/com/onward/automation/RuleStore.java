package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.automation.Automation.Action;
import com.onward.automation.Automation.Conditions;
import com.onward.automation.Automation.Rule;
import com.onward.automation.Automation.RuleEdit;
import com.onward.identity.AuditLog;
import com.onward.messaging.Outbox;
import com.onward.health.HealthBand;
import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;
import com.onward.shared.TouchModel;
import com.onward.shared.NotFoundException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The stored rules and their validated edits. Reached through {@link Automation}. */
@Service
class RuleStore {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	RuleStore(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** The rules as last read, with when (nanoTime) and for which generation; null until read. */
	private record Cached(List<Rule> rules, long readAt, long generation) {
	}

	/**
	 * How long the rules read are used before they are read again: edits on this instance replace them at once,
	 * an edit on another instance is seen within this time.
	 */
	static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(5);

	private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
	private volatile Cached cached;

	/**
	 * The rules, in order. Kept in memory: every event (each signed contract, completed item, …) and each sweep
	 * consults them, and reading and parsing them each time cost more than the event's own work.
	 */
	List<Rule> rules() {
		Cached c = cached;
		long now = System.nanoTime();
		if (c != null && c.generation() == generation.get() && now - c.readAt() < CACHE_FOR.toNanos()) {
			return c.rules();
		}
		long gen = generation.get();
		List<Rule> read = List.copyOf(read());
		// Kept only if no edit happened meanwhile (else the next call reads again).
		if (generation.get() == gen) {
			cached = new Cached(read, now, gen);
		}
		return read;
	}

	/** Forgets the rules read: now, and again when the editing transaction ends (committed or not). */
	private void forget() {
		generation.incrementAndGet();
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
					new org.springframework.transaction.support.TransactionSynchronization() {
						@Override
						public void afterCompletion(int status) {
							generation.incrementAndGet();
						}
					});
		}
	}

	private List<Rule> read() {
		return jdbc.sql("""
				select code, position, kind, trigger, template, actions, conditions, params, enabled, updated_by, updated_at
				from automation_rule order by position, code""")
			.query((rs, n) -> new Rule(rs.getString(1), rs.getInt(2), rs.getString(3), Trigger.valueOf(rs.getString(4)), rs.getString(5),
					java.util.Arrays.stream((String[]) rs.getArray(6).getArray()).map(Action::valueOf).toList(),
					json.readValue(rs.getString(7), Conditions.class), json.readValue(rs.getString(8), MAP),
					rs.getBoolean(9), rs.getString(10), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()))
			.list();
	}

	Rule rule(String code) {
		return rules().stream().filter(r -> r.code().equals(code)).findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", code));
	}

	/** Edits a rule (enabled, day threshold 1–365, template, conditions), validated field by field. */
	Rule update(String code, RuleEdit edit) {
		Rule rule = rule(code);
		if (edit.days() != null && (edit.days() < 1 || edit.days() > 365)) {
			throw InvalidInputException.keyed("days", "rule.edit.daysRange", 1, 365);
		}
		if (edit.template() != null && !Outbox.TEMPLATES.contains(edit.template())) {
			throw InvalidInputException.of("template", "unknown template; one of " + Outbox.TEMPLATES);
		}
		if (edit.template() != null && !rule.actions().contains(Action.SEND_MESSAGE) && !rule.actions().contains(Action.SEND_INVITE)) {
			throw InvalidInputException.of("template", "this rule sends no message");
		}
		Conditions c = edit.conditions();
		if (c != null) {
			check("conditions.segments", c.segments(), names(Segment.values()));
			check("conditions.touchModels", c.touchModels(), names(TouchModel.values()));
			check("conditions.healthBands", c.healthBands(), names(HealthBand.values()));
			check("conditions.languages", c.languages(), LocalizedText.LANGUAGES);
			if (c.minDay() != null && c.minDay() < 0) throw InvalidInputException.keyed("conditions.minDay", "rule.edit.minDayNegative");
			if (c.maxDay() != null && c.minDay() != null && c.maxDay() < c.minDay()) {
				throw InvalidInputException.keyed("conditions.maxDay", "rule.edit.maxDayBeforeMin", c.minDay());
			}
		}
		var params = new HashMap<>(rule.params());
		if (edit.days() != null) params.put("days", edit.days());
		tx.executeWithoutResult(s -> jdbc.sql("""
				update automation_rule set enabled = :enabled, params = cast(:params as jsonb), template = :template,
				  conditions = cast(:conditions as jsonb), updated_by = :by, updated_at = :at where code = :code""")
			.param("enabled", edit.enabled() == null ? rule.enabled() : edit.enabled())
			.param("params", json.writeValueAsString(params))
			.param("template", edit.template() == null ? rule.template() : edit.template())
			.param("conditions", json.writeValueAsString(c == null ? rule.conditions() : c))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).param("code", code).update());
		forget();
		Rule updated = rule(code);
		audit.record("rule.updated", "automation_rule", null, code + (updated.enabled() ? " on, " : " off, ")
				+ updated.params() + ", " + updated.template());
		return updated;
	}

	/** The values a condition may take: the enum's names. */
	static List<String> names(Enum<?>[] values) {
		return java.util.Arrays.stream(values).map(Enum::name).toList();
	}

	private static void check(String field, List<String> values, List<String> allowed) {
		for (String v : values) {
			if (!allowed.contains(v)) throw InvalidInputException.of(field, "unknown value " + v + "; one of " + allowed);
		}
	}
}
