package com.onward.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The last deliveries to the Segment-compatible endpoint (the newest 50), listed on the admins'
 * Integrations page like the other receivers: when, which call, the status, how many calls were
 * accepted, duplicates, ignored or rejected, and the problems of a rejected delivery.
 */
@Service
public class SegmentDeliveries {

	/** {@code call} is the path's call type ({@code batch}, {@code track}, ...). */
	public record Delivery(Instant receivedAt, String call, int status, int accepted, int duplicates, int ignored,
			int rejected, String problem) {
	}

	static final int KEEP = 50;

	private final JdbcClient jdbc;
	private final Clock clock;

	SegmentDeliveries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** In its own transaction, so a rejected delivery is on record although nothing else was stored. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void log(String call, int status, int accepted, int duplicates, int ignored, int rejected, String problem) {
		jdbc.sql("""
				insert into segment_delivery (received_at, call, status, accepted, duplicates, ignored, rejected, problem)
				values (:at, :call, :s, :a, :d, :i, :r, :p)""")
			.param("at", Timestamp.from(clock.instant())).param("call", call).param("s", status).param("a", accepted)
			.param("d", duplicates).param("i", ignored).param("r", rejected)
			.param("p", problem == null || problem.length() <= 1000 ? problem : problem.substring(0, 1000)).update();
		jdbc.sql("delete from segment_delivery where id <= (select id from segment_delivery order by id desc offset :n limit 1)")
			.param("n", KEEP).update();
	}

	/** Newest first. */
	public List<Delivery> recent() {
		return jdbc.sql("""
				select received_at, call, status, accepted, duplicates, ignored, rejected, problem
				from segment_delivery order by id desc limit :n""")
			.param("n", KEEP)
			.query((rs, i) -> new Delivery(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8)))
			.list();
	}
}
