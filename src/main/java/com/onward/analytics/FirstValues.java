package com.onward.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.onboarding.FirstValueSource;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.NotFoundException;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * First value and go-live per onboarding (ANL-1). The first value date is the earliest day one of
 * the project's success criteria was met — or the date a person set, which wins until removed.
 * The go-live date is the day the go-live milestone was done. Kept in {@code onboarding_outcome},
 * recomputed per project from success-plan and milestone events and in full, set-based, on demand.
 */
@Service
public class FirstValues implements FirstValueSource {

	public record Override(@NotNull LocalDate date, @Size(max = 2000) String note) {
	}

	/** A project's first value and go-live; days are counted from the contract's signing date. */
	public record FirstValue(UUID projectId, UUID accountId, LocalDate signedOn, LocalDate firstValueDate,
			Integer timeToValueDays, LocalDate derivedFirstValueDate, boolean overridden, String overrideNote,
			String overrideBy, Instant overrideAt, LocalDate goLiveDate, Integer timeToGoLiveDays) {
	}

	/** Upsert from the published views; {@code :all} recomputes every project, else just {@code :id}. */
	private static final String RECOMPUTE = """
			insert into onboarding_outcome (id, project_id, account_id, signed_on, derived_first_value, go_live_date,
			  source, updated_at)
			select p.project_id, p.project_id, p.account_id, p.start_date, fv.met_on, p.go_live_date, 'PROJECT', :at
			from onboarding_project_v p
			left join (select c.project_id, min(c.met_on) as met_on from success_criterion_v c
			           where c.met_on is not null and (:all or c.project_id = :id) group by c.project_id) fv
			  on fv.project_id = p.project_id
			where :all or p.project_id = :id
			on conflict (id) do update set derived_first_value = excluded.derived_first_value,
			  go_live_date = excluded.go_live_date, signed_on = excluded.signed_on, account_id = excluded.account_id,
			  updated_at = excluded.updated_at
			where (onboarding_outcome.derived_first_value, onboarding_outcome.go_live_date, onboarding_outcome.signed_on)
			  is distinct from (excluded.derived_first_value, excluded.go_live_date, excluded.signed_on)""";

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final AnalyticsCache cache;

	FirstValues(JdbcClient jdbc, AuditLog audit, Clock clock, AnalyticsCache cache) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.cache = cache;
	}

	@Transactional
	public void recompute(UUID projectId) {
		int changed = jdbc.sql(RECOMPUTE).param("all", false).param("id", projectId)
			.param("at", Timestamp.from(clock.instant())).update();
		if (changed > 0) cache.changed(AnalyticsCache.Input.FIRST_VALUES);
	}

	/** Recomputes every project's first value and go-live in one statement; returns the rows changed. */
	@Transactional
	public int recomputeAll() {
		cache.changed(AnalyticsCache.Input.FIRST_VALUES);
		return jdbc.sql(RECOMPUTE).param("all", true).param("id", new UUID(0, 0))
			.param("at", Timestamp.from(clock.instant())).update();
	}

	public Optional<FirstValue> find(UUID projectId) {
		return jdbc.sql("""
				select project_id, account_id, signed_on, first_value_date, ttv_days, derived_first_value, overridden,
				  override_note, override_by, override_at, go_live_date, go_live_days
				from analytics_first_value_v where project_id = :p""")
			.param("p", projectId)
			.query((rs, n) -> new FirstValue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), (Integer) rs.getObject(5),
					rs.getObject(6, LocalDate.class), rs.getBoolean(7), rs.getString(8), rs.getString(9),
					rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
					rs.getObject(11, LocalDate.class), (Integer) rs.getObject(12)))
			.optional();
	}

	/** For onboarding's project page and API: the first value as this module keeps it (read, never recomputed). */
	@java.lang.Override
	public Optional<FirstValueDate> firstValue(UUID projectId) {
		return find(projectId).map(f -> new FirstValueDate(f.firstValueDate(), f.timeToValueDays(), f.overridden(),
				f.overrideNote()));
	}

	public FirstValue get(UUID projectId) {
		Optional<FirstValue> found = find(projectId);
		if (found.isPresent()) return found.get();
		recompute(projectId);
		return find(projectId).orElseThrow(() -> new NotFoundException("Project", projectId));
	}

	/** A person sets the first value date (it wins over the success plan until removed); audited. */
	@Transactional
	public FirstValue override(UUID projectId, Override o) {
		FirstValue current = get(projectId);
		if (o.date().isBefore(current.signedOn())) {
			throw BusinessRuleException.of("date", "error.firstValue.beforeSigning", current.signedOn());
		}
		if (o.date().isAfter(LocalDate.now(clock))) {
			throw BusinessRuleException.of("date", "error.date.future");
		}
		String note = o.note() == null || o.note().isBlank() ? null : o.note().strip();
		jdbc.sql("""
				update onboarding_outcome set override_first_value = :d, override_note = :note, override_by = :by,
				  override_at = :at, updated_at = :at where project_id = :p""")
			.param("d", o.date()).param("note", note).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).param("p", projectId).update();
		cache.changed(AnalyticsCache.Input.FIRST_VALUES);
		audit.record("first-value.overridden", "project", projectId,
				o.date() + (note == null ? "" : ": " + note) + " (was " + current.firstValueDate() + ")");
		return get(projectId);
	}

	@Transactional
	public FirstValue clearOverride(UUID projectId) {
		FirstValue current = get(projectId);
		jdbc.sql("""
				update onboarding_outcome set override_first_value = null, override_note = null, override_by = null,
				  override_at = null, updated_at = :at where project_id = :p""")
			.param("at", Timestamp.from(clock.instant())).param("p", projectId).update();
		cache.changed(AnalyticsCache.Input.FIRST_VALUES);
		audit.record("first-value.override-removed", "project", projectId, "was " + current.firstValueDate());
		return get(projectId);
	}
}
