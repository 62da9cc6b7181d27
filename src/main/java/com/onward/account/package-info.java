/**
 * Accounts: the vendor's customers with their segment and touch model, segment
 * overrides with history, signed contracts received by API, CSV or UI and made idempotent
 * on the CRM's external id. Signing publishes {@link com.onward.account.ContractSigned},
 * from which the onboarding module builds the project.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.onward.account;
