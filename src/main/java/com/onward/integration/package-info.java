/**
 * Integrations: CRM webhooks that map any JSON payload to a signed contract with JSON Pointer
 * expressions (presets for a HubSpot workflow webhook and a Salesforce Flow HTTP callout), each
 * connection with its own HMAC secret and its last deliveries; and the admins' Integrations page
 * that also shows the help-desk receivers (support module) and Segment's event-name mapping
 * (usage module). Contracts are signed through {@link com.onward.account.Contracts}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "shared", "support", "usage" })
package com.onward.integration;
