package com.onward.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

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

	public record Filter(Segment segment, String status, Integer stage, boolean overdueOnly, boolean overCapacityOnly,
			String q) {
	}

	public record Row(UUID accountId, String accountName, Segment segment, TouchModel touchModel, Money acv,
			String language, UUID projectId, String projectStatus, int progressPercent, LocalDate startDate,
			LocalDate targetGraduationDate, LocalDate forecastGraduationDate, LocalizedText stage, boolean overdue,
			boolean overCapacity, String csm, String specialist) {

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

	private static final String FROM = """
			from account a
			left join lateral (
			  select * from project p where p.account_id = a.id order by p.created_at desc limit 1
			) p on true
			where (:segment::text is null or a.segment = :segment)
			  and (:status::text is null or p.status = :status)
			  and (:stage::int is null or p.current_phase_pos = :stage)
			  and (not :overdueOnly or (p.min_open_due < :today and p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD')))
			  and (not :overCapacityOnly or exists (
			        select 1 from project_assignment pa where pa.project_id = p.id and pa.active and pa.over_capacity))
			  and (:q::text is null or lower(a.name) like :q)
			""";

	private final JdbcClient jdbc;
	private final ObjectMapper json;
	private final Clock clock;
	private final ZoneId zone;

	Portfolio(JdbcClient jdbc, ObjectMapper json, Clock clock, @Value("${onward.time-zone:UTC}") String zone) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	public PageResult<Row> page(Filter f, int page, int size) {
		LocalDate today = LocalDate.now(clock.withZone(zone));
		long total = params(jdbc.sql("select count(*) " + FROM), f, today).query(Long.class).single();
		List<Row> rows = params(jdbc.sql("""
				select a.id as account_id, a.name, a.segment, a.touch_model, a.acv_amount, a.acv_currency, a.language,
				  p.id as project_id, p.status, p.progress_percent, p.start_date, p.target_graduation_date,
				  p.forecast_graduation_date, p.current_phase_name,
				  coalesce(p.min_open_due < :today and p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD'), false) as overdue,
				  exists (select 1 from project_assignment pa where pa.project_id = p.id and pa.active and pa.over_capacity)
				    as over_capacity,
				  (select m.name from project_assignment pa join team_member m on m.id = pa.member_id
				    where pa.project_id = p.id and pa.role = 'CSM') as csm,
				  (select m.name from project_assignment pa join team_member m on m.id = pa.member_id
				    where pa.project_id = p.id and pa.role = 'IMPLEMENTATION_SPECIALIST') as specialist
				""" + FROM + " order by overdue desc, a.name, a.id limit :size offset :offset"), f, today)
			.param("size", size).param("offset", (long) page * size)
			.query((rs, n) -> {
				String stage = rs.getString("current_phase_name");
				BigDecimal acv = rs.getBigDecimal("acv_amount");
				return new Row(rs.getObject("account_id", UUID.class), rs.getString("name"),
						Segment.valueOf(rs.getString("segment")), TouchModel.valueOf(rs.getString("touch_model")),
						new Money(acv, Currency.valueOf(rs.getString("acv_currency"))), rs.getString("language"),
						rs.getObject("project_id", UUID.class), rs.getString("status"), rs.getInt("progress_percent"),
						rs.getObject("start_date", LocalDate.class), rs.getObject("target_graduation_date", LocalDate.class),
						rs.getObject("forecast_graduation_date", LocalDate.class),
						stage == null ? null : json.readValue(stage, LocalizedText.class), rs.getBoolean("overdue"),
						rs.getBoolean("over_capacity"), rs.getString("csm"), rs.getString("specialist"));
			})
			.list();
		return new PageResult<>(rows, page, size, total);
	}

	public Summary summary() {
		LocalDate today = LocalDate.now(clock.withZone(zone));
		var counts = jdbc.sql("""
				select count(*) as accounts,
				  count(*) filter (where p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD')) as active,
				  count(*) filter (where p.min_open_due < :today and p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD')) as overdue,
				  count(*) filter (where exists (select 1 from project_assignment pa
				    where pa.project_id = p.id and pa.active and pa.over_capacity)) as over_capacity
				from account a
				left join lateral (select * from project p where p.account_id = a.id order by p.created_at desc limit 1) p on true""")
			.param("today", today)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) }).single();
		Map<Segment, Long> bySegment = new java.util.EnumMap<>(Segment.class);
		jdbc.sql("select segment, count(*) from account group by segment").query((rs, n) -> {
			bySegment.put(Segment.valueOf(rs.getString(1)), rs.getLong(2));
			return null;
		}).list();
		List<StageCount> byStage = new ArrayList<>(jdbc.sql("""
				select a.segment, p.current_phase_pos, p.current_phase_name::text, count(*)
				from account a join project p on p.account_id = a.id
				where p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD') and p.current_phase_pos is not null
				group by a.segment, p.current_phase_pos, p.current_phase_name::text
				order by a.segment, p.current_phase_pos""")
			.query((rs, n) -> new StageCount(Segment.valueOf(rs.getString(1)), rs.getInt(2),
					json.readValue(rs.getString(3), LocalizedText.class), rs.getLong(4)))
			.list());
		return new Summary(counts[0], counts[1], counts[2], counts[3], bySegment, byStage);
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Filter f, LocalDate today) {
		return spec.param("segment", f.segment() == null ? null : f.segment().name())
			.param("status", f.status() == null || f.status().isBlank() ? null : f.status())
			.param("stage", f.stage())
			.param("overdueOnly", f.overdueOnly())
			.param("overCapacityOnly", f.overCapacityOnly())
			.param("q", f.q() == null || f.q().isBlank() ? null : "%" + f.q().strip().toLowerCase() + "%")
			.param("today", today);
	}
}
