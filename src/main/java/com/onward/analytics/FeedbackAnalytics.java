package com.onward.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The feedback loop in numbers (ANL-7): NPS (promoters 9–10 minus detractors 0–6, per 100 answers) by segment
 * and by onboarding speed (whether the account's project graduated too early, on time or too late, or has not
 * graduated), and the reasons churned customers gave in their exit interviews.
 */
@Service
class FeedbackAnalytics {

	record NpsGroup(String group, int responses, int promoters, int passives, int detractors, Integer nps) {
	}

	record ExitReason(int code, String reason, int answers) {
	}

	record Feedback(List<NpsGroup> npsBySegment, List<NpsGroup> npsByOnboardingSpeed, List<ExitReason> exitReasons,
			int exitInterviews) {
	}

	/** Survey answers, grouped by the account's segment and by how its project graduated. */
	private static final java.util.Set<AnalyticsCache.Input> INPUTS = java.util.EnumSet.of(AnalyticsCache.Input.SURVEYS,
			AnalyticsCache.Input.ACCOUNTS, AnalyticsCache.Input.PROJECTS);

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final AnalyticsCache cache;

	FeedbackAnalytics(JdbcClient jdbc, MessageSource messages, AnalyticsCache cache) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.cache = cache;
	}

	/** The figures, from the answers cache when it holds current ones (survey answers, graduations and segment changes retire it). */
	Feedback feedback(Locale locale) {
		return cache.get("feedback", INPUTS, () -> compute(locale), locale);
	}

	private Feedback compute(Locale locale) {
		List<NpsGroup> bySegment = nps("a.segment");
		List<NpsGroup> bySpeed = nps("""
				coalesce((select g.timing from onboarding_project_v p join graduation_v g on g.project_id = p.project_id
				          where p.account_id = s.account_id order by g.graduated_on desc limit 1), 'NOT_GRADUATED')""");
		var reasons = new ArrayList<ExitReason>();
		int[] counts = new int[7];
		jdbc.sql("select score, count(*) from survey_answer_v where kind = 'EXIT' group by score")
			.query(rs -> { int code = rs.getInt(1); if (code >= 1 && code <= 6) counts[code] = rs.getInt(2); });
		int total = 0;
		for (int code = 1; code <= 6; code++) {
			reasons.add(new ExitReason(code, messages.getMessage("survey.answer.EXIT." + code, null, locale), counts[code]));
			total += counts[code];
		}
		return new Feedback(bySegment, bySpeed, reasons, total);
	}

	private List<NpsGroup> nps(String group) {
		return jdbc.sql("""
				select %s as grp, count(*), count(*) filter (where s.score >= 9), count(*) filter (where s.score between 7 and 8),
				  count(*) filter (where s.score <= 6)
				from survey_answer_v s join account_v a on a.account_id = s.account_id
				where s.kind = 'NPS' group by 1 order by 1""".formatted(group))
			.query((rs, n) -> {
				int responses = rs.getInt(2);
				int promoters = rs.getInt(3);
				int detractors = rs.getInt(5);
				return new NpsGroup(rs.getString(1), responses, promoters, rs.getInt(4), detractors,
						responses == 0 ? null : (int) Math.round(100.0 * (promoters - detractors) / responses));
			})
			.list();
	}
}

@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
class FeedbackAnalyticsApi {

	private final FeedbackAnalytics analytics;

	FeedbackAnalyticsApi(FeedbackAnalytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/feedback")
	@Operation(summary = "NPS by segment and by onboarding speed (graduated too early, on time, too late, not yet), and churned customers' exit-interview reasons")
	FeedbackAnalytics.Feedback feedback() {
		return analytics.feedback(LocaleContextHolder.getLocale());
	}
}
