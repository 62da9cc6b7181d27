package com.onward.shared;

import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Reads that tolerate a little lag go to a streaming replica. When
 * {@code onward.datasource.replica.url} is set (next to an external {@code spring.datasource.url}),
 * the application's {@link DataSource} becomes a {@link LazyConnectionDataSourceProxy}: a
 * transaction marked {@code @Transactional(readOnly = true)} (portfolio, lists, analytics,
 * exports) takes its connection from the replica pool, everything else — writes, reads without
 * a read-only transaction, Flyway, ShedLock, the event publication registry, Spring Session —
 * from the primary pool. Without a replica nothing of this exists and Boot's single pool (or the
 * embedded database) is used as before.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaConfiguration.ReplicaConfigured.class)
@EnableConfigurationProperties(ReadReplicaConfiguration.ReplicaProperties.class)
class ReadReplicaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReadReplicaConfiguration.class);

	/** The replica's connection; the pool settles on {@code maxPoolSize} connections. */
	@ConfigurationProperties("onward.datasource.replica")
	record ReplicaProperties(String url, String username, String password, int maxPoolSize, Duration connectionTimeout) {
		ReplicaProperties {
			if (maxPoolSize <= 0) maxPoolSize = 10;
			if (connectionTimeout == null) connectionTimeout = Duration.ofSeconds(5);
		}
	}

	/** A replica is used only next to an external primary (the embedded database has none). */
	static class ReplicaConfigured implements Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment env = context.getEnvironment();
			return notBlank(env.getProperty("onward.datasource.replica.url"))
					&& notBlank(env.getProperty("spring.datasource.url"));
		}

		private static boolean notBlank(String s) {
			return s != null && !s.isBlank();
		}
	}

	/** The primary pool, configured by {@code spring.datasource.*} and {@code spring.datasource.hikari.*}. */
	@Bean(destroyMethod = "close")
	@FlywayDataSource
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource primaryDataSource(DataSourceProperties properties) {
		HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("onward-primary");
		return pool;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource replicaDataSource(ReplicaProperties replica) {
		var pool = new HikariDataSource();
		pool.setJdbcUrl(replica.url());
		pool.setUsername(replica.username());
		pool.setPassword(replica.password());
		pool.setMaximumPoolSize(replica.maxPoolSize());
		pool.setConnectionTimeout(replica.connectionTimeout().toMillis());
		pool.setReadOnly(true);
		pool.setPoolName("onward-replica");
		return pool;
	}

	@Bean
	@Primary
	LazyConnectionDataSourceProxy dataSource(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica) {
		var proxy = new LazyConnectionDataSourceProxy(primary);
		proxy.setReadOnlyDataSource(replica);
		log.info("Read-only transactions go to the replica pool, everything else to the primary");
		return proxy;
	}
}
