package com.onward.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Zero setup: when no {@code spring.datasource.url} is configured, start a real PostgreSQL
 * in-process with its data under {@code onward.embedded-db.data-dir} (kept across restarts),
 * so trying Onward needs nothing but a JDK. Production points spring.datasource.* at a server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@ConfigurationProperties("onward.embedded-db")
	record EmbeddedDbProperties(String dataDir, boolean cleanOnStart, int port, int maxPoolSize,
			java.time.Duration connectionTimeout) {
		EmbeddedDbProperties {
			if (dataDir == null || dataDir.isBlank()) dataDir = "data/postgres";
			if (maxPoolSize <= 0) maxPoolSize = 20;
			if (connectionTimeout == null) connectionTimeout = java.time.Duration.ofSeconds(5);
		}
	}

	static class NoDatasourceUrl implements Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return url == null || url.isBlank();
		}
	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDbProperties props) throws IOException {
		Path dir = Path.of(props.dataDir()).toAbsolutePath();
		Files.createDirectories(dir.getParent());
		var builder = EmbeddedPostgres.builder()
			// Stopped by this bean's close(), after everything that uses the database: zonky's own JVM
			// shutdown hook would stop it concurrently with Spring's, and beans that still need the
			// database on close (the event publication registry) would wait 30 s for a connection.
			.setRegisterShutdownHook(false)
			.setDataDirectory(dir)
			.setCleanDataDirectory(props.cleanOnStart())
			.setServerConfig("max_connections", "200")
			.setServerConfig("fsync", props.cleanOnStart() ? "off" : "on");
		if (props.port() > 0) {
			builder.setPort(props.port());
		}
		EmbeddedPostgres pg = builder.start();
		log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dir);
		return pg;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres pg, EmbeddedDbProperties props) {
		var config = new HikariConfig();
		config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(props.maxPoolSize());
		// While the database is away a request fails after this long (503) instead of hanging 30 s.
		config.setConnectionTimeout(props.connectionTimeout().toMillis());
		config.setPoolName("onward-embedded");
		// Batches of plan items and RACI cells become multi-row inserts: one statement, not forty.
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		return new HikariDataSource(config);
	}
}
