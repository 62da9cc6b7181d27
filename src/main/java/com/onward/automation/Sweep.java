package com.onward.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.automation.Automation.Hit;
import com.onward.automation.Automation.Rule;
import com.onward.automation.Automation.SweepResult;
import com.onward.health.CadenceMissed;
import com.onward.health.HealthFacts;
import com.onward.shared.ConnectionShare;
import com.onward.shared.Phrases;

import tools.jackson.databind.ObjectMapper;

/**
 * The time-based side of the rules: the sweep (sequences, missed cadences, every enabled SWEEP rule), which
 * {@link Automation} schedules, and the dry run of a rule.
 */
@Service
class Sweep {

	private static final Logger log = LoggerFactory.getLogger(Sweep.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final RuleStore store;
	private final RuleMatches matches;
	private final RuleActions actions;
	private final Sequences sequences;
	private final HealthFacts healthFacts;
	private final Clock clock;
	private final AutomationProperties props;
	private final Phrases phrases;
	private final ObjectMapper json;
	private final com.onward.usage.UsageCounting usage;
	private final javax.sql.DataSource dataSource;
	/** The day this instance last forgot the occasions that ended ({@link RuleMatches#forgetEnded}). */
	private volatile LocalDate forgotOn;
	/** Whether this instance has handed health the missed cadences since it started. */
	private volatile boolean healthHasMissedCadences;

	Sweep(JdbcClient jdbc, TransactionTemplate tx, RuleStore store, RuleMatches matches, RuleActions actions,
			Sequences sequences, HealthFacts healthFacts, Clock clock, AutomationProperties props, Phrases phrases,
			ObjectMapper json, com.onward.usage.UsageCounting usage, javax.sql.DataSource dataSource) {
		this.usage = usage;
		this.dataSource = dataSource;
		this.props = props;
		this.phrases = phrases;
		this.json = json;
		this.jdbc = jdbc;
		this.tx = tx;
		this.store = store;
		this.matches = matches;
		this.actions = actions;
		this.sequences = sequences;
		this.healthFacts = healthFacts;
		this.clock = clock;
	}

	/**
	 * Which accounts a rule would fire for now, without doing anything: for a sweep rule the
	 * matches not yet acted on, for an event rule the active accounts its conditions admit.
	 */
	List<Hit> dryRun(String code, int limit) {
		Rule rule = store.rule(code);
		LocalDate today = LocalDate.now(clock);
		return tx.execute(s -> {
			matches.fillHits(rule, today, RuleMatches.Part.ALL);
			String fresh = rule.trigger().kind() == Trigger.Kind.SWEEP
					? " where not exists (select 1 from messaging_key_v o where o.uniqueness_key = 'rule:' || :code || ':' || h.account_id || ':' || h.occurrence)"
						+ " and not exists (select 1 from automation_task t where t.uniqueness_key = 'rule:' || :code || ':' || h.account_id || ':' || h.occurrence)"
					: "";
			// The occasion in words: the sentence of its trigger over the arguments the rule's actions would write with
			// (an event rule's: its next event).
			String sentence = "automation.hit."
					+ (rule.trigger().kind() == Trigger.Kind.EVENT ? "event" : rule.trigger().name());
			List<Hit> hits = jdbc.sql("select h.account_id, a.name, h.occurrence, h.args from sweep_hit h join account_v a on a.account_id = h.account_id"
					+ fresh + " order by a.name limit :limit")
				.param("code", code).param("limit", limit)
				.query((rs, n) -> new Hit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
						described(sentence, rs.getString(4), rs.getString(3))))
				.list();
			s.setRollbackOnly();
			return hits;
		});
	}

	/** The sentence over the hit's arguments (a JSON array) in the reader's language; the key when there is none. */
	private String described(String sentence, String args, String occurrence) {
		List<?> values = args == null ? List.of() : json.readValue(args, List.class);
		String text = phrases.message(sentence, values);
		return text.equals(sentence) ? occurrence : text;
	}

