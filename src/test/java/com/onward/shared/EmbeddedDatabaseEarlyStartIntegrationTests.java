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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of zero-setup mode starts on its own thread when the context begins to refresh,
 * is handed to the context's database beans, and is never left running: not after a normal stop, not when
 * nothing used it, not when the context fails to start.
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

	@Configuration(proxyBeanMethods = false)
	static class FailingBeforeTheDatabase {
		@Bean
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
			assertThat(postgres.getPort()).isEqualTo(port);
			Integer answer = JdbcClient.create(context.getBean(DataSource.class)).sql("select 6 * 7").query(Integer.class).single();
			assertThat(answer).isEqualTo(42);
			assertThat(DATA.resolve("postmaster.pid")).exists();
		}
		assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
		assertThat(listening(port)).isFalse();
	}

	@Test
	void aDatabaseNothingUsedIsStoppedWhenTheContextCloses() throws IOException {
		int port = freePort();
		try (ConfigurableApplicationContext context = start(WithoutTheDatabase.class, port)) {
			assertThat(context.getBean(EmbeddedDatabaseEarlyStart.Start.class).claimed()).isFalse();
		}
		assertThat(DATA.resolve("PG_VERSION")).exists();
		assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
		assertThat(listening(port)).isFalse();
	}

	@Test
	void aContextThatFailsToStartLeavesNoDatabaseRunning() throws IOException {
		int port = freePort();
		assertThatThrownBy(() -> start(FailingBeforeTheDatabase.class, port).close())
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

	private static ConfigurableApplicationContext start(Class<?> configuration, int port) throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
		Files.createDirectories(DATA.getParent());
		// As arguments: they outrank application.yml, as the defaults of the builder's properties() do not. Not
		// cleaned on start (the folder is emptied here): zonky would delete the folder on stop, and with it the proof
		// that the database had started.
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.run("--onward.embedded-db.data-dir=" + DATA, "--onward.embedded-db.port=" + port,
					"--onward.embedded-db.clean-on-start=false", "--onward.embedded-db.password=early-start-test");
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
