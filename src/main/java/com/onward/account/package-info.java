/**
 * Accounts: the vendor's customers with their segment and touch model (ACC-1..3), segment
 * overrides with history, signed contracts received by API, CSV or UI and made idempotent
 * on the CRM's external id (ACC-4). Signing publishes {@link com.onward.account.ContractSigned},
 * from which the onboarding module builds the project.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.onward.account;
