package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention with the clock moved past each period removes exactly what is older: message content
 * after 90 days (metadata kept), survey comments after 365, audit entries after 730, completed
 * event publications after 7.
 */
class RetentionIntegrationTests extends PrivacyTestSupport {

	@Autowired
	Privacy privacy;

	record Sample(UUID account) {
	}

	/** An account whose contact got the welcome and kickoff invite (sent) and answered the survey. */
	private UUID contactedAccount() throws Exception {
		String email = unique("ret") + "@retention.example";
		UUID account = account(10, "DAILY", LocalDate.now(clock).minusDays(1), 300, 40000, contacts(email));
		await(() -> count("select count(*) from outbox_message where account_id = :x", account) >= 2);
		answerKickoffSurvey(account, 5, "Lovely onboarding");
		deliverAll();
		awaitListeners(account.toString());
		assertThat(count("select count(*) from outbox_message where account_id = :x and status = 'PENDING'", account)).isZero();
		return account;
	}

	private long withContent(UUID account) {
		return count("select count(*) from outbox_message where account_id = :x and body <> '' and subject <> ''", account);
	}

	private long withCalendar(UUID account) {
		return count("select count(*) from outbox_message where account_id = :x and calendar is not null", account);
	}

	private long messages(UUID account) {
		return count("select count(*) from outbox_message where account_id = :x", account);
	}

	private long comments(UUID account) {
		return count("select count(*) from survey_request where account_id = :x and comment is not null", account);
	}

	private long audits(UUID account) {
		return count("select count(*) from audit_log where entity_id = cast(:x as text)", account);
	}

	private long completedPublications() {
		return jdbc.sql("select count(*) from event_publication where completion_date is not null").query(Long.class).single();
	}

	@Test
	void eachPeriodRemovesExactlyWhatIsOlder() throws Exception {
		UUID old = contactedAccount();
		long oldMessages = messages(old);
		assertThat(withContent(old)).isEqualTo(oldMessages);
		assertThat(withCalendar(old)).isPositive();
		assertThat(comments(old)).isEqualTo(1);
		assertThat(audits(old)).isPositive();
		long publications = completedPublications();
		assertThat(publications).isPositive();

		// Nothing is old yet.
		var first = privacy.applyRetention();
		assertThat(withContent(old)).isEqualTo(oldMessages);
		assertThat(comments(old)).isEqualTo(1);
		assertThat(completedPublications()).isGreaterThanOrEqualTo(publications);

		clock.advance(Duration.ofDays(60));
		UUID recent = contactedAccount();
		long recentMessages = messages(recent);
		long recentAudits = audits(recent);
		assertThat(withContent(recent)).isEqualTo(recentMessages);

		// Day 91: the old account's message content goes (its metadata stays), the recent one's stays.
		clock.advance(Duration.ofDays(31));
		var run = privacy.applyRetention();
		assertThat(withContent(old)).isZero();
		assertThat(withCalendar(old)).isZero();
		assertThat(messages(old)).isEqualTo(oldMessages);
		assertThat(count("select count(*) from outbox_message where account_id = :x and status = 'SENT' and template = 'welcome'", old))
			.isEqualTo(1);
		assertThat(withContent(recent)).isEqualTo(recentMessages);
		assertThat(comments(old)).isEqualTo(1);
		assertThat(audits(old)).isPositive();
		assertThat(completedPublications()).as("completed publications older than 7 days").isZero();
		var messaging = run.modules().stream().filter(m -> m.module().equals("messaging")).findFirst().orElseThrow();
		assertThat(messaging.changes().get("outbox_message.content")).isGreaterThanOrEqualTo(oldMessages);

		// Day 366: the old survey comment goes (its score stays), the recent one stays.
		clock.advance(Duration.ofDays(275));
		privacy.applyRetention();
		assertThat(comments(old)).isZero();
		assertThat(count("select count(*) from survey_request where account_id = :x and score = 5", old)).isEqualTo(1);
		assertThat(comments(recent)).isEqualTo(1);
		assertThat(audits(old)).isPositive();

		// Day 731: the old account's audit entries go, the recent one's (671 days old) stay.
		clock.advance(Duration.ofDays(365));
		privacy.applyRetention();
		assertThat(audits(old)).isZero();
		assertThat(audits(recent)).isEqualTo(recentAudits);

		// Each run is logged with its counts, newest first.
		var runs = get("/api/v1/privacy/retention-runs").body();
		assertThat(runs.size()).isGreaterThanOrEqualTo(4);
		assertThat(runs.findValuesAsString("id")).contains(first.id().toString(), run.id().toString());
	}
}
