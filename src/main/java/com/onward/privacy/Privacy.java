package com.onward.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Projects;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;
import com.onward.shared.PersonalDataHandler;
import com.onward.shared.PersonalDataHandler.AccountScope;
import com.onward.shared.PersonalDataHandler.Person;
import com.onward.stakeholder.Stakeholders;

import tools.jackson.databind.ObjectMapper;

/**
 * Serves the rights: erasure of a person, export and deletion of an account, and retention,
 * each by calling every module's {@link PersonalDataHandler} in one transaction and logging who,
 * why, when and what changed per module. Subjects are logged as keyed digests only.
 */
@Service
public class Privacy {

	private static final Logger log = LoggerFactory.getLogger(Privacy.class);

	public enum Kind {
		ERASURE, EXPORT, DELETION
	}

	/** What one module changed (rows per table or kind of change; zeros left out). */
	public record ModuleReport(String module, Map<String, Long> changes) {
	}

	/** A logged request with its per-module report; {@code found} is false when nothing held the subject. */
	public record Request(UUID id, Kind kind, Instant at, String actor, @Nullable String reason, String subject, boolean found,
			List<ModuleReport> modules) {

		public long total() {
			return modules.stream().flatMap(m -> m.changes().entrySet().stream())
				.filter(e -> !e.getKey().endsWith(".pending")).mapToLong(Map.Entry::getValue).sum();
		}
	}

	public record RetentionRun(UUID id, Instant at, String actor, long millis, List<ModuleReport> modules) {

		public long total() {
			return modules.stream().flatMap(m -> m.changes().values().stream()).mapToLong(Long::longValue).sum();
		}
	}

	/** Erase by email (everywhere), or by account and product user id, or both. */
	public record Erasure(@Nullable String email, @Nullable UUID accountId, @Nullable String userId, String reason) {
	}

	private final List<PersonalDataHandler> handlers;
	private final JdbcClient jdbc;
	private final PrivacyKeys keys;
	private final AuditLog audit;
	private final Accounts accounts;
	private final Projects projects;
	private final Stakeholders stakeholders;
	private final PrivacyProperties props;
	private final ObjectMapper json;
	private final Clock clock;

	Privacy(List<PersonalDataHandler> handlers, JdbcClient jdbc, PrivacyKeys keys, AuditLog audit, Accounts accounts,
			Projects projects, Stakeholders stakeholders, PrivacyProperties props, ObjectMapper json, Clock clock) {
		// Unordered handlers first (order 0), the account module's (@Order lowest precedence) last.
		this.handlers = handlers.stream()
			.sorted(java.util.Comparator.comparingInt(h -> org.springframework.core.annotation.OrderUtils.getOrder(h.getClass(), 0)))
			.toList();
		this.jdbc = jdbc;
		this.keys = keys;
		this.audit = audit;
		this.accounts = accounts;
		this.projects = projects;
		this.stakeholders = stakeholders;
		this.props = props;
		this.json = json;
		this.clock = clock;
	}

	/** The handlers in the order they run (the account module last). */
	public List<PersonalDataHandler> handlers() {
		return handlers;
	}