	/**
	 * Evaluates the time-based rules: sequences advance (or stop at their goal), cadences are
	 * checked, then every enabled SWEEP rule runs. Keys make repeated sweeps harmless.
	 */
	SweepResult sweep() {
		LocalDate today = LocalDate.now(clock);
		// The usage rules read the rollups: whatever usage was acknowledged before the sweep is counted first (a
		// second's worth normally, a backlog after an outage), so no one is nudged about a login already received.
		usage.countPending();
		List<Rule> rules = store.rules();
		int grace = rules.stream().filter(r -> r.code().equals("CADENCE_MISSED")).findFirst().map(Rule::days).orElse(3);
		int fired = sequences.advance(today);
		if (Boolean.TRUE.equals(tx.execute(s -> {
			Sequences.sweepLock(jdbc);
			workMemory();
			return refreshMissedCadences(today, grace);
		}))) {
			healthHasMissedCadences = true; // committed
		}
		List<Rule> sweepRules = rules.stream()
			.filter(r -> r.enabled() && r.trigger().kind() == Trigger.Kind.SWEEP)
			.toList();
		// The first sweep of a day (on this instance) also forgets the occasions that ended.
		boolean forget = !today.equals(forgotOn);
		int parts = ConnectionShare.of(dataSource, props.sweepParts());
		// The rules one after another, each (unless it changes shared rows) in `parts` transactions side by side, one
		// per connection, so PostgreSQL works on as many cores; each over its own share of the accounts: their hits,
		// keys, flags and projects never meet.
		int acted = 0;
		try (ExecutorService workers = new DelegatingSecurityContextExecutorService(Executors.newFixedThreadPool(parts,
				Thread.ofPlatform().name("automation-sweep-", 1).factory()))) {
			for (Rule rule : sweepRules) {
				acted += run(rule, today, forget, parts, workers);
			}
		}
		fired += acted;
		forgotOn = today;
		log.info("Automation sweep: {} rules evaluated, {} actions fired", sweepRules.size(), fired);
		return new SweepResult(sweepRules.size(), fired);
	}

	/** One rule in its parts, side by side (whole when it is not divisible); returns how many things were newly done. */
	private int run(Rule rule, LocalDate today, boolean forget, int most, ExecutorService workers) {
		long started = System.nanoTime();
		int parts = RuleActions.divisible(rule) ? most : 1;
		List<Future<int[]>> running = new ArrayList<>();
		for (int part = 0; part < parts; part++) {
			RuleMatches.Part share = new RuleMatches.Part(part, parts);
			running.add(workers.submit(() -> tx.execute(s -> {
				Sequences.sweepPartLock(jdbc, share);
				workMemory();
				if (forget) {
					matches.forgetEnded(rule, today, share);
				}
				matches.fillHits(rule, today, share);
				return new int[] { actions.run(rule, today), remember(rule, today) };
			})));
		}
		int done = 0;
		int remembered = 0;
		RuntimeException failed = null;
		// Every part is waited for, even when one failed or this thread is interrupted: the next rule starts only
		// once this one's parts have ended (committed or rolled back).
		for (Future<int[]> part : running) {
			try {
				int[] result = awaitPart(part);
				done += result[0];
				remembered += result[1];
			}
			catch (ExecutionException e) {
				// The other parts still finish (and commit); the failed part's accounts are tried by the next sweep.
				failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
			}
		}
		if (failed != null) {
			throw failed;
		}
		if (remembered >= 1_000) {
			// The next sweep must know this rule now has many rows: planned from statistics that still say "none", its
			// check ran as a nested loop over all of them for every match (six minutes for 100,000 weekly summaries
			// instead of a third of a second). Autovacuum would get there, but not before the next sweep. Once, outside
			// the parts' transactions (two of them analysing at once would wait for each other), on its own.
			jdbc.sql("analyze automation_rule_acted").update();
		}
		log.debug("Rule {}: {} actions fired in {} ms", rule.code(), done, (System.nanoTime() - started) / 1_000_000);
		return done;
	}

