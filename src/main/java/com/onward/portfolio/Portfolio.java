package com.onward.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.Currency;
import com.onward.shared.LocalizedText;
import com.onward.shared.Money;
import com.onward.shared.PageResult;
import com.onward.shared.Segment;
import com.onward.shared.TouchModel;

import tools.jackson.databind.ObjectMapper;

/** Portfolio rows and summary counts, filtered and paged in SQL. */
@Service
public class Portfolio {

	/** {@code band}: a health band; {@code flag}: a red-flag category, or ANY for accounts with any open flag. */
	public record Filter(Segment segment, String status, boolean overdueOnly, boolean overCapacityOnly, String q,
			String band, String flag, String ttv, UUID member) {

		public Filter(Segment segment, String status, boolean overdueOnly, boolean overCapacityOnly, String q,
				String band, String flag, String ttv) {
			this(segment, status, overdueOnly, overCapacityOnly, q, band, flag, ttv, null);
		}

		/** Time-to-value filters: first value within 30 days, 31–90, over 90, or none yet. */
		public static final List<String> TTV = List.of("LE_30", "D31_90", "GT_90", "NONE");

		public Filter(Segment segment, String status, boolean overdueOnly, boolean overCapacityOnly, String q,
				String band, String flag) {
			this(segment, status, overdueOnly, overCapacityOnly, q, band, flag, null);
		}
	}

	/**
	 * The order of the list: one of {@link #COLUMNS} (name, health, progress, slip — forecast against the
	 * plan in days —, forecast, acv — compared in USD), ascending or descending; empty values last. Anything
	 * else sorts by name: the column is chosen from this list, never taken from the request.
	 */
	public record Sort(String column, boolean descending) {

		public static final List<String> COLUMNS = List.of("name", "health", "progress", "slip", "forecast", "acv");
		public static final Sort NAME = new Sort("name", false);

		public Sort {
			if (!COLUMNS.contains(column)) {
				column = "name";
			}
		}

		public static Sort of(String column, String direction) {
			return column == null ? NAME : new Sort(column, "desc".equalsIgnoreCase(direction));
		}

		/** The direction a click on {@code column}'s header asks for: the other one when it is the current column. */
		public String next(String c) {
			return c.equals(column) && !descending ? "desc" : "asc";
		}

		public String dir() {
			return descending ? "desc" : "asc";
		}

		/** For the header's {@code aria-sort}. */
		public String aria(String c) {
			return !c.equals(column) ? "none" : descending ? "descending" : "ascending";
		}

		String expression() {
			return switch (column) {
				case "health" -> "hs.score";
				case "progress" -> "p.progress_percent";
				case "slip" -> "(p.forecast_graduation_date - p.target_graduation_date)";
				case "forecast" -> "p.forecast_graduation_date";
				case "acv" -> "(a.acv_amount * fx.rate)";
				default -> "a.name";
			};
		}

		String orderBy() {
			String by = expression() + (descending ? " desc" : " asc") + " nulls last";
			return "name".equals(column) ? by + ", a.account_id" : by + ", a.name, a.account_id";
		}
	}

	public record Row(UUID accountId, String accountName, Segment segment, TouchModel touchModel, Money acv,
			String language, UUID projectId, String projectStatus, int progressPercent, LocalDate startDate,
			LocalDate targetGraduationDate, LocalDate forecastGraduationDate, LocalizedText stage, boolean overdue,
			boolean overCapacity, String csm, String specialist, Integer healthScore, String healthBand, int openFlags,
			LocalDate firstValueDate, Integer ttvDays, LocalDate hypercareUntil, int hypercareOpenIssues,
			LocalDate hypercareNextDue) {

		/** In the hypercare window after go-live today (the graduation module publishes it). */
		public boolean inHypercare() {
			return hypercareUntil != null;
		}

		public long slipDays() {
			return targetGraduationDate == null ? 0
					: java.time.temporal.ChronoUnit.DAYS.between(targetGraduationDate, forecastGraduationDate);
		}
	}

	public record Summary(long accounts, long activeProjects, long overdue, long overCapacity,
			Map<Segment, Long> bySegment, List<StageCount> byStage) {
	}

	public record StageCount(Segment segment, int position, LocalizedText stage, long count) {
	}

	/** A value recomputed at most every {@code summary-ttl}; while one request recomputes, the others keep the previous one. */
	private final class Held<T> {

		private record Cached<T>(T value, Instant at) {
		}