	@Transactional
	public Request erase(Erasure erasure) {
		Set<String> emails = new LinkedHashSet<>();
		Set<String> userIds = new LinkedHashSet<>();
		if (erasure.email() != null) {
			String email = erasure.email().strip().toLowerCase(Locale.ROOT);
			emails.add(email);
			// Products often use the address as their user id (matched in any case, as addresses are).
			userIds.add(email);
		}
		if (erasure.userId() != null) {
			String userId = erasure.userId().strip();
			if (userId.contains("@")) {
				userId = userId.toLowerCase(Locale.ROOT);
				emails.add(userId);
			}
			userIds.add(userId);
		}
		var pseudonyms = new LinkedHashMap<String, String>();
		userIds.forEach(u -> pseudonyms.put(u, keys.pseudonym(u)));
		var contacts = Set.copyOf(stakeholders.contactIdsByEmail(emails, erasure.accountId()));
		var person = new Person(erasure.accountId(), Set.copyOf(emails), Set.copyOf(userIds), Map.copyOf(pseudonyms), contacts);

		List<ModuleReport> reports = run(h -> h.erase(person));
		String subject = keys.digest("person:" + (erasure.accountId() == null ? "" : erasure.accountId()) + ":"
				+ String.join(",", emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).sorted().toList()) + ":"
				+ String.join(",", userIds.stream().sorted().toList()));
		String reason = redact(erasure.reason(), person.needles());
		Request request = log(Kind.ERASURE, subject, reason, reports);
		audit.record("PERSON_ERASED", "privacy_request", request.id(), reason);
		log.info("Erasure {}: {} changes ({})", request.id(), request.total(), summary(reports));
		return request;
	}

	/** The account and its projects, or 404. */
	public AccountScope scope(UUID accountId) {
		accounts.find(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
		return new AccountScope(accountId, projects.forAccount(accountId).stream().map(Projects.ProjectSummary::id).toList());
	}

	/** Logs an export about to be streamed (the export itself is {@link AccountExports}). */
	@Transactional
	public Request recordExport(AccountScope scope) {
		var modules = handlers.stream().map(h -> new ModuleReport(h.module(), Map.of())).toList();
		Request request = log(Kind.EXPORT, accountDigest(scope.accountId()), null, modules);
		audit.record("ACCOUNT_EXPORTED", "privacy_request", request.id(), "account " + request.subject());
		return request;
	}

	/** Deletes every row of the account in every module; only a churned account, and only after it was exported. */
	@Transactional
	public Request deleteAccount(UUID accountId, String reason) {
		// Taken first, so that a listener still writing for this account (an exit survey on churn) finishes before
		// any module deletes, or sees the account gone; see Accounts.findForWriting.
		accounts.lockForDeletion(accountId);
		AccountScope scope = scope(accountId);
		String subject = accountDigest(accountId);
		boolean exported = jdbc.sql("select count(*) from privacy_request where subject_digest = :s and kind = 'EXPORT'")
			.param("s", subject).query(Long.class).single() > 0;
		if (!exported) {
			throw BusinessRuleException.of("accountId", "error.privacy.exportFirst");
		}
		// A customer that still renews is never deleted by mistake: its churn is recorded first (a CHURNED renewal).
		String status = jdbc.sql("select status from account_v where account_id = :a").param("a", accountId)
			.query(String.class).optional().orElse(null);
		if (!"CHURNED".equals(status)) {
			throw BusinessRuleException.of("accountId", "error.privacy.churnedOnly");
		}
		List<ModuleReport> reports = run(h -> h.deleteAccount(scope));
		String safeReason = redact(reason, List.of(accountId.toString()));
		Request request = log(Kind.DELETION, subject, safeReason, reports);
		audit.record("ACCOUNT_DELETED", "privacy_request", request.id(), "account " + subject + ": " + safeReason);
		log.info("Account deletion {}: {} rows ({})", request.id(), request.total(), summary(reports));
		return request;
	}

	/** Applies every configured retention period as of the clock's now; logged with its counts. */
	@Transactional
	public RetentionRun applyRetention() {
		long started = System.nanoTime();
		Instant now = clock.instant();
		var retention = new PersonalDataHandler.Retention() {
			@Override
			public @Nullable Instant cutoff(String period) {
				var duration = props.retention().get(period);
				return duration == null ? null : now.minus(duration);
			}

			@Override
			public Instant now() {
				return now;
			}
		};
		List<ModuleReport> reports = run(h -> h.applyRetention(retention));
		long millis = (System.nanoTime() - started) / 1_000_000;
		var run = new RetentionRun(UUID.randomUUID(), now, AuditLog.currentActor(), millis, reports);
		jdbc.sql("insert into privacy_retention_run (id, at, actor, millis, report) values (:id, :at, :actor, :ms, cast(:r as jsonb))")
			.param("id", run.id()).param("at", Timestamp.from(now)).param("actor", run.actor()).param("ms", millis)
			.param("r", json.writeValueAsString(reports)).update();
		log.info("Retention run {}: {} rows removed or emptied in {} ms ({})", run.id(), run.total(), millis, summary(reports));
		return run;
	}

	public List<Request> requests(int limit) {
		return jdbc.sql("select * from privacy_request order by at desc, id limit :n").param("n", limit)
			.query((rs, n) -> new Request(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
					rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("reason"),
					rs.getString("subject_digest"), rs.getBoolean("found"), reports(rs.getString("report"))))
			.list();
	}

	public List<RetentionRun> retentionRuns(int limit) {
		return jdbc.sql("select * from privacy_retention_run order by at desc, id limit :n").param("n", limit)
			.query((rs, n) -> new RetentionRun(rs.getObject("id", UUID.class), rs.getTimestamp("at").toInstant(),
					rs.getString("actor"), rs.getLong("millis"), reports(rs.getString("report"))))
			.list();
	}

	/** The digest under which the log names an account (to check whether one was exported or deleted). */
	public String accountDigest(UUID accountId) {
		return keys.digest("account:" + accountId);
	}

	private List<ModuleReport> run(Function<PersonalDataHandler, Map<String, Long>> action) {
		var reports = new ArrayList<ModuleReport>();
		for (PersonalDataHandler handler : handlers) {
			var changes = new LinkedHashMap<String, Long>();
			action.apply(handler).forEach((k, v) -> {
				if (v != null && v != 0) changes.merge(k, v, Long::sum);
			});
			reports.add(new ModuleReport(handler.module(), changes));
		}
		return reports;
	}

	private Request log(Kind kind, String subject, @Nullable String reason, List<ModuleReport> reports) {
		var draft = new Request(UUID.randomUUID(), kind, clock.instant(), AuditLog.currentActor(), reason, subject, true, reports);
		boolean found = kind == Kind.EXPORT || draft.total() > 0;
		var request = new Request(draft.id(), kind, draft.at(), draft.actor(), reason, subject, found, reports);
		jdbc.sql("""
				insert into privacy_request (id, kind, at, actor, reason, subject_digest, found, report)
				values (:id, :kind, :at, :actor, :reason, :subject, :found, cast(:report as jsonb))""")
			.param("id", request.id()).param("kind", kind.name()).param("at", Timestamp.from(request.at()))
			.param("actor", request.actor()).param("reason", reason).param("subject", subject).param("found", found)
			.param("report", json.writeValueAsString(reports)).update();
		return request;
	}

	private List<ModuleReport> reports(String raw) {
		return List.of(json.readValue(raw, ModuleReport[].class));
	}

	private static String summary(List<ModuleReport> reports) {
		return String.join(", ", reports.stream().filter(r -> !r.changes().isEmpty())
			.map(r -> r.module() + " " + r.changes()).toList());
	}

	/** The reason as given, without the subject's identifiers (an admin may paste the address in). */
	private static String redact(String text, java.util.Collection<String> needles) {
		String out = text;
		for (String needle : needles) {
			out = out.replaceAll("(?i)" + java.util.regex.Pattern.quote(needle), "[erased]");
		}
		return out;
	}
}