	/** A part's result, waited for however often this thread is interrupted meanwhile (the interrupt is kept). */
	private static int[] awaitPart(Future<int[]> part) throws ExecutionException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return part.get();
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The sweep's work memory, for the rest of the current transaction. */
	private void workMemory() {
		jdbc.sql("select set_config('work_mem', :m, true)").param("m", props.sweepWorkMem()).query(String.class).single();
	}

	/**
	 * Records the hits the rule just acted on, so later sweeps skip them (see {@link RuleMatches#fillHits}); returns
	 * how many. They were not remembered yet (the hits exclude what is) and the sweep lock keeps another sweep out
	 * meanwhile, so no occasion is written twice. A hit an action could not act on yet ({@link RuleActions#run}: no
	 * customer address, no reachable CSM, another follow-up flag open) is not recorded, and is tried again by the
	 * next sweep.
	 */
	private int remember(Rule rule, LocalDate today) {
		if (!RuleActions.oncePerOccurrence(rule)) {
			return 0;
		}
		// Waiting: a customer email without an address, a notice without a reachable CSM, or (marked by the action)
		// a follow-up flag kept out by another open one.
		return jdbc.sql("""
				insert into automation_rule_acted (rule_code, account_id, occurrence, acted_on)
				select :code, h.account_id, h.occurrence, :today from sweep_hit h
				where not h.waiting
				  and not (cast(:emailsCustomer as boolean) and h.customer_ok and h.recent and h.email is null)
				  and not (cast(:notifiesCsm as boolean) and h.csm_user_id is null and h.csm_email is null)
				order by h.account_id, h.occurrence""")
			.param("code", rule.code()).param("today", today).param("emailsCustomer", RuleActions.emailsCustomer(rule))
			.param("notifiesCsm", RuleActions.notifiesCsm(rule)).update();
	}

	/**
	 * Cadences past due plus the grace days of CADENCE_MISSED are recorded; kept ones are cleared. The due dates
	 * are worked out once for both, and health's copy is handed over when the record changed (and on this
	 * instance's first sweep, which brings a copy left behind by an older version up to date); returns whether it
	 * was handed over.
	 */
	private boolean refreshMissedCadences(LocalDate today, int grace) {
		Integer changed = jdbc.sql("""
				with missed as materialized (select cd.contact_id, cd.due_on, cd.account_id, cd.role, cd.name
				                             from (%s) cd where cd.due_on < :today - :grace),
				cleared as (delete from missed_cadence m where not exists (
				              select 1 from missed x where x.contact_id = m.contact_id and x.due_on = m.due_on) returning 1),
				recorded as (insert into missed_cadence (contact_id, due_on, account_id, role, name, detected_on)
				             select contact_id, due_on, account_id, role, name, :today from missed
				             -- Each row's conflict is an index probe, however many rows this statement inserts. A test
				             -- against missed_cadence here reads the table this insert is filling: planned as a scan
				             -- per row (as for the first sweep's empty table), it added half a minute to a first sweep
				             -- at 100,000 accounts.
				             on conflict do nothing returning 1)
				select cast((select count(*) from cleared) + (select count(*) from recorded) as int)"""
			.formatted(matches.cadences())).params(matches.cadenceParams()).param("today", today).param("grace", grace)
			.query(Integer.class).single();
		if (changed == 0 && healthHasMissedCadences) {
			return false;
		}
		// Health scores missed cadences from its own copy: the data flows automation -> health, never back.
		healthFacts.missedCadencesAre(jdbc.sql("select account_id, contact_id, name, role, due_on from missed_cadence")
			.query((rs, n) -> new CadenceMissed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getObject(5, LocalDate.class)))
			.list());
		return true;
	}
}
