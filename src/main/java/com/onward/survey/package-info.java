/**
 * Surveys: a one-question CSAT or NPS email with a
 * private link to a public answer page; the answer is stored once and published as
 * {@link com.onward.survey.SurveyAnswered} for the automation rules (a detractor gets a human's
 * attention).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "messaging", "shared" })
package com.onward.survey;
