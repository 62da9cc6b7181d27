package com.onward.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The event publication registry as operators see it: how many publications are incomplete (their
 * listener has not succeeded yet), how many failed, the oldest, the last error; and the retry of
 * failed ones with back-off ({@code onward.background.retry}). Exposed to admins (page and API) and
 * to Prometheus ({@code onward_event_publications_*}).
 */
@Service
public class EventPublications {

	private static final Logger log = LoggerFactory.getLogger(EventPublications.class);

	/** The latest failure of one listener. */
	public record Failure(String listener, String eventType, String message, Instant failedAt, long failures) {
	}

	/** The registry's state: incomplete publications, failed ones, the oldest incomplete, the latest failures. */
	public record Status(long incomplete, long failed, Instant oldestIncomplete, Long oldestAgeSeconds,
			Failure lastError, List<Failure> recentErrors, int listenerThreads, int listenersBusy, int queued) {
	}

	private final JdbcClient jdbc;
	private final FailedEventPublications failedPublications;
	private final BackgroundProperties props;
	private final BackgroundWorkConfiguration background;
	private final Clock clock;
	private final com.onward.shared.BulkChanges bulkChanges;
	private volatile Status cached;
	private volatile Instant cachedAt = Instant.EPOCH;
	private volatile Failure lastUnrecorded;
	private volatile long incompleteAtLastCheck;

	EventPublications(JdbcClient jdbc, FailedEventPublications failedPublications, BackgroundProperties props,
			BackgroundWorkConfiguration background, Clock clock, MeterRegistry meters,
			com.onward.shared.BulkChanges bulkChanges) {
		this.jdbc = jdbc;
		this.bulkChanges = bulkChanges;
		this.failedPublications = failedPublications;
		this.props = props;
		this.background = background;
		this.clock = clock;
		Gauge.builder("onward.event.publications.incomplete", this, p -> p.metric().incomplete())
			.description("Event publications whose listener has not succeeded yet").register(meters);
		Gauge.builder("onward.event.publications.failed", this, p -> p.metric().failed())
			.description("Event publications whose listener failed (retried with back-off)").register(meters);
		Gauge.builder("onward.event.publications.oldest.age", this, p -> {
			Long age = p.metric().oldestAgeSeconds();
			return age == null ? 0 : age;
		}).baseUnit("seconds").description("Age of the oldest incomplete event publication").register(meters);
		Gauge.builder("onward.listeners.queued", this, p -> p.background.load()[2])
			.description("Listener invocations waiting for a thread").register(meters);
		Gauge.builder("onward.listeners.busy", this, p -> p.background.load()[1])
			.description("Listener threads at work").register(meters);
	}

	/** The current state, read from the database. */
	public Status status() {
		var counts = jdbc.sql("""
				select count(*), count(*) filter (where status = 'FAILED'), min(publication_date)
				from event_publication where completion_date is null""")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getTimestamp(3) }).single();
		List<Failure> recent = jdbc.sql("""
				select listener, event_type, message, failed_at, failures from event_failure order by failed_at desc limit 10""")
			.query((rs, n) -> new Failure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					rs.getLong(5)))
			.list();
		Failure last = recent.isEmpty() ? null : recent.getFirst();
		Failure unrecorded = lastUnrecorded;
		if (unrecorded != null && (last == null || unrecorded.failedAt().isAfter(last.failedAt()))) {
			last = unrecorded;
		}
		Instant oldest = counts[2] == null ? null : ((Timestamp) counts[2]).toInstant();
		int[] load = background.load();
		var status = new Status((long) counts[0], (long) counts[1], oldest,
				oldest == null ? null : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()), last, recent,
				load[0], load[1], load[2]);
		cached = status;
		cachedAt = clock.instant();
		return status;
	}

	/** For the gauges: at most one query per 10 s, the last known figures while the database is away. */
	private Status metric() {
		Status s = cached;
		if (s == null || cachedAt.plusSeconds(10).isBefore(clock.instant())) {
			try {
				s = status();
			}
			catch (RuntimeException e) {
				cachedAt = clock.instant();
				if (s == null) {
					s = new Status(0, 0, null, null, null, List.of(), 0, 0, 0);
				}
			}
		}
		return s;
	}

	/** Records a listener's failure (one row per listener, the latest message). */
	void recordFailure(String listener, String eventType, Throwable error) {
		Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(error);
		String message = cause.getMessage() == null ? cause.getClass().getName()
				: cause.getClass().getSimpleName() + ": " + cause.getMessage();
		if (message.length() > 2000) {
			message = message.substring(0, 2000);
		}
		Instant now = clock.instant();
		try {
			jdbc.sql("""
					insert into event_failure (listener, event_type, message, failed_at, failures) values (:l, :e, :m, :at, 1)
					on conflict (listener) do update set event_type = excluded.event_type, message = excluded.message,
					  failed_at = excluded.failed_at, failures = event_failure.failures + 1""")
				.param("l", listener).param("e", eventType).param("m", message).param("at", Timestamp.from(now)).update();
		}
		catch (RuntimeException e) {
			// The database may be what failed: keep the error in memory until it can be shown.
			lastUnrecorded = new Failure(listener, eventType, message, now, 1);
		}
	}

	/**
	 * Resubmits the failed publications whose back-off has passed (all failed ones with
	 * {@code ignoreBackOff}), a batch at a time; warns when publications pile up. Returns the status after.
	 */
	public Status retry(boolean ignoreBackOff) {
		Instant now = clock.instant();
		var retry = props.retry();
		failedPublications.resubmit(ResubmissionOptions.defaults().withBatchSize(retry.batchSize())
			.withMaxInFlight(retry.batchSize()).withFilter(p -> ignoreBackOff || due(p, now)));
		Status status = status();
		long before = incompleteAtLastCheck;
		// While a bulk change runs here its chunks wait for the bulk lane on purpose: they are not a pile-up.
		boolean holding = bulkChanges.running();
		incompleteAtLastCheck = holding ? 0 : status.incomplete();
		if (!holding && pilingUp(before, status.incomplete(), retry.warnCount())
				|| (status.oldestAgeSeconds() != null && status.oldestAgeSeconds() >= retry.warnAge().toSeconds())) {
			log.warn("Event publications pile up: {} incomplete ({} failed), the oldest from {}; last error: {}",
					status.incomplete(), status.failed(), status.oldestIncomplete(),
					status.lastError() == null ? "-" : status.lastError().listener() + ": " + status.lastError().message());
		}
		return status;
	}

	/**
	 * Many incomplete publications pile up when they stay at or above {@code warnCount} from one check to the next
	 * without shrinking. A full recompute's chunks are hundreds of publications for a minute or two, but shrinking:
	 * that is the bulk lane at work, not a pile-up (a slow one is still caught by {@code warn-age}).
	 */
	static boolean pilingUp(long before, long now, int warnCount) {
		return before >= warnCount && now >= before;
	}

	/** Back-off: the first retry after {@code firstDelay}, then twice as long each time, up to {@code maxDelay}. */
	boolean due(EventPublication p, Instant now) {
		return !nextAttempt(p.getCompletionAttempts(),
				p.getLastResubmissionDate() == null ? p.getPublicationDate() : p.getLastResubmissionDate()).isAfter(now);
	}

	Instant nextAttempt(int attempts, Instant last) {
		var retry = props.retry();
		long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
		Duration delay = retry.firstDelay().multipliedBy(factor);
		if (delay.compareTo(retry.maxDelay()) > 0) {
			delay = retry.maxDelay();
		}
		return last.plus(delay);
	}
}
