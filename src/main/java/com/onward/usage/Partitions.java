package com.onward.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The monthly partitions of {@code usage_event} (in UTC months): created ahead at start-up
 * and daily, created on demand for a back-filled month, and dropped once older than
 * {@code onward.usage.raw-retention} (the rollups stay). Old event ids and Idempotency-Keys are
 * forgotten after {@code onward.usage.dedup-retention}.
 */
@Component
class Partitions {

	private static final Logger log = LoggerFactory.getLogger(Partitions.class);
	private static final Pattern NAME = Pattern.compile("usage_event_(\\d{4})_(\\d{2})");

	private final JdbcTemplate jdbc;
	private final TransactionTemplate tx;
	private final UsageProperties props;
	private final Clock clock;
	private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

	Partitions(JdbcTemplate jdbc, TransactionTemplate tx, UsageProperties props, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.props = props;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAhead() {
		YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
		var months = new java.util.ArrayList<YearMonth>();
		for (int i = -1; i <= props.partitionsAhead(); i++) {
			months.add(now.plusMonths(i));
		}
		ensure(months);
	}

	/** Makes sure a partition exists for each month; cheap when they do (remembered in memory). */
	void ensure(Collection<YearMonth> months) {
		for (YearMonth month : months) {
			if (known.contains(month)) {
				continue;
			}
			tx.executeWithoutResult(s -> {
				// One creator at a time across instances; IF NOT EXISTS makes the loser a no-op.
				jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('usage_event_partitions'))", Object.class);
				jdbc.execute("create table if not exists %s partition of usage_event for values from ('%s') to ('%s')"
					.formatted(name(month), month.atDay(1) + "T00:00:00Z", month.plusMonths(1).atDay(1) + "T00:00:00Z"));
			});
			known.add(month);
		}
	}

	/** Daily: partitions ahead, expired partitions dropped, old dedup keys forgotten. */
	@Scheduled(cron = "${onward.usage.maintenance-cron}", zone = "${onward.time-zone}")
	@SchedulerLock(name = "usage-maintenance")
	void maintain() {
		createAhead();
		dropExpired();
		Instant forget = clock.instant().minus(props.dedupRetention());
		int ids = jdbc.update("delete from usage_event_key where received_at < ?", java.sql.Timestamp.from(forget));
		int keys = jdbc.update("delete from usage_batch_key where received_at < ?", java.sql.Timestamp.from(forget));
		log.info("Usage maintenance: forgot {} event ids and {} idempotency keys older than {}", ids, keys, forget);
	}

	/** Drops every partition whose whole month is older than the raw retention; returns their names. */
	List<String> dropExpired() {
		Instant cutoff = clock.instant().minus(props.rawRetention());
		List<String> dropped = new java.util.ArrayList<>();
		for (String table : jdbc.queryForList("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent where p.relname = 'usage_event'""", String.class)) {
			Matcher m = NAME.matcher(table);
			if (!m.matches()) {
				continue;
			}
			YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
			if (month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(cutoff)) {
				jdbc.execute("drop table " + table);
				known.remove(month);
				dropped.add(table);
				log.info("Dropped usage partition {} (older than the raw retention of {})", table, props.rawRetention());
			}
		}
		return dropped;
	}

	static String name(YearMonth month) {
		return "usage_event_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
	}
}
