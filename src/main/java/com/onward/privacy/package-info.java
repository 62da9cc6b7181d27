/**
 * Privacy: the data-protection rights of the customer's people (UU 27/2022, PDPA, GDPR) served
 * across every module — erase a person, export an account, delete a churned account — and the
 * retention job. This module orchestrates; each module erases, exports and deletes its own data
 * through its {@link com.onward.shared.PersonalDataHandler} bean, called synchronously so the
 * report is complete when the request answers. Every request and retention run is logged here
 * (subjects only as keyed digests) and in the audit log. See docs/privacy.md.
 */
// Reads, besides the APIs: account_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared", "stakeholder" })
package com.onward.privacy;
