package com.onward.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins counted per user name and per client address in the database, so every instance
 * sees them: after {@code maxFailuresPerUser} (or {@code maxFailuresPerAddress}) failures within
 * {@code forgetAfter}, the name (or address) is locked for {@code firstLock}, doubling with each
 * further failure up to {@code maxLock}. A successful sign-in clears its user name.
 */
@Component
class SignInThrottle {

	@ConfigurationProperties("onward.identity.sign-in")
	record ThrottleProperties(int maxFailuresPerUser, int maxFailuresPerAddress, Duration firstLock, Duration maxLock,
			Duration forgetAfter) {
		ThrottleProperties {
			if (maxFailuresPerUser <= 0) maxFailuresPerUser = 5;
			if (maxFailuresPerAddress <= 0) maxFailuresPerAddress = 20;
			if (firstLock == null) firstLock = Duration.ofSeconds(30);
			if (maxLock == null) maxLock = Duration.ofMinutes(15);
			if (forgetAfter == null) forgetAfter = Duration.ofMinutes(30);
		}
	}

	private final JdbcClient jdbc;
	private final ThrottleProperties props;
	private final Clock clock;

	SignInThrottle(JdbcClient jdbc, ThrottleProperties props, Clock clock) {
		this.jdbc = jdbc;
		this.props = props;
		this.clock = clock;
	}

	/** Until when signing in as {@code username} from {@code address} is refused, if it is now. */
	Optional<Instant> lockedUntil(String username, String address) {
		Timestamp until = jdbc.sql("select max(locked_until) from sign_in_throttle where key in (:keys) and locked_until > :now")
			.param("keys", List.of(userKey(username), addressKey(address)))
			.param("now", Timestamp.from(clock.instant())).query(Timestamp.class).optional().orElse(null);
		return Optional.ofNullable(until).map(Timestamp::toInstant);
	}

	void failed(String username, String address) {
		count(userKey(username), props.maxFailuresPerUser());
		count(addressKey(address), props.maxFailuresPerAddress());
	}

	void succeeded(String username) {
		jdbc.sql("delete from sign_in_throttle where key = :k").param("k", userKey(username)).update();
	}

	private void count(String key, int max) {
		Instant now = clock.instant();
		int failures = jdbc.sql("""
				insert into sign_in_throttle as t (key, failures, last_failure_at) values (:k, 1, :now)
				on conflict (key) do update set
				  failures = case when t.last_failure_at < :forget then 1 else t.failures + 1 end,
				  last_failure_at = :now
				returning failures""")
			.param("k", key).param("now", Timestamp.from(now))
			.param("forget", Timestamp.from(now.minus(props.forgetAfter()))).query(Integer.class).single();
		if (failures >= max) {
			Duration lock = props.firstLock().multipliedBy(1L << Math.min(20, failures - max));
			if (lock.compareTo(props.maxLock()) > 0) lock = props.maxLock();
			jdbc.sql("update sign_in_throttle set locked_until = :until where key = :k")
				.param("until", Timestamp.from(now.plus(lock))).param("k", key).update();
		}
	}

	private static String userKey(String username) {
		String name = Users.normalise(username);
		return "user:" + (name.length() > 200 ? name.substring(0, 200) : name);
	}

	private static String addressKey(String address) {
		return "ip:" + (address == null ? "unknown" : address);
	}
}
