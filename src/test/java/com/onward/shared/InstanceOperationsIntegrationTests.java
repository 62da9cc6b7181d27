package com.onward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.IntegrationTest;
import com.onward.OnwardApplication;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Running several instances: more Onward instances started on the test database, as a load
 * balancer would see them. Read-only transactions reach the replica and everything else the
 * primary; a request in flight when an instance shuts down still completes, after readiness has
 * gone down; a staff session started on one instance survives its restart.
 */
class InstanceOperationsIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Test
	void readOnlyTransactionsReachTheReplicaAndEverythingElseThePrimary() throws Exception {
		String primaryUrl = ((HikariDataSource) dataSource).getJdbcUrl();
		// The "replica": a second database on the same server, migrated but holding none of the primary's rows.
		jdbc.sql("drop database if exists onward_replica_copy with (force)").update();
		jdbc.sql("create database onward_replica_copy").update();
		String replicaUrl = primaryUrl.replaceFirst("/postgres(\\?|$)", "/onward_replica_copy$1");
		assertThat(replicaUrl).contains("/onward_replica_copy");
		Flyway.configure().dataSource(replicaUrl, "postgres", password()).locations("classpath:db/migration").load()
			.migrate();
		var replica = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(replicaUrl,
				"postgres", password()));
		try (ConfigurableApplicationContext instance = start(List.of("--onward.datasource.replica.url=" + replicaUrl,
				"--onward.datasource.replica.username=postgres", "--onward.datasource.replica.password=" + password()),
				null)) {
			assertThat(instance.getBean(DataSource.class)).isInstanceOf(LazyConnectionDataSourceProxy.class);
			JdbcClient db = instance.getBean(JdbcClient.class);
			var tx = new TransactionTemplate(instance.getBean(PlatformTransactionManager.class));
			var readOnly = new TransactionTemplate(instance.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);

			String readOnlyDatabase = readOnly.execute(s -> database(db));
			String readWriteDatabase = tx.execute(s -> database(db));
			assertThat(readOnlyDatabase).isEqualTo("onward_replica_copy");
			assertThat(readWriteDatabase).isEqualTo("postgres");
			assertThat(database(db)).as("outside a transaction").isEqualTo("postgres");

			// Over HTTP: a contract is signed on the primary, the user's next read of it (not read-only) sees
			// it there, and the account list (a read-only transaction) is answered by the replica.
			int port = port(instance);
			String externalId = unique("replica");
			Response signed = http(port, "POST", "/api/v1/contracts",
					json.writeValueAsString(contract(externalId, "2026-03-01T09:00:00Z", 40, 5_000, "en")));
			assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
			String accountId = signed.body().get("accountId").asString();
			assertThat(http(port, "GET", "/api/v1/accounts/" + accountId, null).status()).isEqualTo(200);
			String q = "?q=" + URLEncoder.encode("Acme " + externalId, StandardCharsets.UTF_8);
			assertThat(http(port, "GET", "/api/v1/accounts" + q, null).body().get("total").asLong())
				.as("the replica has not got the new account").isZero();
			assertThat(get("/api/v1/accounts" + q).body().get("total").asLong()).as("the primary has").isEqualTo(1);
			// The writes that came with it — the account, the event publication registry — are on the primary only.
			assertThat(replica.sql("select count(*) from account").query(Long.class).single()).isZero();
			assertThat(replica.sql("select count(*) from event_publication").query(Long.class).single()).isZero();

			// A staff sign-in and the dashboard (a read-only page) on this instance: the session is written to
			// and read from the primary, the page's data comes from the replica.
			createUser("ops-replica", "ops-replica-pass");
			HttpClient browser = signIn(port, "ops-replica", "ops-replica-pass");
			HttpResponse<String> dashboard = browser.send(request(port, "/").build(), HttpResponse.BodyHandlers.ofString());
			assertThat(dashboard.statusCode()).isEqualTo(200);
			assertThat(dashboard.body()).contains("portfolio-list").doesNotContain("Acme " + externalId);
			assertThat(replica.sql("select count(*) from spring_session").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'ops-replica'")
				.query(Long.class).single()).isEqualTo(1);
		}
		finally {
			jdbc.sql("drop database if exists onward_replica_copy with (force)").update();
		}
	}

	@Test
	void aRequestInFlightWhenShutdownStartsCompletesAfterReadinessWentDown() throws Exception {
		var entered = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		ApplicationContextInitializer<ConfigurableApplicationContext> slowEndpoint = ctx -> ((GenericApplicationContext) ctx)
			.registerBean("slowServlet", ServletRegistrationBean.class,
					() -> new ServletRegistrationBean<>(new SlowServlet(entered, release), "/api/v1/test-slow"));
		ConfigurableApplicationContext instance = start(
				List.of("--server.shutdown=graceful", "--onward.lifecycle.drain-delay=2s"), slowEndpoint);
		int port = port(instance);
		GracefulShutdown lifecycle = instance.getBean(GracefulShutdown.class);
		assertThat(http(port, "GET", "/actuator/health/readiness", null).status()).isEqualTo(200);

		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request(port, "/api/v1/test-slow")
			.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(entered.await(10, TimeUnit.SECONDS)).as("the slow request reached the instance").isTrue();

		Thread closer = new Thread(instance::close, "closer");
		closer.start();
		// Readiness goes down first, while the instance still answers...
		List<Integer> readiness = new ArrayList<>();
		for (int i = 0; i < 100 && !readiness.contains(503); i++) {
			readiness.add(http(port, "GET", "/actuator/health/readiness", null).status());
			Thread.sleep(20);
		}
		assertThat(readiness).contains(503);
		assertThat(lifecycle.stopping()).as("background work told to stop").isTrue();
		assertThat(inFlight).as("the request is still in flight").isNotDone();
		// Not asked to: other requests are still served while draining.
		assertThat(http(port, "GET", "/login", null).status()).isEqualTo(200);

		// ...and the request in flight completes.
		release.countDown();
		HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("finished");
		closer.join(TimeUnit.SECONDS.toMillis(40));
		assertThat(closer.isAlive()).isFalse();
		assertThat(instance.isActive()).isFalse();
	}

	@Test
	void whileDrainingReadsAreRefusedForTheBalancerToRetryAndWritesStillServed() throws Exception {
		var entered = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		ApplicationContextInitializer<ConfigurableApplicationContext> slowEndpoint = ctx -> ((GenericApplicationContext) ctx)
			.registerBean("slowServlet", ServletRegistrationBean.class,
					() -> new ServletRegistrationBean<>(new SlowServlet(entered, release), "/api/v1/test-slow"));
		ConfigurableApplicationContext instance = start(List.of("--server.shutdown=graceful",
				"--onward.lifecycle.drain-delay=2s", "--onward.lifecycle.retry-reads-while-draining=true"), slowEndpoint);
		int port = port(instance);
		assertThat(http(port, "GET", "/login", null).status()).isEqualTo(200);
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request(port, "/api/v1/test-slow")
			.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

		Thread closer = new Thread(instance::close, "closer");
		closer.start();
		GracefulShutdown lifecycle = instance.getBean(GracefulShutdown.class);
		for (int i = 0; i < 100 && !lifecycle.stopping(); i++) Thread.sleep(20);
		assertThat(lifecycle.stopping()).isTrue();
		HttpResponse<String> read = HttpClient.newHttpClient().send(request(port, "/login").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).as("a new read: refused before anything ran").isEqualTo(503);
		assertThat(read.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(http(port, "GET", "/actuator/health/readiness", null).status()).as("the probe is answered").isEqualTo(503);
		// A write is still served: nginx would not resend it to another instance.
		var write = http(port, "POST", "/api/v1/tickets", "{\"tickets\": []}");
		assertThat(write.status()).as("validated, not refused").isEqualTo(400);

		release.countDown();
		assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the request in flight completes").isEqualTo(200);
		closer.join(TimeUnit.SECONDS.toMillis(40));
		assertThat(instance.isActive()).isFalse();
	}

	@Test
	void aStaffSessionSurvivesAnInstanceRestart() throws Exception {
		createUser("ops-restart", "ops-restart-pass");
		HttpClient browser;
		try (ConfigurableApplicationContext first = start(List.of(), null)) {
			browser = signIn(port(first), "ops-restart", "ops-restart-pass");
			HttpResponse<String> page = browser.send(request(port(first), "/").build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("portfolio-list");
		}
		// The instance is gone; a new one (another port, as behind a load balancer) knows the session.
		try (ConfigurableApplicationContext second = start(List.of(), null)) {
			HttpResponse<String> page = browser.send(request(port(second), "/").build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).as("not sent to the sign-in page").isEqualTo(200);
			assertThat(page.body()).contains("portfolio-list");
		}
		// And the main instance too: any instance serves any session.
		HttpResponse<String> page = browser.send(request(port, "/").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
	}

	private ConfigurableApplicationContext start(List<String> extra,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		String url = ((HikariDataSource) dataSource).getJdbcUrl();
		var args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=" + password(), "--server.port=0", "--spring.jmx.enabled=false"));
		args.addAll(extra);
		var builder = new SpringApplicationBuilder(OnwardApplication.class).profiles("test");
		if (initializer != null) {
			builder.initializers(initializer);
		}
		return builder.run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String database(JdbcClient db) {
		return db.sql("select current_database()").query(String.class).single();
	}

	/** The embedded database's generated superuser password. */
	private String password() {
		return ((HikariDataSource) dataSource).getPassword();
	}

	private void createUser(String username, String password) {
		if (users.find(username).isEmpty()) users.create(username, username, null, StaffRole.VIEWER, password);
	}

	private Response http(int port, String method, String path, String body) {
		try {
			var builder = request(port, path).header("Authorization", "Bearer " + ADMIN_TOKEN)
				.header("Content-Type", "application/json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			HttpResponse<String> r = HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.body() == null || r.body().isBlank() || !r.body().startsWith("{") ? null
					: json.readTree(r.body()), r.body());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static HttpClient signIn(int port, String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request(port, "/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(m.find()).as("a CSRF field").isTrue();
		String form = "username=" + user + "&password=" + password + "&_csrf="
				+ URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> r = client.send(request(port, "/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}

	/** Holds its request until released (at most 20 s), like a slow report being generated. */
	static final class SlowServlet extends HttpServlet {

		private final CountDownLatch entered;
		private final CountDownLatch release;

		SlowServlet(CountDownLatch entered, CountDownLatch release) {
			this.entered = entered;
			this.release = release;
		}

		@Override
		protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
			entered.countDown();
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			resp.setContentType("text/plain");
			resp.getWriter().write("finished");
		}
	}
}
