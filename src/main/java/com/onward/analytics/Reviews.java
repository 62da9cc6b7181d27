package com.onward.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;

/**
 * Continuous improvement (ANL-7): the monthly review (time to value, completion, satisfaction
 * against the month before), what the fastest quarter of onboardings has in common compared with
 * the slowest, and retrospective notes per month.
 */
@Service
public class Reviews {

	public record Month(YearMonth month, Double medianTtvDays, long firstValues, long completed, Double csat, long csatAnswers,
			Double nps, long npsAnswers) {
	}

	public record Quartile(String key, long onboardings, Double medianTtvDays, double enterprise, double midMarket,
			double smb, Double firstWorkflowWithin7, Double trainingAttendance, Double earlyWinsPerAccount) {
	}

	public record Note(UUID id, YearMonth month, String note, String author, Instant createdAt) {
	}

	/**
	 * How often a playbook or a customisation factor appears among the fastest and the slowest
	 * quarter: {@code dimension} PLAYBOOK (value = its name; '' = imported history without a
	 * project) or FACTOR (COMPLEXITY, INTEGRATIONS, DATA_VOLUME, LIMITED_CUSTOMER_RESOURCES,
	 * BUSY_SEASON, or NONE = no factor lengthened the plan); shares of each quarter's onboardings.
	 */
	public record Factor(String dimension, String value, long fastest, long slowest, Double fastestShare,
			Double slowestShare) {
	}

