package com.onward.survey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/**
 * Survey requests and answers. An erased person's answers keep their score (satisfaction figures
 * stay right) but lose the recipient and the comment; retention removes comments older than
 * {@code survey-comments}.
 */
@Component
class SurveyPersonalData extends PersonalDataTables {

	SurveyPersonalData(JdbcClient jdbc) {
		super(jdbc, "survey");
		table("survey_request", "surveys", BY_ACCOUNT, "created_at, id");
		redacted("survey_request", "recipient", "comment");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var counts = new LinkedHashMap<String, Long>();
		if (!person.emails().isEmpty()) {
			counts.put("survey_request.recipient", (long) jdbc.sql("""
					update survey_request set recipient = 'erased', comment = null
					where lower(recipient) = any(:emails) and (cast(:a as uuid) is null or account_id = :a)""")
				.param("emails", person.lowerEmails()).param("a", person.accountId()).update());
		}
		super.erase(person).forEach((k, v) -> counts.merge(k, v, Long::sum));
		return counts;
	}

	@Override
	public Map<String, Long> applyRetention(Retention retention) {
		Instant cutoff = retention.cutoff("survey-comments");
		if (cutoff == null) return Map.of();
		return Map.of("survey_request.comment", (long) jdbc.sql(
				"update survey_request set comment = null where comment is not null and answered_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff)).update());
	}
}