		private final AtomicReference<Cached<T>> cached = new AtomicReference<>();
		private final AtomicBoolean refreshing = new AtomicBoolean();
		private final java.util.concurrent.locks.ReentrantLock first = new java.util.concurrent.locks.ReentrantLock();
		private final Supplier<T> compute;

		Held(Supplier<T> compute) {
			this.compute = compute;
		}

		T get() {
			Cached<T> c = cached.get();
			Instant now = clock.instant();
			if (c != null && !c.at().plus(summaryTtl).isBefore(now)) {
				return c.value();
			}
			if (c == null) {
				// Nothing held yet (just started): one request computes, the others wait for it instead of each
				// aggregating every account at once. A lock, not synchronized: a virtual thread waiting on a
				// monitor would hold its carrier thread on Java 21.
				first.lock();
				try {
					c = cached.get();
					if (c == null) {
						c = new Cached<>(compute.get(), now);
						cached.set(c);
					}
					return c.value();
				}
				finally {
					first.unlock();
				}
			}
			if (!refreshing.compareAndSet(false, true)) {
				return c.value();
			}
			try {
				Cached<T> fresh = new Cached<>(compute.get(), now);
				cached.set(fresh);
				return fresh.value();
			}
			finally {
				refreshing.set(false);
			}
		}
	}

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final Clock clock;
	private final Duration summaryTtl;
	// Each held value is computed in a read-only transaction of its own (one snapshot, and the replica when
	// there is one); a request that finds it held touches no connection.
	private final Held<Summary> summary;
	private final Held<Map<String, Long>> ttvCounts;

	private final com.onward.account.SegmentationProperties segmentation;

	private final TransactionTemplate readOnly;

	Portfolio(JdbcClient jdbc, ObjectMapper json, Clock clock, @Value("${onward.portfolio.summary-ttl}") Duration summaryTtl,
			com.onward.account.SegmentationProperties segmentation, PlatformTransactionManager transactions) {
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.summary = new Held<>(() -> readOnly.execute(tx -> summary()));
		this.ttvCounts = new Held<>(() -> readOnly.execute(tx -> ttvCounts()));
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.summaryTtl = summaryTtl;
	}

	/**
	 * The dashboard's counts, recomputed at most every {@code onward.portfolio.summary-ttl}:
	 * they aggregate every account, which is too much work to repeat for each of fifty people
	 * refreshing the dashboard, while a few seconds' delay in a headline count is harmless.
	 */
	public Summary cachedSummary() {
		return summary.get();
	}

	/**
	 * How many accounts each time-to-value filter lists ({@link Filter#TTV}), counted in one pass and,
	 * like the dashboard's counts, at most every {@code summary-ttl}: the filter alone would otherwise
	 * join every account to its first value for each page shown.
	 */
	Map<String, Long> ttvCounts() {
		var counts = new HashMap<String, Long>();
		Filter.TTV.forEach(t -> counts.put(t, 0L));
		jdbc.sql("""
				select case when fv.ttv_days <= 30 then 'LE_30' when fv.ttv_days between 31 and 90 then 'D31_90'
				  when fv.ttv_days > 90 then 'GT_90' else 'NONE' end, count(*)
				from account_v a left join analytics_first_value_v fv on fv.project_id = a.current_project_id
				group by 1""")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
		return counts;
	}

	/**
	 * One page of accounts with their current project, in one statement (see below).
	 */
	// Read-only: served by the replica when one is configured (the read-only transaction is what routes it there).
	@Transactional(readOnly = true)
	public PageResult<Row> page(Filter f, int page, int size) {
		return page(f, Sort.NAME, page, size);
	}

