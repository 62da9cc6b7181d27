package com.onward.health;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.onward.health.Health.HistoryPoint;

import tools.jackson.databind.ObjectMapper;

/** The stored daily score history of an account. Reached through {@link Health}. */
@Service
class HealthHistory {

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final Clock clock;

	HealthHistory(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** The stored daily history, oldest first. */
	List<HistoryPoint> history(UUID accountId, int days) {
		return jdbc.sql("""
				select day, score, band, components from health_history
				where account_id = :a and day > :since order by day""")
			.param("a", accountId).param("since", LocalDate.now(clock).minusDays(days))
			.query((rs, n) -> new HistoryPoint(rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					HealthBand.valueOf(rs.getString(3)), json.readValue(rs.getString(4), Health.COMPONENTS)))
			.list();
	}

	/** The score a week before the current one (the latest history row at least 7 days older), if any. */
	Optional<HistoryPoint> weekBefore(UUID accountId, LocalDate asOf) {
		return jdbc.sql("""
				select day, score, band, components from health_history
				where account_id = :a and day <= :d order by day desc limit 1""")
			.param("a", accountId).param("d", asOf.minusDays(7))
			.query((rs, n) -> new HistoryPoint(rs.getObject(1, LocalDate.class), (Integer) rs.getObject(2),
					HealthBand.valueOf(rs.getString(3)), json.readValue(rs.getString(4), Health.COMPONENTS)))
			.optional();
	}
}