	/** The month's first values, completed projects and survey answers. */
	private static final Set<AnalyticsCache.Input> MONTH_INPUTS = EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.PROJECTS, AnalyticsCache.Input.SURVEYS);

	/** The quarters by first value, their segments, early wins and training. */
	private static final Set<AnalyticsCache.Input> QUARTILE_INPUTS = EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.ACCOUNTS, AnalyticsCache.Input.EARLY_WINS, AnalyticsCache.Input.TRAINING);

	/** The quarters by first value, and their projects' playbooks and factors. */
	private static final Set<AnalyticsCache.Input> FACTOR_INPUTS = EnumSet.of(AnalyticsCache.Input.FIRST_VALUES,
			AnalyticsCache.Input.ACCOUNTS, AnalyticsCache.Input.PROJECTS);

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final AnalyticsCache cache;

	Reviews(JdbcClient jdbc, AuditLog audit, Clock clock, AnalyticsCache cache) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	public Month month(YearMonth m) {
		return cache.get("review-month", MONTH_INPUTS, () -> computeMonth(m), m);
	}

	Month computeMonth(YearMonth m) {
		LocalDate from = m.atDay(1), to = m.atEndOfMonth();
		record Ttv(Double median, long n) {
		}
		Ttv ttv = jdbc.sql("""
				select percentile_cont(0.5) within group (order by first_value_date - signed_on), count(*)
				from onboarding_outcome where first_value_date between :from and :to""")
			.param("from", from).param("to", to)
			.query((rs, n) -> new Ttv(rs.getObject(1) == null ? null : Stats.round(rs.getDouble(1), 1), rs.getLong(2)))
			.single();
		long completed = jdbc.sql("select count(*) from onboarding_project_v where completed_on between :from and :to")
			.param("from", from).param("to", to).query(Long.class).single();
		long[] csat = jdbc.sql("""
				select count(*) filter (where score >= 4), count(*) from survey_answer_v
				where kind = 'CSAT' and answered_on between :from and :to""")
			.param("from", from).param("to", to).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		long[] nps = jdbc.sql("""
				select count(*) filter (where score >= 9) - count(*) filter (where score <= 6), count(*) from survey_answer_v
				where kind = 'NPS' and answered_on between :from and :to""")
			.param("from", from).param("to", to).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		return new Month(m, ttv.median(), ttv.n(), completed, Stats.ratio(csat[0], csat[1], 4), csat[1],
				nps[1] == 0 ? null : Stats.round(100.0 * nps[0] / nps[1], 1), nps[1]);
	}

	/** The fastest and the slowest quarter (by days to first value) of onboardings signed in the last year. */
	public List<Quartile> fastVsSlow() {
		LocalDate today = LocalDate.now(clock);
		return cache.get("fast-vs-slow", QUARTILE_INPUTS, () -> computeFastVsSlow(today), today);
	}

	/** Playbooks and customisation factors of the fastest vs the slowest quarter (same quarters as {@link #fastVsSlow}). */
	public List<Factor> fastVsSlowFactors() {
		LocalDate today = LocalDate.now(clock);
		return cache.get("fast-vs-slow-factors", FACTOR_INPUTS, () -> computeFastVsSlowFactors(today), today);
	}

	List<Factor> computeFastVsSlowFactors(LocalDate today) {
		var out = new ArrayList<Factor>();
		jdbc.sql(QUARTILES + """
				, q as (select * from o where q in (1, 4)),
				n as (select count(*) filter (where q = 1) as n1, count(*) filter (where q = 4) as n4 from q),
				f as (
				  select 'PLAYBOOK' as dimension, coalesce(v.playbook, '') as value, q.q from q
				    left join onboarding_project_v v on v.project_id = q.project_id
				  union all
				  select 'FACTOR', f.factor, q.q from q join onboarding_project_factor_v f on f.project_id = q.project_id
				  union all
				  select 'FACTOR', 'NONE', q.q from q where q.project_id is not null
				    and not exists (select 1 from onboarding_project_factor_v f where f.project_id = q.project_id))
				select dimension, value, count(*) filter (where f.q = 1), count(*) filter (where f.q = 4), n.n1, n.n4
				from f cross join n group by dimension, value, n.n1, n.n4
				order by dimension desc, count(*) filter (where f.q = 1) - count(*) filter (where f.q = 4) desc, value""")
			.param("today", today)
			.query(rs -> {
				out.add(new Factor(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
						Stats.ratio(rs.getLong(3), rs.getLong(5), 4), Stats.ratio(rs.getLong(4), rs.getLong(6), 4)));
			});
		return out;
	}

	/** The onboardings of the last year that reached first value, in quarters by days to first value (1 = fastest). */
	private static final String QUARTILES = """
			with o as (
			  select o.account_id, o.project_id, o.first_value_date - o.signed_on as days, o.signed_on, a.segment,
			    ntile(4) over (order by o.first_value_date - o.signed_on, o.id) as q
			  from onboarding_outcome o join account_v a on a.account_id = o.account_id
			  where o.first_value_date is not null and o.signed_on > cast(:today as date) - 365)
			""";

	List<Quartile> computeFastVsSlow(LocalDate today) {
		var out = new ArrayList<Quartile>();
		jdbc.sql(QUARTILES + """
				select case q when 1 then 'FASTEST' else 'SLOWEST' end, count(*),
				  percentile_cont(0.5) within group (order by days),
				  avg((segment = 'ENTERPRISE')::int), avg((segment = 'MID_MARKET')::int), avg((segment = 'SMB')::int),
				  avg((select (w.occurred_on - o.signed_on <= 7)::int from early_win_v w
				       where w.account_id = o.account_id and w.kind = 'FIRST_WORKFLOW_CREATED')),
				  (select avg(t.attended::int) from training_attendance_v t join o o2 on o2.project_id = t.project_id and o2.q = o.q),
				  avg((select count(*) from early_win_v w where w.account_id = o.account_id))
				from o where q in (1, 4) group by q order by q""")
			.param("today", today)
			.query(rs -> {
				out.add(new Quartile(rs.getString(1), rs.getLong(2), Stats.round(rs.getDouble(3), 1),
						Stats.round(rs.getDouble(4), 4), Stats.round(rs.getDouble(5), 4), Stats.round(rs.getDouble(6), 4),
						rs.getObject(7) == null ? null : Stats.round(rs.getDouble(7), 4),
						rs.getObject(8) == null ? null : Stats.round(rs.getDouble(8), 4),
						rs.getObject(9) == null ? null : Stats.round(rs.getDouble(9), 2)));
			});
		return out;
	}

	public List<Note> notes(YearMonth m) {
		return jdbc.sql("select id, month, note, author, created_at from analytics_review_note where month = :m order by created_at")
			.param("m", m.atDay(1))
			.query((rs, n) -> new Note(rs.getObject(1, UUID.class), YearMonth.from(rs.getObject(2, LocalDate.class)),
					rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	@Transactional
	public Note addNote(YearMonth m, String note) {
		if (note == null || note.isBlank()) throw InvalidInputException.of("note", "must not be blank");
		if (note.length() > 4000) throw InvalidInputException.of("note", "must be at most 4000 characters");
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into analytics_review_note (id, month, note, author, created_at) values (:id, :m, :note, :by, :at)")
			.param("id", id).param("m", m.atDay(1)).param("note", note.strip()).param("by", AuditLog.currentActor())
			.param("at", Timestamp.from(clock.instant())).update();
		audit.record("review.note", "review", m.toString(), note.strip());
		return notes(m).stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
	}
}
