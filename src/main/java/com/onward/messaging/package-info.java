/**
 * Messaging: message templates in English, Bahasa
 * Indonesia and Bahasa Melayu rendered in the account's language, a persisted outbox where a
 * uniqueness key makes each message exist at most once, and a delivery worker that sends email
 * over SMTP (several instances share the outbox with {@code FOR UPDATE SKIP LOCKED}), retries
 * transient failures with backoff and marks permanent ones. Without SMTP configured messages
 * stay PENDING — visibly not sent.
 */
// Reads, besides the APIs: account_mail_v, account_v, contact_v, team_member_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "graduation", "identity", "shared", "stakeholder", "team" })
package com.onward.messaging;
