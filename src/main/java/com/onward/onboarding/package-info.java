/**
 * Onboarding projects: a signed contract becomes a project built from the
 * segment's playbook version with concrete dates, lengthened by the customisation factors
 * (each factor's effect on each date is kept). Items carry status, assignee and notes;
 * completing or slipping an item moves its dependents and the forecast graduation date.
 * Scope changes are tagged Phase 1 / Phase 2, previewed for their effect on go-live and
 * kept as history. Stage deliverables are items of kind DELIVERABLE.
 */
// No other module's data: the project page's first value date comes from analytics through FirstValueSource,
// which analytics implements (analytics depends on onboarding, so no cycle).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "playbook", "shared" })
package com.onward.onboarding;
