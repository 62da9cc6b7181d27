/**
 * Operations: the bounded executor every asynchronous event listener runs on (sized against the
 * connection pool, with a queue and back-pressure), the retry of event publications whose
 * listener failed (with back-off, once across instances), and what admins and Prometheus see of
 * them (count, oldest, last error).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package com.onward.operations;
