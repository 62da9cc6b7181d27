package com.onward.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
			java.time.Duration connectionTimeout, String password) {
		EmbeddedDbProperties {
			if (dataDir == null || dataDir.isBlank()) dataDir = "data/postgres";
			if (maxPoolSize <= 0) maxPoolSize = 20;
			if (connectionTimeout == null) connectionTimeout = java.time.Duration.ofSeconds(5);
			if (password != null && password.isBlank()) password = null;
		}
	}

	/** The superuser's password: configured, or generated once and kept beside the data directory. */
	record Credentials(String password) {
		@Override
		public String toString() {
			return "Credentials[password=***]";
		}
	}

	static class NoDatasourceUrl implements Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return zeroSetup(context.getEnvironment());
		}
	}

	static boolean zeroSetup(Environment environment) {
		String url = environment.getProperty("spring.datasource.url");
		return url == null || url.isBlank();
	}

	/** The superuser's password: configured, or read from the file the first start (or the early start) wrote. */
	@Bean
	Credentials embeddedDbCredentials(EmbeddedDbProperties props) throws IOException {
		return credentials(props);
	}

	static Credentials credentials(EmbeddedDbProperties props) throws IOException {
		if (props.password() != null) return new Credentials(props.password());
		Path file = passwordFile(props);
		if (Files.exists(file)) return new Credentials(Files.readString(file).strip());
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Files.createDirectories(file.getParent());
		writeOwnerOnly(file, password);
		return new Credentials(password);
	}

	static Path passwordFile(EmbeddedDbProperties props) {
		Path dir = Path.of(props.dataDir()).toAbsolutePath();
		return dir.resolveSibling(dir.getFileName() + ".password");
	}

	/** The database the early start began (waiting for it to be up), or, without one to take, started here. */
	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(ObjectProvider<EmbeddedDatabaseEarlyStart.Start> early, EmbeddedDbProperties props,
			Credentials credentials) throws IOException {
		EmbeddedDatabaseEarlyStart.Start start = early.getIfAvailable();
		EmbeddedPostgres started = start == null ? null : start.claim();
		return started != null ? started : start(props, credentials);
	}

	static EmbeddedPostgres start(EmbeddedDbProperties props, Credentials credentials) throws IOException {
		Path dir = Path.of(props.dataDir()).toAbsolutePath();
		Files.createDirectories(dir.getParent());
		// A new cluster is created with password authentication (scram-sha-256) for every connection,
		// local or TCP, instead of zonky's "trust": no other local user or process gets in as superuser.
		Path pwfile = Files.createTempFile(dir.getParent(), ".initdb", ".pw");
		writeOwnerOnly(pwfile, credentials.password());
		var builder = EmbeddedPostgres.builder()
			.setLocaleConfig("auth", "scram-sha-256")
			.setLocaleConfig("pwfile", pwfile.toString())
			.setConnectConfig("password", credentials.password())
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
		EmbeddedPostgres pg;
		try {
			pg = builder.start();
		}
		finally {
			Files.deleteIfExists(pwfile);
		}
		try {
			requirePasswords(pg, dir, credentials);
		}
		catch (IOException | RuntimeException e) {
			pg.close();
			throw e;
		}
		log.info("Embedded PostgreSQL started on port {} with data in {} (password in {})", pg.getPort(), dir,
				props.password() == null ? passwordFile(props) : "onward.embedded-db.password");
		return pg;
	}

	/**
	 * A cluster created before passwords were required still trusts every local connection: give the
	 * superuser the password and switch every rule to scram-sha-256 (reloaded at once).
	 */
	private static void requirePasswords(EmbeddedPostgres pg, Path dir, Credentials credentials) throws IOException {
		Path hba = dir.resolve("pg_hba.conf");
		List<String> rules = Files.readAllLines(hba);
		java.util.function.Predicate<String> trusting = line -> !line.strip().startsWith("#")
				&& line.matches(".*\\btrust\\b.*");
		if (rules.stream().noneMatch(trusting)) return;
		try (var connection = pg.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter user postgres password '" + credentials.password().replace("'", "''") + "'");
			Files.write(hba, rules.stream()
				.map(line -> trusting.test(line) ? line.replaceAll("\\btrust\\b", "scram-sha-256") : line)
				.toList());
			statement.execute("select pg_reload_conf()");
			log.warn("The embedded PostgreSQL trusted local connections; it now requires the password");
		}
		catch (java.sql.SQLException e) {
			throw new IOException("Could not require passwords on the embedded PostgreSQL", e);
		}
	}

	private static void writeOwnerOnly(Path file, String text) throws IOException {
		Files.writeString(file, text);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// Not a POSIX file system: the directory's permissions apply.
		}
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres pg, EmbeddedDbProperties props, Credentials credentials) {
		var config = new HikariConfig();
		config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setPassword(credentials.password());
		config.setMaximumPoolSize(props.maxPoolSize());
		// While the database is away a request fails after this long (503) instead of hanging 30 s.
		config.setConnectionTimeout(props.connectionTimeout().toMillis());
		config.setPoolName("onward-embedded");
		// Batches of plan items and RACI cells become multi-row inserts: one statement, not forty.
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		return new HikariDataSource(config);
	}
}
