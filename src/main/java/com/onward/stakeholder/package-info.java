/**
 * Stakeholders: the customer's contacts with role, contact data, engagement,
 * sentiment and last contact; and a RACI matrix per project generated from the playbook's
 * owner roles when the project is created, editable cell by cell.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared" })
package com.onward.stakeholder;
