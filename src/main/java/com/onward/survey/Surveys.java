package com.onward.survey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.messaging.Outbox;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;

/** Sends surveys through the outbox and records their answers. */
@Service
public class Surveys {

	/**
	 * The shipped questions, with their scales and what counts as a detractor: CSAT 1–5, NPS 0–10, the
	 * tech-touch day-30 goal question (0 = no, 1 = yes; a no needs a person), and the exit interview of a
	 * churned customer (the main reason for leaving, 1–6; never a detractor).
	 */
	public enum Kind {
		CSAT(1, 5, 3), NPS(0, 10, 6), GOAL(0, 1, 0), EXIT(1, 6, 0);

		final int min;
		final int max;
		final int detractorUpTo;

		Kind(int min, int max, int detractorUpTo) {
			this.min = min;
			this.max = max;
			this.detractorUpTo = detractorUpTo;
		}

		public int min() {
			return min;
		}

		public int max() {
			return max;
		}
	}

	public record Survey(UUID id, UUID accountId, Kind kind, String recipient, String language, Instant createdAt,
			Instant answeredAt, Integer score, String comment) {
	}

	private final JdbcClient jdbc;
	private final Outbox outbox;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final String publicUrl;

	Surveys(JdbcClient jdbc, Outbox outbox, ApplicationEventPublisher events, Clock clock,
			@Value("${onward.messaging.public-url}") String publicUrl) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.events = events;
		this.clock = clock;
		this.publicUrl = publicUrl;
	}

	/** Sends a survey once per key: the email with the private link; false when the key was used before. */
	@Transactional
	public boolean send(String uniquenessKey, UUID accountId, Kind kind, String recipient, String contactName,
			String language) {
		return send(uniquenessKey, accountId, kind, recipient, contactName, language, true);
	}

	/**
	 * The same; without {@code email} no email goes out: the request waits in the customer portal, for a
	 * contact who can sign in there.
	 */
	@Transactional
	public boolean send(String uniquenessKey, UUID accountId, Kind kind, String recipient, String contactName,
			String language, boolean email) {
		String token = com.onward.shared.SecureTokens.random(24);
		String lang = language == null ? "en" : language;
		boolean created = jdbc.sql("""
				insert into survey_request (id, uniqueness_key, token, account_id, kind, recipient, language, created_at, emailed)
				values (:id, :key, :token, :account, :kind, :recipient, :language, :at, :emailed) on conflict (uniqueness_key) do nothing""")
			.param("id", UUID.randomUUID()).param("key", uniquenessKey).param("token", token).param("account", accountId)
			.param("kind", kind.name()).param("recipient", recipient).param("language", lang).param("emailed", email)
			.param("at", Timestamp.from(clock.instant())).update() == 1;
		if (created && email) {
			outbox.enqueue("survey:" + uniquenessKey, "survey-" + kind.name().toLowerCase(), accountId, recipient, lang,
					Map.of("contact", contactName == null ? "" : contactName,
							"link", publicUrl + "/survey/" + token + "?lang=" + lang));
		}
		return created;
	}

	public Optional<Survey> byToken(String token) {
		return jdbc.sql("select * from survey_request where token = :t").param("t", token).query(Surveys::map).optional();
	}

	public List<Survey> forAccount(UUID accountId) {
		return jdbc.sql("select * from survey_request where account_id = :a order by created_at desc").param("a", accountId)
			.query(Surveys::map).list();
	}

	public Optional<Survey> find(UUID id) {
		return jdbc.sql("select * from survey_request where id = :id").param("id", id).query(Surveys::map).optional();
	}

	/** Answers a survey of the given account (e.g. from the customer portal); another account's is not found. */
	@Transactional
	public Survey answer(UUID accountId, UUID surveyId, Integer score, String comment) {
		String token = jdbc.sql("select token from survey_request where id = :id and account_id = :a").param("id", surveyId)
			.param("a", accountId).query(String.class).optional()
			.orElseThrow(() -> new NotFoundException("Survey", surveyId));
		return answer(token, score, comment);
	}

	/** Records the one answer to a survey (score on its scale, optional comment) and publishes it. */
	@Transactional
	public Survey answer(String token, Integer score, String comment) {
		Survey survey = jdbc.sql("select * from survey_request where token = :t for update").param("t", token)
			.query(Surveys::map).optional().orElseThrow(() -> new NotFoundException("Survey", token));
		if (survey.answeredAt() != null) {
			throw BusinessRuleException.of(null, "error.survey.answered");
		}
		if (score == null || score < survey.kind().min || score > survey.kind().max) {
			throw InvalidInputException.of("score", "must be between " + survey.kind().min + " and " + survey.kind().max);
		}
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > 2000) {
			throw InvalidInputException.of("comment", "must be at most 2,000 characters");
		}
		jdbc.sql("update survey_request set answered_at = :at, score = :score, comment = :comment where id = :id")
			.param("at", Timestamp.from(clock.instant())).param("score", score).param("comment", text)
			.param("id", survey.id()).update();
		events.publishEvent(new SurveyAnswered(survey.id(), survey.accountId(), survey.kind(), score, text,
				score <= survey.kind().detractorUpTo));
		return byToken(token).orElseThrow();
	}

	private static Survey map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Survey(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				Kind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("language"),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant(),
				(Integer) rs.getObject("score"), rs.getString("comment"));
	}
}
