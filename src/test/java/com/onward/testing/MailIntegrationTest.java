package com.onward.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An integration test that sends mail to GreenMail on port 3025 (register
 * {@code GreenMailExtension(ServerSetupTest.SMTP)} in the class) and Slack notices to a local stub on port
 * 3099, retrying failed deliveries at once. Every class with this annotation shares one application context
 * and its own database ({@code target/test-postgres-mail}), apart from the tests without mail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
		"onward.embedded-db.data-dir=target/test-postgres-mail", "onward.messaging.first-retry=0s",
		"onward.messaging.slack-webhook-url=http://localhost:3099/slack" })
public @interface MailIntegrationTest {
}