	/** One page in the given order (sorted in SQL, so the order holds across pages). */
	// Read-only: served by the replica when one is configured.
	@Transactional(readOnly = true)
	public PageResult<Row> page(Filter f, Sort sort, int page, int size) {
		LocalDate today = LocalDate.now(clock);
		var where = new StringBuilder(" where true");
		var params = new HashMap<String, Object>();
		boolean needsProject = false;
		if (f.segment() != null) {
			where.append(" and a.segment = :segment");
			params.put("segment", f.segment().name());
		}
		if (f.q() != null && !f.q().isBlank()) {
			where.append(" and lower(a.name) like :q escape '\\'");
			params.put("q", "%" + com.onward.shared.Texts.likeLiteral(f.q().strip().toLowerCase()) + "%");
		}
		if (f.status() != null && !f.status().isBlank()) {
			where.append(" and p.status = :status");
			params.put("status", f.status());
			needsProject = true;
		}
		if (f.overdueOnly()) {
			where.append( " and p.min_open_due < :today and p.active");
			params.put("today", today);
			needsProject = true;
		}
		if (f.band() != null && !f.band().isBlank()) {
			where.append(" and exists (select 1 from health_score_v h where h.account_id = a.account_id and h.band = :band)");
			params.put("band", f.band());
		}
		if (f.flag() != null && !f.flag().isBlank()) {
			where.append(" and exists (select 1 from red_flag_v rf where rf.account_id = a.account_id and rf.open"
					+ " and (:flag = 'ANY' or rf.category = :flag))");
			params.put("flag", f.flag());
		}
		if (f.ttv() != null && Filter.TTV.contains(f.ttv())) {
			// ANL-1: the current project's time to first value, as the analytics module publishes it.
			where.append(switch (f.ttv()) {
				case "LE_30" -> " and exists (select 1 from analytics_first_value_v fv where fv.project_id = a.current_project_id and fv.ttv_days <= 30)";
				case "D31_90" -> " and exists (select 1 from analytics_first_value_v fv where fv.project_id = a.current_project_id and fv.ttv_days between 31 and 90)";
				case "GT_90" -> " and exists (select 1 from analytics_first_value_v fv where fv.project_id = a.current_project_id and fv.ttv_days > 90)";
				default -> " and not exists (select 1 from analytics_first_value_v fv where fv.project_id = a.current_project_id and fv.first_value_date is not null)";
			});
		}
		if (f.member() != null) {
			// A team member's projects: the current project of each account they are actively assigned to.
			where.append(" and exists (select 1 from project_assignment_v pm where pm.project_id = a.current_project_id"
					+ " and pm.active and pm.member_id = :member)");
			params.put("member", f.member());
		}
		if (f.overCapacityOnly()) {
			where.append(" and exists (select 1 from project_assignment_v pa where pa.project_id = a.current_project_id"
					+ " and pa.active and pa.over_capacity)");
		}
		String from = " from account_v a" + (needsProject ? " join onboarding_project_v p on p.project_id = a.current_project_id" : "");
		boolean byTtv = f.ttv() != null && Filter.TTV.contains(f.ttv());
		boolean onlyTtv = params.isEmpty() && !f.overCapacityOnly() && byTtv;
		boolean unfiltered = params.isEmpty() && !f.overCapacityOnly() && !byTtv;
		// The headline counts (all accounts, or by time to value alone) are held; any other filter counts exactly.
		long total = unfiltered ? cachedSummary().accounts()
				: onlyTtv ? ttvCounts.get().get(f.ttv())
				: jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
		String sorted = from;
		var sortParams = new HashMap<String, Object>(params);
		switch (sort.column()) {
			case "progress", "slip", "forecast" -> {
				if (!needsProject) sorted += " left join onboarding_project_v p on p.project_id = a.current_project_id";
			}
			case "health" -> sorted += " left join health_score_v hs on hs.account_id = a.account_id";
			case "acv" -> {
				var rates = segmentation.usdPerUnit();
				sorted += " left join unnest(cast(:fxCurrencies as text[]), cast(:fxRates as numeric[])) as fx(currency, rate)"
						+ " on fx.currency = a.acv_currency";
				sortParams.put("fxCurrencies", rates.keySet().stream().map(Enum::name).toArray(String[]::new));
				sortParams.put("fxRates", rates.keySet().stream().map(rates::get).toArray(java.math.BigDecimal[]::new));
			}
			default -> {
			}
		}
		// The page's account ids are chosen first, with only the filters in use (so an unfiltered page walks the
		// name index), then the details — staff names, flags — are read for those few rows only, in the same
		// statement: the ids' array keeps their order (its ordinality). Staff names are looked up by key, assignment
		// by assignment: joined, the (small) team table was scanned for every row.
		List<Row> rows = jdbc.sql("""
				select a.account_id, a.name, a.segment, a.touch_model, a.acv_amount, a.acv_currency, a.language,
				  p.project_id, p.status, p.progress_percent, p.start_date, p.target_graduation_date,
				  p.forecast_graduation_date, p.current_phase_name,
				  coalesce(p.min_open_due < :today and p.active, false) as overdue,
				  coalesce(staff.over_capacity, false) as over_capacity, staff.csm, staff.specialist,
				  h.score as health_score, h.band as health_band,
				  (select count(*) from red_flag_v rf where rf.account_id = a.account_id and rf.open) as open_flags,
				  fv.first_value_date, fv.ttv_days,
				  hc.ends_on as hypercare_until, coalesce(hc.open_issues, 0) as hypercare_open_issues,
				  hc.next_resolve_by as hypercare_next_due
				from unnest(array(select a.account_id""" + sorted + where + " order by " + sort.orderBy()
				+ """
				   limit :size offset :offset)) with ordinality as page(account_id, ord)
				join account_v a on a.account_id = page.account_id
				left join onboarding_project_v p on p.project_id = a.current_project_id
				left join analytics_first_value_v fv on fv.project_id = p.project_id
				left join graduation_hypercare_v hc on hc.project_id = p.project_id and :today between hc.starts_on and hc.ends_on
				left join health_score_v h on h.account_id = a.account_id
				left join lateral (
				  select bool_or(pa.over_capacity) as over_capacity,
				    max((select m.name from team_member_v m where m.member_id = pa.member_id)) filter (where pa.role = 'CSM') as csm,
				    max((select m.name from team_member_v m where m.member_id = pa.member_id))
				      filter (where pa.role = 'IMPLEMENTATION_SPECIALIST') as specialist
				  from project_assignment_v pa
				  where pa.project_id = p.project_id and pa.active
				) staff on true
				order by page.ord""")
			.params(sortParams).param("today", today).param("size", size).param("offset", (long) page * size)
			.query((rs, n) -> {
				String stage = rs.getString("current_phase_name");
				return new Row(rs.getObject("account_id", UUID.class), rs.getString("name"),
						Segment.valueOf(rs.getString("segment")), TouchModel.valueOf(rs.getString("touch_model")),
						new Money(rs.getBigDecimal("acv_amount"), Currency.valueOf(rs.getString("acv_currency"))),
						rs.getString("language"), rs.getObject("project_id", UUID.class), rs.getString("status"),
						rs.getInt("progress_percent"), rs.getObject("start_date", LocalDate.class),
						rs.getObject("target_graduation_date", LocalDate.class),
						rs.getObject("forecast_graduation_date", LocalDate.class),
						stage == null ? null : json.readValue(stage, LocalizedText.class), rs.getBoolean("overdue"),
						rs.getBoolean("over_capacity"), rs.getString("csm"), rs.getString("specialist"),
						(Integer) rs.getObject("health_score"), rs.getString("health_band"), rs.getInt("open_flags"),
						rs.getObject("first_value_date", LocalDate.class), (Integer) rs.getObject("ttv_days"),
						rs.getObject("hypercare_until", LocalDate.class), rs.getInt("hypercare_open_issues"),
						rs.getObject("hypercare_next_due", LocalDate.class));
			})
			.list();
		return new PageResult<>(rows, page, size, total);
	}

	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public Summary summary() {
		LocalDate today = LocalDate.now(clock);
		var counts = jdbc.sql("""
				select (select count(*) from account_v) as accounts,
				  count(*) filter (where p.active) as active,
				  count(*) filter (where p.min_open_due < :today and p.active) as overdue,
				  (select count(distinct pa.project_id) from project_assignment_v pa
				    join account_v a on a.current_project_id = pa.project_id where pa.active and pa.over_capacity) as over_capacity
				from account_v a join onboarding_project_v p on p.project_id = a.current_project_id""")
			.param("today", today)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) }).single();
		Map<Segment, Long> bySegment = new EnumMap<>(Segment.class);
		jdbc.sql("select segment, count(*) from account_v group by segment")
			.query((rs, n) -> bySegment.put(Segment.valueOf(rs.getString(1)), rs.getLong(2))).list();
		List<StageCount> byStage = jdbc.sql("""
				select a.segment, p.current_phase_pos, p.current_phase_name::text, count(*)
				from account_v a join onboarding_project_v p on p.project_id = a.current_project_id
				where p.active and p.current_phase_pos is not null
				group by a.segment, p.current_phase_pos, p.current_phase_name::text
				order by a.segment, p.current_phase_pos""")
			.query((rs, n) -> new StageCount(Segment.valueOf(rs.getString(1)), rs.getInt(2),
					json.readValue(rs.getString(3), LocalizedText.class), rs.getLong(4)))
			.list();
		return new Summary(counts[0], counts[1], counts[2], counts[3], bySegment, byStage);
	}
}
