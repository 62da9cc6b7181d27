package com.onward.operations;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Every asynchronous event listener ({@code @ApplicationModuleListener}) runs on one bounded pool:
 * at most {@code onward.background.listener-threads} at once, so background work never holds more
 * connections than that, and {@code web-reserved-connections} of the pool always stay free for web
 * requests. Work beyond the threads waits in a bounded queue; when the queue is full the publisher
 * waits for room (back-pressure) instead of starting yet another thread. A listener that fails
 * leaves its event publication incomplete: {@link EventPublications} records the error and
 * resubmits it later.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWorkConfiguration implements AsyncConfigurer {

	private static final Logger log = LoggerFactory.getLogger(BackgroundWorkConfiguration.class);

	private final BackgroundProperties props;
	private final ObjectProvider<DataSource> dataSource;
	private final ObjectProvider<EventPublications> publications;
	private final com.onward.shared.BulkChanges bulkChanges;
	private volatile ThreadPoolTaskExecutor executor;
	private volatile ThreadPoolTaskExecutor bulk;

	BackgroundWorkConfiguration(BackgroundProperties props, ObjectProvider<DataSource> dataSource,
			ObjectProvider<EventPublications> publications, com.onward.shared.BulkChanges bulkChanges) {
		this.props = props;
		this.bulkChanges = bulkChanges;
		this.dataSource = dataSource;
		this.publications = publications;
	}

	/**
	 * The threads for listeners: as configured, but never so many that web requests lose their reserve (the bulk
	 * lane's threads counted in).
	 */
	static int listenerThreads(BackgroundProperties props, Integer poolSize) {
		if (poolSize == null) {
			return props.listenerThreads();
		}
		// The 1: the usage counter's connection (com.onward.usage.UsageCounting), one per instance.
		int fit = poolSize - props.schedulerThreads() - props.webReservedConnections() - props.bulkListenerThreads() - 1;
		return Math.max(1, Math.min(props.listenerThreads(), fit));
	}

	@Bean(name = { "applicationTaskExecutor", "taskExecutor" })
	ThreadPoolTaskExecutor applicationTaskExecutor() {
		return executor();
	}

	/**
	 * The bulk lane ({@link com.onward.shared.BulkListener}): chunk events of bulk changes, worked off by
	 * {@code bulk-listener-threads} (one by default) with the same bounded queue and back-pressure. While a bulk
	 * change runs here ({@link com.onward.shared.BulkChanges}), the lane waits for it to end (at most
	 * {@code bulk-hold-max}) before reacting: on two cores the reactions to a recompute's first chunks would
	 * otherwise take half the machine from the rest of the recompute. Its chunk events wait in the queue meanwhile.
	 */
	@Bean(name = com.onward.shared.BulkListener.EXECUTOR)
	ThreadPoolTaskExecutor bulkListenerExecutor() {
		var pool = bounded("bulk-listener-", props.bulkListenerThreads(), task -> () -> {
			try {
				if (!bulkChanges.awaitNone(props.bulkHoldMax())) {
					log.warn("A bulk change is still running after {}: the bulk lane goes on reacting to its chunks",
							props.bulkHoldMax());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt(); // shutting down: react now, or leave the publication to the retry
			}
			task.run();
		});
		log.info("Bulk listeners: {} threads, queue of {}", props.bulkListenerThreads(), props.queueCapacity());
		bulk = pool;
		return pool;
	}

	@Override
	public Executor getAsyncExecutor() {
		return executor();
	}

	private synchronized ThreadPoolTaskExecutor executor() {
		if (executor != null) {
			return executor;
		}
		Integer poolSize = poolSize();
		int threads = listenerThreads(props, poolSize);
		if (threads < props.listenerThreads()) {
			log.warn("onward.background.listener-threads={} does not fit a pool of {} connections with {} for schedules and {} reserved for web requests: using {}",
					props.listenerThreads(), poolSize, props.schedulerThreads(), props.webReservedConnections(), threads);
		}
		var pool = bounded("listener-", threads, null);
		log.info("Asynchronous listeners: {} threads, queue of {} (connection pool: {})", threads, props.queueCapacity(),
				poolSize == null ? "unknown" : poolSize);
		executor = pool;
		return pool;
	}

	private ThreadPoolTaskExecutor bounded(String prefix, int threads, org.springframework.core.task.TaskDecorator decorator) {
		var pool = new ThreadPoolTaskExecutor();
		if (decorator != null) {
			pool.setTaskDecorator(decorator);
		}
		pool.setThreadNamePrefix(prefix);
		pool.setCorePoolSize(threads);
		pool.setMaxPoolSize(threads);
		pool.setQueueCapacity(props.queueCapacity());
		pool.setWaitForTasksToCompleteOnShutdown(true);
		pool.setAwaitTerminationSeconds(2);
		long waitMillis = props.submitWait().toMillis();
		// Back-pressure: a full queue makes the publisher wait for room. Whatever still does not fit is
		// rejected; its publication stays incomplete in the registry and is resubmitted later.
		pool.setRejectedExecutionHandler((task, ex) -> {
			if (ex.isShutdown()) {
				throw new RejectedExecutionException("Listener pool shut down");
			}
			try {
				if (!ex.getQueue().offer(task, waitMillis, TimeUnit.MILLISECONDS)) {
					throw new RejectedExecutionException("Listener queue full for " + props.submitWait());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new RejectedExecutionException("Interrupted while waiting for the listener queue", e);
			}
		});
		pool.initialize();
		return pool;
	}

	ThreadPoolExecutor threadPool() {
		return executor().getThreadPoolExecutor();
	}

	/** Threads, busy threads and queued invocations of both lanes (the listener pool and the bulk lane). */
	int[] load() {
		var lanes = new java.util.ArrayList<ThreadPoolExecutor>();
		lanes.add(threadPool());
		if (bulk != null) {
			lanes.add(bulk.getThreadPoolExecutor());
		}
		int[] load = new int[3];
		for (ThreadPoolExecutor lane : lanes) {
			load[0] += lane.getMaximumPoolSize();
			load[1] += lane.getActiveCount();
			load[2] += lane.getQueue().size();
		}
		return load;
	}

	private Integer poolSize() {
		DataSource ds = dataSource.getIfAvailable();
		try {
			if (ds != null && ds.isWrapperFor(HikariDataSource.class)) {
				return ds.unwrap(HikariDataSource.class).getMaximumPoolSize();
			}
		}
		catch (java.sql.SQLException e) {
			// Not a Hikari pool: keep the configured size.
		}
		return null;
	}

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return (Throwable error, Method method, Object... params) -> {
			String listener = method.getDeclaringClass().getName() + "." + method.getName();
			String event = params.length > 0 && params[0] != null ? params[0].getClass().getName() : "?";
			log.warn("Listener {} failed for {} (its event publication stays incomplete and is retried): {}", listener,
					event, org.springframework.core.NestedExceptionUtils.getMostSpecificCause(error).toString());
			EventPublications p = publications.getIfAvailable();
			if (p != null) {
				p.recordFailure(listener, event, error);
			}
		};
	}
}
