package com.onward.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.messaging.Outbox;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The automation rules and the sweep (AUTO-1, AUTO-2). Shipped time-based rules:
 * {@code NO_LOGIN_AFTER_ACCESS} — N days (7) after the project started nobody has logged in →
 * re-engagement email, once per account; {@code TECH_TOUCH_NO_RECENT_LOGIN} — a tech-touch
 * account whose users have logged in before but not in the last N days (3) → re-engagement, once
 * per lapse (the occurrence is the day of the last activity).
 */
@Service
public class Automation {

	private static final Logger log = LoggerFactory.getLogger(Automation.class);
	private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
	};

	public record Rule(String code, String kind, String template, Map<String, Object> params, boolean enabled,
			String updatedBy, Instant updatedAt) {
		int days() {
			return params.get("days") instanceof Number n ? n.intValue() : 7;
		}
	}

	public record SweepResult(int rulesEvaluated, int actionsFired) {
	}

	/** An account a rule fires for, with the occurrence that makes its message unique. */
	record Hit(UUID accountId, String occurrence, String recipient, String contact, String account, String language) {
	}

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	Automation(JdbcClient jdbc, Outbox outbox, AuditLog audit, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	public List<Rule> rules() {
		return jdbc.sql("select code, kind, template, params, enabled, updated_by, updated_at from automation_rule order by code")
			.query((rs, n) -> new Rule(rs.getString(1), rs.getString(2), rs.getString(3), json.readValue(rs.getString(4), PARAMS),
					rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** Edits a rule: enabled and its day threshold (1–365). */
	@Transactional
	public Rule update(String code, boolean enabled, int days) {
		if (days < 1 || days > 365) {
			throw InvalidInputException.of("days", "must be between 1 and 365");
		}
		int n = jdbc.sql("""
				update automation_rule set enabled = :enabled, params = jsonb_set(params, '{days}', to_jsonb(:days)),
				  updated_by = :by, updated_at = :at where code = :code""")
			.param("enabled", enabled).param("days", days).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).param("code", code).update();
		if (n == 0) {
			throw new NotFoundException("Rule", code);
		}
		audit.record("rule.updated", "automation_rule", null, code + (enabled ? " on, " : " off, ") + days + " days");
		return rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
	}

	/** Which accounts a rule would fire for now (the dry run), without queuing anything. */
	public List<Hit> dryRun(String code) {
		Rule rule = rules().stream().filter(r -> r.code().equals(code)).findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", code));
		return hits(rule, LocalDate.now(clock));
	}

	@Scheduled(cron = "${onward.automation.sweep-cron:0 */15 * * * *}", zone = "${onward.time-zone:UTC}")
	@SchedulerLock(name = "automation-sweep")
	void scheduled() {
		sweep();
	}

	/** Evaluates every enabled time-based rule; the outbox's keys make repeated sweeps harmless. */
	public SweepResult sweep() {
		LocalDate today = LocalDate.now(clock);
		int evaluated = 0;
		int fired = 0;
		for (Rule rule : rules()) {
			if (!rule.enabled() || !"SWEEP".equals(rule.kind())) {
				continue;
			}
			evaluated++;
			for (Hit h : hits(rule, today)) {
				if (outbox.enqueue(rule.code() + ":" + h.accountId() + ":" + h.occurrence(), rule.template(), h.accountId(),
						h.recipient(), h.language(), Map.of("account", h.account(), "contact", h.contact(), "csm", "your CSM"))) {
					fired++;
				}
			}
		}
		log.info("Automation sweep: {} rules evaluated, {} actions fired", evaluated, fired);
		return new SweepResult(evaluated, fired);
	}

	/** One set-based query per rule: the accounts it fires for, with their project lead (or first contact with an email). */
	List<Hit> hits(Rule rule, LocalDate today) {
		String condition = switch (rule.code()) {
			case "NO_LOGIN_AFTER_ACCESS" -> """
					p.start_date <= :today - :days
					  and not exists (select 1 from usage_user u where u.account_id = a.id and u.first_login is not null)""";
			case "TECH_TOUCH_NO_RECENT_LOGIN" -> """
					a.touch_model = 'TECH_TOUCH'
					  and exists (select 1 from usage_user u where u.account_id = a.id)
					  and not exists (select 1 from usage_user u where u.account_id = a.id
					                  and u.last_seen >= cast(:today - :days as timestamp) at time zone 'UTC')""";
			default -> null;
		};
		if (condition == null) {
			return List.of();
		}
		String occurrence = rule.code().equals("NO_LOGIN_AFTER_ACCESS") ? "'day-' || :days"
				: "(select to_char(max(u.last_seen), 'YYYY-MM-DD') from usage_user u where u.account_id = a.id)";
		return jdbc.sql("""
				select a.id, %s as occurrence, c.email, c.name, a.name, a.language
				from account a
				join project p on p.id = a.current_project_id and p.status in ('NOT_STARTED','IN_PROGRESS')
				join lateral (select email, name from contact where account_id = a.id and email is not null
				              order by (role = 'PROJECT_LEAD') desc, created_at limit 1) c on true
				where %s""".formatted(occurrence, condition))
			.param("today", today).param("days", rule.days())
			.query((rs, n) -> new Hit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}
}
