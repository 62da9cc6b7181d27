package com.onward.survey;

import java.util.UUID;

/** A customer answered a survey; {@code detractor}: CSAT 1–3 or NPS 0–6. */
public record SurveyAnswered(UUID surveyId, UUID accountId, Surveys.Kind kind, int score, String comment,
		boolean detractor) {
}
