/**
 * Support: help-desk tickets from {@code POST /api/v1/tickets} and
 * from Zendesk and Freshdesk webhooks, all mapped to one model and idempotent on the source's
 * ticket id (a later {@code updatedAt} wins). Publishes {@link com.onward.support.TicketsRecorded}
 * so health rescored the accounts touched, and the view {@code support_ticket_v} (the one
 * definition of an open ticket) for health and the BI layer. {@link com.onward.support.Tickets}
 * is the module's API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "identity", "shared" })
package com.onward.support;
