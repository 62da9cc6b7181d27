package com.onward.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An asynchronous listener for a chunk event of a bulk change (a full recompute's flags and band changes, an
 * import's contracts): like {@code @ApplicationModuleListener} (after commit, in its own transaction, its event
 * publication completed or retried), but on the bulk lane ({@code onward.background.bulk-listener-threads}): a
 * bulk change's hundreds of chunks are worked off one after another there, instead of filling the listener pool
 * and queueing the reactions to single changes (a contract signed, an item done) behind them, and of taking the
 * cores from the bulk change itself.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Async(BulkListener.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener
public @interface BulkListener {

	/** The bean name of the bulk lane's executor. */
	String EXECUTOR = "bulkListenerExecutor";
}
