package com.onward.shared;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What readiness ({@code /actuator/health/readiness}) checks besides the application's own
 * state: the primary database answers ({@code database}), and every migration this version
 * ships has been applied ({@code migrations}; a schema ahead of this version, from a newer
 * instance in a rolling upgrade, is fine). A replica is not part of readiness: a lagging or
 * missing replica must not take every instance out of the load balancer at once.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessHealth {

	@Bean
	HealthIndicator databaseHealthIndicator(JdbcClient jdbc) {
		return () -> {
			try {
				// No read-only transaction here, so this reaches the primary even with a replica.
				jdbc.sql("select 1").query(Integer.class).single();
				return Health.up().build();
			}
			catch (RuntimeException e) {
				return Health.down(e).build();
			}
		};
	}

	@Bean
	HealthIndicator migrationsHealthIndicator(ObjectProvider<Flyway> flyway) {
		var cached = new AtomicReference<Checked>();
		return () -> {
			Flyway f = flyway.getIfAvailable();
			if (f == null) {
				return Health.unknown().build();
			}
			Checked c = cached.get();
			// Checked at most every 5 s (monotonic time: the business clock may be fixed in tests).
			long now = System.nanoTime();
			if (c == null || now - c.at() > TimeUnit.SECONDS.toNanos(5)) {
				try {
					var info = f.info();
					MigrationInfo current = info.current();
					c = new Checked(now, info.pending().length, current == null ? null : current.getVersion().toString(), null);
				}
				catch (RuntimeException e) {
					c = new Checked(now, -1, null, e);
				}
				cached.set(c);
			}
			if (c.error() != null) {
				return Health.down(c.error()).build();
			}
			var health = c.pending() == 0 ? Health.up() : Health.outOfService();
			return health.withDetail("schemaVersion", String.valueOf(c.version())).withDetail("pending", c.pending()).build();
		};
	}

	private record Checked(long at, int pending, String version, RuntimeException error) {
	}
}
