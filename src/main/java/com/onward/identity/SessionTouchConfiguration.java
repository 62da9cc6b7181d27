package com.onward.identity;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Spring Session JDBC records every request's access time: one {@code UPDATE} of the session's row
 * per request. Requests of one person (several tabs, htmx fragments, the same cookie in a script)
 * then queue on that row's lock, each waiting for the previous commit. Here the row is written
 * only when something in it changed (a new session id at sign-in, principal, timeout) or the
 * recorded access is older than {@code onward.identity.session-touch-interval}; otherwise the
 * update matches no row, takes no lock and writes nothing. The idle timeout is then exact to
 * within that interval. Attribute changes are written as before, at every request that makes them.
 */
@Configuration(proxyBeanMethods = false)
class SessionTouchConfiguration {

	/** Spring Session's update with its six parameters in the same order, plus the "changed" test. */
	static final String UPDATE_SESSION_QUERY = """
			UPDATE %TABLE_NAME% s
			SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access, MAX_INACTIVE_INTERVAL = v.max_inactive,
			  EXPIRY_TIME = v.expiry, PRINCIPAL_NAME = v.principal
			FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access,
			  CAST(? AS INT) AS max_inactive, CAST(? AS BIGINT) AS expiry, CAST(? AS VARCHAR(100)) AS principal,
			  CAST(? AS CHAR(36)) AS primary_id) v
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive
			    OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal
			    OR v.last_access - s.LAST_ACCESS_TIME >= %TOUCH_MILLIS%)
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTouchInterval(
			@Value("${onward.identity.session-touch-interval}") Duration interval) {
		long millis = Math.max(0, interval.toMillis());
		return repository -> repository
			.setUpdateSessionQuery(UPDATE_SESSION_QUERY.replace("%TOUCH_MILLIS%", Long.toString(millis)));
	}

	/**
	 * An attribute added by two requests of the same session at once is stored by the second as an
	 * update instead of failing that request on the attribute table's primary key. (The CSRF token,
	 * the one attribute pages used to add, is now made at sign-in.)
	 */
	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}
}
