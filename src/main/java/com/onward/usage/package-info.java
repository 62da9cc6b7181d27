/**
 * Usage telemetry: products post usage events in batches to
 * {@code POST /api/v1/events}; a batch is validated whole, deduplicated on its
 * Idempotency-Key and on each event's id, and committed before it is acknowledged. Raw events
 * go to a table partitioned by month, and the batch's rollup deltas beside them in the same transaction;
 * {@link com.onward.usage.UsageCounting} folds the deltas of many batches into the rollups per
 * account/user/day, per account/user and per account/feature a moment later, so that adoption metrics
 * never scan raw events and batches never queue on rollup rows. The first occurrence of each early win
 * is detected in the batch's transaction and published as {@link com.onward.usage.EarlyWinDetected};
 * every count publishes {@link com.onward.usage.UsageRecorded} so that health can refresh the accounts
 * it touched.
 * {@link com.onward.usage.Adoption} is the module's API for metrics, target curves and users.
 */
// Reads, besides the APIs: account_v, onboarding_project_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared" })
package com.onward.usage;
